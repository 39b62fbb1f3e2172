// Which network failures are retried: an explicit list of the ones that may pass on their own
// (a temporary DNS failure, a reset, a refused or timed-out connection), and only those.
import dns from 'node:dns';

import { isTransient, type FailedTry } from '../../../../nodes/KakaoChannel/transport/failure';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import { PARAMS, PATHS } from '../../../support/demo';
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
