// Starts the emulator with the demo data and prints {baseUrl, port, adminKey, restApiKey, ...} as one JSON line.
// Usage: cli.ts [--port N] [--host H] [--latency MS] [--admin-key K] [--rest-api-key K]
// (the keys printed are test keys of this local emulator, never real Kakao keys)
import { KakaoEmulator } from './server';
import { DEMO_CHANNELS, DEMO_FILE_NAME, DEMO_TOKENS, seedDemo } from './seed';
import type { EmulatorOptions } from './types';

export function parseArgs(argv: string[]): EmulatorOptions {
	const opts: EmulatorOptions = {};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = (): string => {
			const v = inline ?? argv[++i];
			if (v === undefined) throw new Error(`missing value for ${flag}`);
			return v;
		};
		const num = (): number => {
			const n = Number(value());
			if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer`);
			return n;
		};
		if (flag === '--port') opts.port = num();
		else if (flag === '--host') opts.host = value();
		else if (flag === '--latency') opts.latencyMs = num();
		else if (flag === '--admin-key') opts.adminKey = value();
		else if (flag === '--rest-api-key') opts.restApiKey = value();
		else if (/^\d+$/.test(argv[i]) && opts.port === undefined) opts.port = Number(argv[i]);
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return opts;
}

export async function main(
	argv: string[] = process.argv.slice(2),
	write: (line: string) => void = (l) => process.stdout.write(l),
): Promise<KakaoEmulator> {
	const emu = await KakaoEmulator.start(parseArgs(argv));
	seedDemo(emu);
	const info = {
		baseUrl: emu.baseUrl,
		port: emu.port,
		adminKey: emu.adminKey,
		restApiKey: emu.restApiKey,
		accessTokens: {
			withPlusfriends: DEMO_TOKENS.withScope,
			withoutPlusfriends: DEMO_TOKENS.withoutScope,
		},
		channels: [DEMO_CHANNELS.test, DEMO_CHANNELS.plus],
		customerFile: {
			channel_public_id: DEMO_CHANNELS.test.publicId,
			file_name: DEMO_FILE_NAME,
			file_id: emu.files(DEMO_CHANNELS.test.publicId)[0]?.file_id,
		},
	};
	write(JSON.stringify(info) + '\n');
	return emu;
}

/** True when this file is the process entry point: CommonJS (ts-node, compiled JS) or ESM (node --experimental-strip-types cli.ts). */
function isEntryPoint(): boolean {
	if (typeof require !== 'undefined' && typeof module !== 'undefined')
		return require.main === module;
	return /(^|[\\/])cli\.[cm]?[jt]s$/.test(process.argv[1] ?? '');
}

if (isEntryPoint()) {
	main().then(
		(emu) => {
			const stop = (): void => {
				emu.stop().then(
					() => process.exit(0),
					() => process.exit(1),
				);
			};
			process.once('SIGINT', stop);
			process.once('SIGTERM', stop);
		},
		(err: Error) => {
			process.stderr.write(`kakao-emulator: ${err.message}\n`);
			process.exit(1);
		},
	);
}
