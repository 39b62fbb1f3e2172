// The Kakao emulator in its own process, so the benchmark's CPU figures are the node's alone.
import { KakaoEmulator } from '../../test/kakao-emulator';

const CHANNEL = '_ZeUTxl';

/** Answers the parent's commands: seed users, make a file, count calls by path, clear, stop. */
async function main(): Promise<void> {
	const emu = await KakaoEmulator.start({
		latencyMs: Number(process.argv[2] ?? 20),
		recordBodies: false,
	});
	emu.addChannel({ publicId: CHANNEL, uuid: '@bench' });
	const reply = (message: object) => process.send!(message);
	process.on('message', ({ type, users }: { type: string; users?: number }) => {
		if (type === 'seed') {
			for (let id = 1; id <= users!; id++)
				emu.addUser({
					id: String(id),
					relations: { [CHANNEL]: { relation: id % 10 === 0 ? 'BLOCKED' : 'ADDED' } },
				});
			reply({ type, fileId: emu.seedFile(CHANNEL, 'bench', { 연령: 'number' }) });
		} else if (type === 'stats') {
			const byPath: Record<string, number> = {};
			for (const { path } of emu.requests) byPath[path] = (byPath[path] ?? 0) + 1;
			reply({ type, byPath });
		} else if (type === 'clear') {
			emu.clearRequests();
			reply({ type });
		} else void emu.stop().then(() => process.exit(0));
	});
	const { baseUrl, adminKey, restApiKey } = emu;
	reply({ type: 'ready', baseUrl, adminKey, restApiKey, channel: CHANNEL });
}

void main();
