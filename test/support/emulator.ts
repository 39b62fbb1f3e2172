// One Kakao emulator per test file (the node tests and the emulator's own): started once, reset and
// seeded before every test, stopped at the end. Replaces the same dozen lines at the top of each test file.
import {
	KakaoEmulator,
	seedDemo,
	type EmulatorChannel,
	type EmulatorOptions,
} from '../kakao-emulator';

/** A channel that exists but is not connected to the app (Kakao answers -819). */
export const OFFLINE_CHANNEL: EmulatorChannel = {
	publicId: '_offline',
	uuid: '@꺼짐',
	connected: false,
};

/** A sanctioned channel (Kakao answers -544). */
export const SANCTIONED_CHANNEL: EmulatorChannel = {
	publicId: '_banned',
	uuid: '@제재',
	sanctioned: true,
};

export interface EmulatorFixtureOptions {
	/** Channels added after the demo data. */
	extraChannels?: EmulatorChannel[];
	/** Replaces the demo data (and extraChannels) as what every test starts from. */
	seed?: (emu: KakaoEmulator) => void;
	start?: EmulatorOptions;
}

/**
 * Registers the jest hooks and returns the emulator. The value is a stand-in that forwards to the
 * running emulator, so it can be taken at the top of a file (before `beforeAll` has started it)
 * and used as a `KakaoEmulator` in every test and hook.
 */
export function useKakaoEmulator(options: EmulatorFixtureOptions = {}): KakaoEmulator {
	let running: KakaoEmulator | undefined;
	const seed =
		options.seed ??
		((emu: KakaoEmulator) => {
			seedDemo(emu);
			for (const channel of options.extraChannels ?? []) emu.addChannel(channel);
		});
	beforeAll(async () => {
		running = await KakaoEmulator.start(options.start);
	});
	afterAll(async () => {
		await running?.stop();
		running = undefined;
	});
	beforeEach(() => {
		current().reset();
		seed(current());
	});
	function current(): KakaoEmulator {
		if (running === undefined)
			throw new Error('The Kakao emulator runs only inside tests and hooks (useKakaoEmulator)');
		return running;
	}
	return new Proxy({} as KakaoEmulator, {
		get(_target, property) {
			const emu = current();
			const value = Reflect.get(emu, property, emu) as unknown;
			return typeof value === 'function'
				? (value as (...args: unknown[]) => unknown).bind(emu)
				: value;
		},
		set(_target, property, value) {
			return Reflect.set(current(), property, value);
		},
		has(_target, property) {
			return Reflect.has(current(), property);
		},
	});
}
