// A failed call: which network failures are retried (an explicit list of the ones that may pass
// on their own: a temporary DNS failure, a reset, a refused or timed-out connection, and only
// those), and the typed error it throws: the batch engine reads how the call ended, Kakao's code
// and the tries from the error itself (no side channel). transport/ stands on its own (imports
// nothing from helpers/ or actions/).
import dns from 'node:dns';
import fs from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { KakaoApiError, kakaoApiCall } from '../../../../nodes/KakaoChannel/transport';
import { ANSWERS } from '../../../../nodes/KakaoChannel/transport/answers';
import { isTransient, type FailedTry } from '../../../../nodes/KakaoChannel/transport/failure';
import { KakaoEmulator, type Fault } from '../../../kakao-emulator';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode, withLoadOptionsContext } from '../../../support/engine';
import { CHANNEL, PARAMS, PATHS } from '../../../support/demo';
import { apiCredentials, expectNodeError, jsonOf } from '../../../support/engineHelpers';

const sleeps: number[] = [];
jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async (ms: number) => void sleeps.push(ms),
}));

const emu = useKakaoEmulator();
beforeEach(() => (sleeps.length = 0));
afterEach(() => jest.restoreAllMocks());

describe('the list', () => {
	const network = (code: string, cause = 'other'): FailedTry => ({
		network: { cause: cause as never, code },
	});
	const CONNECTION = ['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT'];
	const NETWORK = ['EAI_AGAIN', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN'];

	it.each([...CONNECTION, 'ESOCKETTIMEDOUT', ...NETWORK])('%s is retried', (code) => {
		expect(isTransient(network(code))).toBe(true);
	});

	it.each([
		['ENOTFOUND', 'dns'],
		['CERT_HAS_EXPIRED', 'tls'],
		['EPROTO', 'tls'],
		['ERR_INVALID_URL', 'badUrl'],
		['ESOMETHINGNEW', 'other'],
	])('%s is not', (code, cause) => {
		expect(isTransient(network(code, cause))).toBe(false);
	});

	it('nor is an address blocked by SSRF protection (no code)', () => {
		expect(isTransient({ network: { cause: 'blocked' } })).toBe(false);
	});
});

/** DNS answers EAI_AGAIN (a temporary failure) for localhost `times` times, then as usual. */
function failLookups(code: string, times: number) {
	const lookup = dns.lookup.bind(dns) as (...args: unknown[]) => void;
	let left = times;
	jest.spyOn(dns, 'lookup').mockImplementation(((host: string, ...rest: unknown[]) => {
		const callback = rest.at(-1) as (error: Error) => void;
		if (host === 'localhost' && left-- > 0)
			return process.nextTick(() => callback(Object.assign(new Error(code), { code })));
		return lookup(host, ...rest);
	}) as never);
}

const relationGet = () =>
	runKakaoNode({
		parameters: PARAMS.get(),
		credentials: apiCredentials(emu, { baseUrl: emu.baseUrl.replace('127.0.0.1', 'localhost') }),
	});

describe('through the engine, with DNS failing', () => {
	it('EAI_AGAIN twice: retried, the third try gets the answer', async () => {
		failLookups('EAI_AGAIN', 2);
		const result = await relationGet();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)[0]).toMatchObject({ user_id: '1001', relation: 'ADDED' });
		expect(sleeps).toEqual([500, 1000]);
		expect(emu.requests.map((r) => r.path)).toEqual([PATHS.relation]);
	});

	it('ENOTFOUND (no such host): not retried, one DNS error', async () => {
		failLookups('ENOTFOUND', 4);
		const error = expectNodeError(await relationGet(), 'NodeApiError', emu);
		expect(error.message).toBe('Could not reach the Kakao API');
		expect(error.description).toMatch(
			/^The host name could not be resolved \(DNS\) \(ENOTFOUND\)\./,
		);
		expect(sleeps).toEqual([]);
	});
});

const RELATION_GET = { resource: 'relation', operation: 'get', authentication: 'adminKey' };

/** The error a relation check throws, called in n8n-core's own context (the engine keeps only a copy). */
const relationGetError = async (credentials: Record<string, ICredentialDataDecryptedObject>) =>
	await withLoadOptionsContext(RELATION_GET, credentials, async (context) =>
		kakaoApiCall.call(context, {
			method: 'GET',
			path: PATHS.relation,
			qs: { channel_ids: CHANNEL, target_id_type: 'user_id', target_id: '1001' },
			answer: ANSWERS.relation,
		}),
	).then(
		() => undefined,
		(error: unknown) => error,
	);

describe('a failed call throws a KakaoApiError', () => {
	it.each<[string, Fault, object]>([
		[
			'Kakao -541 (not retried)',
			{ kind: 'kakao', code: -541 },
			{ outcome: 'rejected', kakaoCode: -541, attempts: 1, resent: 0 },
		],
		[
			'Kakao -1 every time',
			{ kind: 'kakao', code: -1 },
			{ outcome: 'rejected', kakaoCode: -1, attempts: 4, resent: 0 },
		],
		[
			'a dropped connection every time',
			{ kind: 'drop' },
			{ outcome: 'unknown', kakaoCode: undefined, attempts: 4, resent: 3 },
		],
		[
			'a bare HTTP 404',
			{ kind: 'http', status: 404, body: 'nothing here' },
			{ outcome: 'unknown', kakaoCode: undefined, attempts: 1, resent: 0 },
		],
	])('%s: it says how the call ended and what it cost', async (_name, fault, facts) => {
		emu.injectFault({ fault, path: PATHS.relation, times: Infinity });
		const error = await relationGetError(apiCredentials(emu));
		expect(error).toBeInstanceOf(KakaoApiError);
		const { outcome, kakaoCode, attempts, resent, name } = error as KakaoApiError;
		expect({ outcome, kakaoCode, attempts, resent }).toEqual(facts);
		// Still an n8n API error to the editor and the logs.
		expect(name).toBe('NodeApiError');
	});

	it('an unreachable Base URL: the outcome says the request never got to Kakao', async () => {
		const closed = await KakaoEmulator.start();
		await closed.stop();
		const error = await relationGetError(apiCredentials(emu, { baseUrl: closed.baseUrl }));
		expect(error).toBeInstanceOf(KakaoApiError);
		expect((error as KakaoApiError).outcome).toBe('unreached');
	});
});

describe('transport/ depends on nothing above it', () => {
	const dir = path.join(__dirname, '../../../../nodes/KakaoChannel/transport');
	it.each(fs.readdirSync(dir).filter((file) => file.endsWith('.ts')))(
		'%s imports neither helpers/ nor actions/',
		(file) => {
			const source = fs.readFileSync(path.join(dir, file), 'utf8');
			expect(source).not.toMatch(/from '\.\.\/(helpers|actions)\//);
		},
	);

	it('holds no module-level record of failures (the error carries them)', () => {
		const sources = fs
			.readdirSync(dir)
			.map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
			.join('\n');
		expect(sources).not.toMatch(/new WeakMap|\bfailureOf\b/);
	});
});
