// Shared helpers for the engine tests (not a test file itself).
import { CredentialTestContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { DEMO_TOKENS, seedDemo, type KakaoEmulator, type RecordedRequest } from '../kakao-emulator';
import { KakaoChannel } from '../../nodes/KakaoChannel/KakaoChannel.node';
import { useKakaoEmulator, type EmulatorFixtureOptions } from './emulator';
import { runKakaoNode, type RunOptions, type RunResult } from './engine';

type Credentials = Record<string, ICredentialDataDecryptedObject>;
type Keys = Partial<{ adminKey: string; restApiKey: string; baseUrl: string }>;

/** Runs the credential test as n8n's credentials tester does: in n8n-core's CredentialTestContext. */
export async function testCredential(data: ICredentialDataDecryptedObject) {
	const credential = { id: 'c1', name: 'Kakao', type: 'kakaoChannelApi', data };
	const test = new KakaoChannel().methods.credentialTest.kakaoChannelApiTest;
	return await test.call(new CredentialTestContext(), credential);
}

/** This test file's emulator (useKakaoEmulator) and its `run` (runnerFor). */
export function useEngine(options?: EmulatorFixtureOptions) {
	const emu = useKakaoEmulator(options);
	return { emu, run: runnerFor(emu) };
}

/** `run(parameters, items, options)`: the node in n8n's engine, with the emulator's keys (or `token`). */
export function runnerFor(emu: KakaoEmulator) {
	return async (
		parameters: IDataObject,
		items?: IDataObject[],
		{ token, ...options }: Partial<RunOptions> & { token?: string } = {},
	) => {
		const credentials = token ? oauthCredentials(emu, token) : apiCredentials(emu);
		return await runKakaoNode({ parameters, items, credentials, ...options });
	};
}

export function apiCredentials(emu: KakaoEmulator, overrides: Keys = {}): Credentials {
	const { adminKey, restApiKey, baseUrl } = emu;
	return { kakaoChannelApi: { adminKey, restApiKey, baseUrl, ...overrides } };
}

export function oauthCredentials(emu: KakaoEmulator, accessToken: string): Credentials {
	return {
		kakaoChannelOAuth2Api: {
			clientId: 'x',
			clientSecret: 'y',
			grantType: 'authorizationCode',
			authUrl: 'http://127.0.0.1:9/oauth/authorize',
			accessTokenUrl: 'http://127.0.0.1:9/oauth/token',
			scope: 'plusfriends',
			authentication: 'body',
			baseUrl: emu.baseUrl,
			oauthTokenData: { access_token: accessToken, token_type: 'bearer' },
		},
	};
}

/** Which of the emulator's secrets a request's Authorization header carries. */
export function authOf(emu: KakaoEmulator, request: RecordedRequest): string {
	const header = String(request.headers.authorization ?? '');
	if (header === `KakaoAK ${emu.adminKey}`) return 'KakaoAK admin';
	if (header === `KakaoAK ${emu.restApiKey}`) return 'KakaoAK rest';
	const bearer = /^Bearer (.+)$/.exec(header);
	if (bearer) return `Bearer ${bearer[1]}`;
	return `other: ${header.replace(/[0-9a-f]{32}/g, '<hex>')}`;
}

/**
 * No secret anywhere in the run data (output, errors, everything the engine keeps). Compares
 * names, not values, so a failing assertion does not print a key.
 */
export function expectNoSecrets(
	result: RunResult,
	emu: KakaoEmulator,
	extra: Record<string, string> = {},
): void {
	const text = JSON.stringify(result.run) + JSON.stringify(result.error ?? null);
	const secrets: Record<string, string> = {
		adminKey: emu.adminKey,
		restApiKey: emu.restApiKey,
		tokenWithScope: DEMO_TOKENS.withScope,
		tokenWithoutScope: DEMO_TOKENS.withoutScope,
		...extra,
	};
	const leaked = Object.keys(secrets).filter(
		(name) => secrets[name] && text.includes(secrets[name]),
	);
	expect(leaked).toEqual([]);
}

export function jsonOf(output: INodeExecutionData[] | undefined): IDataObject[] {
	expect(output).toBeDefined();
	return output!.map((item) => item.json);
}

/** The input item indexes each output item is paired with, as sorted lists. */
export function pairedOf(output: INodeExecutionData[] | undefined): number[][] {
	expect(output).toBeDefined();
	return output!.map(({ pairedItem }) =>
		(Array.isArray(pairedItem) ? pairedItem : pairedItem === undefined ? [] : [pairedItem])
			.map((entry: IPairedItemData | number) => (typeof entry === 'number' ? entry : entry.item))
			.sort((a, b) => a - b),
	);
}

/** Asserts the run failed with an n8n error (as the engine stores it), with no secret in the run, and returns it. */
export function expectNodeError(
	result: RunResult,
	name: 'NodeApiError' | 'NodeOperationError',
	emu: KakaoEmulator,
) {
	expectNoSecrets(result, emu);
	expect(result.output).toBeUndefined();
	expect(result.error).toBeDefined();
	expect(result.error!.name).toBe(name);
	return result.error!;
}

/** The run stopped with a NodeOperationError naming `message` and the item, before any request. */
export function expectRefused(
	result: RunResult,
	emu: KakaoEmulator,
	message: string,
	itemIndex = 0,
) {
	const error = expectNodeError(result, 'NodeOperationError', emu);
	expect(error.message).toBe(message);
	expect(error.context?.itemIndex).toBe(itemIndex);
	expect(emu.requests).toHaveLength(0);
	return error;
}

/** Back to the demo data (and `extra` channels), between two runs in one test. */
export function fresh(emu: KakaoEmulator, ...extra: Parameters<KakaoEmulator['addChannel']>[0][]) {
	emu.reset();
	seedDemo(emu);
	for (const channel of extra) emu.addChannel(channel);
}

/** An output with the files' update_at hidden: a file's is its time of seeding, which two runs may straddle. */
export const withoutClock = (output: unknown) =>
	JSON.parse(
		JSON.stringify(output ?? null).replace(/"update_at":"[^"]*"/g, '"update_at":"<seeded>"'),
	) as unknown;
