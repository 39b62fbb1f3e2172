// The Kakao emulator in its own process, so the benchmark's CPU figures are the node's alone.
import { KakaoEmulator } from '../../test/kakao-emulator';

type Command =
	| { type: 'seed'; users: number }
	| { type: 'stats' }
	| { type: 'clear' }
	| { type: 'stop' };

const CHANNEL = '_ZeUTxl';

async function main(): Promise<void> {
	const latencyMs = Number(process.argv[2] ?? 20);
	const emu = await KakaoEmulator.start({ latencyMs, recordBodies: false });
	emu.addChannel({ publicId: CHANNEL, uuid: '@bench' });
	let seeded = 0;
	process.on('message', (command: Command) => {
		if (command.type === 'seed') {
			for (let id = seeded + 1; id <= command.users; id++) {
				emu.addUser({
					id: String(id),
					relations: { [CHANNEL]: { relation: id % 10 === 0 ? 'BLOCKED' : 'ADDED' } },
				});
			}
			seeded = Math.max(seeded, command.users);
			process.send!({ type: 'seeded', users: seeded });
		} else if (command.type === 'stats') {
			const byPath: Record<string, number> = {};
			for (const request of emu.requests) byPath[request.path] = (byPath[request.path] ?? 0) + 1;
			process.send!({ type: 'stats', byPath });
		} else if (command.type === 'clear') {
			emu.clearRequests();
			process.send!({ type: 'cleared' });
		} else {
			void emu.stop().then(() => process.exit(0));
		}
	});
	process.send!({
		type: 'ready',
		baseUrl: emu.baseUrl,
		adminKey: emu.adminKey,
		restApiKey: emu.restApiKey,
		channel: CHANNEL,
	});
}

void main();
