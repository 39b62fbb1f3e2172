// The transport's retries and error reports. n8n-workflow's sleep records each wait and returns at
// once (unless a test asks for real time). Only network failures that may pass on their own are
// retried. A failed call's KakaoApiError says how it ended (the batch engine reads it). Each fault
// against each operation: faults/campaign.test.ts.
import dns from 'node:dns';
import fs from 'node:fs';
import path from 'node:path';

import { KakaoApiError, kakaoApiCall } from '../../../../nodes/KakaoChannel/transport';
import { ANSWERS } from '../../../../nodes/KakaoChannel/transport/answers';
import { isTransient, type FailedTry } from '../../../../nodes/KakaoChannel/transport/failure';
import { DEMO_TOKENS, KakaoEmulator, type Fault } from '../../../kakao-emulator';
import { withLoadOptionsContext } from '../../../support/engine';
import { CHANNEL, PARAMS, PATHS, demoRelation } from '../../../support/demo';
import {
	apiCredentials,
	authOf,
	expectNodeError,
	expectNoSecrets,
	jsonOf,
	useEngine,
} from '../../../support/engineHelpers';

const sleeps: number[] = [];
let realSleep = false;
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	const sleep = async (ms: number) => {
		sleeps.push(ms);
		if (realSleep) await actual.sleep(ms);
	};
	return { ...actual, sleep };
});
const { emu, run } = useEngine();
const failWith = (fault: Fault, path?: string, times = Infinity) =>
	emu.injectFault({ fault, path, times });
const withToken = () =>
	run(PARAMS.get({ authentication: 'oAuth2' }), undefined, { token: DEMO_TOKENS.withScope });
const withBaseUrl = (baseUrl: string) =>
	run(PARAMS.get(), undefined, { credentials: apiCredentials(emu, { baseUrl }) });
const WAITS = [500, 1000, 2000];
const UNREACHED = 'Could not reach the Kakao API';
beforeEach(() => {
	sleeps.length = 0;
	realSleep = false;
});
afterEach(() => jest.restoreAllMocks());

describe('transient failures are retried', () => {
	it.each<[string, Fault]>([
		['kakao -1', { kind: 'kakao', code: -1 }],
		['kakao -7', { kind: 'kakao', code: -7 }],
		['kakao -815', { kind: 'kakao', code: -815 }],
		['kakao -9798 (HTTP 503)', { kind: 'kakao', code: -9798 }],
		['HTTP 503 with an HTML body', { kind: 'http', status: 503 }],
		['HTTP 502 with a text body', { kind: 'http', status: 502, body: 'Bad Gateway from proxy' }],
		['a dropped connection', { kind: 'drop' }],
	])('%s twice: the third attempt succeeds, after 0.5 s and 1 s waits', async (_name, fault) => {
		failWith(fault, PATHS.relation, 2);
		const result = await run(PARAMS.get());
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([{ json: demoRelation('1001'), pairedItem: { item: 0 } }]);
		const sent = ['GET', PATHS.relation, '1001', 'KakaoAK admin'];
		const requests = emu.requests.map((r) => [r.method, r.path, r.query.target_id, authOf(emu, r)]);
		expect(requests).toEqual(Array(3).fill(sent));
		const [first, second, third] = emu.requests.map((r) => r.status);
		expect([first !== 200, second !== 200, third]).toEqual([true, true, 200]);
		if (fault.kind === 'drop') expect(first).toBe(0);
		expect(sleeps).toEqual([500, 1000]);
	});
	it('a POST is resent with the same body, and the retried call is counted once in the summary', async () => {
		failWith({ kind: 'kakao', code: -815 }, PATHS.addUsers, 1);
		const result = await run(PARAMS.add(), [{ id: '1003', age: '30' }]);
		expect(result.error).toBeUndefined();
		const [once, again] = emu.requests;
		expect(emu.requests).toHaveLength(2);
		expect(once.rawBody).toBe(again.rawBody);
		const users = [{ id: '1003', field: { 연령: 30 } }];
		const body = { file_id: 437, channel_public_id: CHANNEL, user_type: 'app', users };
		expect(again.body).toEqual(body);
		const counts = { calls: 1, request_count: 1, success_count: 0 };
		expect(jsonOf(result.output)[0]).toMatchObject(counts);
		expect(sleeps).toEqual([500]);
	});
	it('each batch of Check Many Users retries on its own', async () => {
		failWith({ kind: 'kakao', code: -1 }, PATHS.multi, 1);
		const items = Array.from({ length: 250 }, (_, i) => ({ id: String(5000 + i) }));
		const result = await run(PARAMS.checkMany({ options: { channels: CHANNEL } }), items);
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.status).sort()).toEqual([200, 200, 400]);
		const failed = emu.requests.find((r) => r.status !== 200)!;
		const again = emu.requests.filter((r) => r.query.target_ids === failed.query.target_ids);
		expect(again.map((r) => r.status).sort()).toEqual([200, 400]);
		expect(result.output).toHaveLength(250);
		expect(sleeps).toEqual([500]);
	});
	it('with OAuth2, the same access token is sent again, and it never reaches the run data', async () => {
		failWith({ kind: 'kakao', code: -9798 }, PATHS.relation, 1);
		const result = await withToken();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual([demoRelation('1001')]);
		const bearer = `Bearer ${DEMO_TOKENS.withScope}`;
		const sent = emu.requests.map((r) => [authOf(emu, r), r.status]);
		expect(sent).toEqual([503, 200].map((status) => [bearer, status]));
		expect(sleeps).toEqual([500]);
		expectNoSecrets(result, emu);
	});
});

describe('retries give up after 4 attempts', () => {
	it('kakao -1 forever: fails after exactly 4 attempts, saying so, after waiting 0.5 s + 1 s + 2 s (real time)', async () => {
		realSleep = true;
		failWith({ kind: 'kakao', code: -1 }, PATHS.relation);
		const started = Date.now();
		const result = await run(PARAMS.get());
		const elapsed = Date.now() - started;
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -1: Kakao internal error (tried 4 times)');
		expect(error.description).toContain('internal error');
		expect(error.httpCode).toBe('400');
		expect(emu.requests).toHaveLength(4);
		expect(sleeps).toEqual(WAITS);
		expect(elapsed).toBeGreaterThanOrEqual(3400);
	});
	const MAINTENANCE = 'Kakao API error -9798: service check (maintenance)';
	it.each<[string, Fault, string]>([
		['HTTP 503', { kind: 'http', status: 503 }, 'Kakao API answered HTTP 503'],
		['kakao -9798', { kind: 'kakao', code: -9798 }, MAINTENANCE],
		['dropped connections', { kind: 'drop' }, UNREACHED],
	])('%s forever: 4 attempts and a message saying so', async (_name, fault, message) => {
		failWith(fault, PATHS.files);
		const error = expectNodeError(await run(PARAMS.getAll()), 'NodeApiError', emu);
		expect(error.message).toBe(`${message} (tried 4 times)`);
		expect(error.context?.itemIndex).toBe(0);
		const sent = emu.requests.map((r) => [r.path, authOf(emu, r)]);
		expect(sent).toEqual(Array(4).fill([PATHS.files, 'KakaoAK rest']));
		expect(sleeps).toEqual(WAITS);
	});
	it('with OAuth2: 4 attempts, the token never in the run data', async () => {
		failWith({ kind: 'drop' }, PATHS.relation);
		const error = expectNodeError(await withToken(), 'NodeApiError', emu);
		expect(error.message).toBe(`${UNREACHED} (tried 4 times)`);
		expect(emu.requests).toHaveLength(4);
	});
	it('an unreachable Base URL is retried as a connection failure, named so; its KakaoApiError says the request never got to Kakao', async () => {
		const closed = await KakaoEmulator.start();
		await closed.stop();
		const error = expectNodeError(await withBaseUrl(closed.baseUrl), 'NodeApiError', emu);
		expect(error.message).toBe(`${UNREACHED} (tried 4 times)`);
		expect(error.description).toContain('ECONNREFUSED');
		expect(sleeps).toEqual(WAITS);
		const thrown = await relationGetError(apiCredentials(emu, { baseUrl: closed.baseUrl }));
		expect(thrown).toBeInstanceOf(KakaoApiError);
		expect((thrown as KakaoApiError).outcome).toBe('unreached');
	});
});

describe('permanent failures are not retried: one request, no wait', () => {
	const CONSOLE = 'a required setting or consent item is not enabled in the app';
	it.each<[number, string, RegExp]>([
		[-10, 'quota exceeded', /quota/],
		[-2, 'bad or missing parameter', /Kakao said: "bad or missing parameter" \(HTTP 400\)/],
		[-3, CONSOLE, /Kakao Developers console/],
		[-5, 'no permission for this API', /permission/],
		[-544, 'channel is sanctioned', /sanctioned/],
	])('kakao %i', async (code, meaning, description) => {
		failWith({ kind: 'kakao', code }, PATHS.createFile);
		const error = expectNodeError(await run(PARAMS.create()), 'NodeApiError', emu);
		expect(error.message).toBe(`Kakao API error ${code}: ${meaning}`);
		expect(error.description).toMatch(description);
		expect(emu.requests).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});
	it.each<[string, Fault, string, string]>([
		[
			'an unknown Kakao code, reported with its msg',
			{ kind: 'kakao', code: -999, msg: 'something new' },
			'Kakao API error -999: unknown Kakao error code',
			'Kakao said: "something new" (HTTP 400)',
		],
		[
			'HTTP 404 without a Kakao body, which points at the Base URL',
			{ kind: 'http', status: 404, body: 'no such page' },
			'Kakao API answered HTTP 404',
			'Base URL',
		],
	])('%s', async (_name, fault, message, description) => {
		failWith(fault);
		const error = expectNodeError(await run(PARAMS.get()), 'NodeApiError', emu);
		expect(error.message).toBe(message);
		expect(error.description).toContain(description);
		expect(emu.requests).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});
	it('-401 is sent once: neither the node nor n8n re-sends a refused key', async () => {
		const wrongKey = 'f'.repeat(32);
		const credentials = apiCredentials(emu, { adminKey: wrongKey });
		const result = await run(PARAMS.get(), undefined, { credentials });
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -401: invalid app key or access token');
		expect(emu.requests.map((r) => r.status)).toEqual([401]);
		expect(sleeps).toEqual([]);
		expectNoSecrets(result, emu, { wrongKey });
	});
});
it('continue on fail: a transient failure that outlasts the retries becomes an error item; the other items go on', async () => {
	// Every item asks once; the fault outlasts the 4 attempts of item 0 only.
	failWith({ kind: 'kakao', code: -7 }, PATHS.relation, 4);
	const items = [{ id: '1001' }, { id: '1004' }];
	const options = { continueOnFail: true };
	const result = await run(PARAMS.get({ userId: '={{ $json.id }}' }), items, options);
	expect(result.error).toBeUndefined();
	const error = 'Kakao API error -7: service under maintenance (tried 4 times)';
	expect(result.output).toEqual([
		{ json: { error }, pairedItem: { item: 0 } },
		{ json: demoRelation('1004'), pairedItem: { item: 1 } },
	]);
	const tries = emu.requests.map((r) => [r.query.target_id, r.status]);
	expect(tries).toEqual([...Array(4).fill(['1001', 400]), ['1004', 200]]);
	expectNoSecrets(result, emu);
});

describe('which network failures are retried', () => {
	const network = (code: string, cause = 'other'): FailedTry => ({
		network: { cause: cause as never, code },
	});
	const CONNECTION = ['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT'];
	const NETWORK = ['EAI_AGAIN', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN'];
	it.each([...CONNECTION, 'ESOCKETTIMEDOUT', ...NETWORK])('%s is retried', (code) => {
		expect(isTransient(network(code))).toBe(true);
	});
	const TLS = { CERT_HAS_EXPIRED: 'tls', EPROTO: 'tls' };
	const OTHERS = { ENOTFOUND: 'dns', ...TLS, ERR_INVALID_URL: 'badUrl', ESOMETHINGNEW: 'other' };
	it.each(Object.entries(OTHERS))('%s is not', (code, cause) => {
		expect(isTransient(network(code, cause))).toBe(false);
	});
	it('nor is an address blocked by SSRF protection (no code)', () => {
		expect(isTransient({ network: { cause: 'blocked' } })).toBe(false);
	});
});

/** DNS answers `code` for localhost `times` times, then as usual. */
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
const viaLocalhost = () => withBaseUrl(emu.baseUrl.replace('127.0.0.1', 'localhost'));

describe('through the engine, with DNS failing', () => {
	it('EAI_AGAIN (a temporary failure) twice: retried, the third try gets the answer', async () => {
		failLookups('EAI_AGAIN', 2);
		const result = await viaLocalhost();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)[0]).toMatchObject({ user_id: '1001', relation: 'ADDED' });
		expect(sleeps).toEqual([500, 1000]);
		expect(emu.requests.map((r) => r.path)).toEqual([PATHS.relation]);
	});
	it('ENOTFOUND (no such host): not retried, one DNS error', async () => {
		failLookups('ENOTFOUND', 4);
		const error = expectNodeError(await viaLocalhost(), 'NodeApiError', emu);
		expect(error.message).toBe(UNREACHED);
		expect(error.description).toMatch(
			/^The host name could not be resolved \(DNS\) \(ENOTFOUND\)\./,
		);
		expect(sleeps).toEqual([]);
	});
});
const RELATION_GET = { resource: 'relation', operation: 'get', authentication: 'adminKey' };
/** The error a relation check throws, called in n8n-core's own context (the engine keeps only a copy). */
const relationGetError = (credentials: ReturnType<typeof apiCredentials>) =>
	withLoadOptionsContext(RELATION_GET, credentials, async (context) =>
		kakaoApiCall.call(context, {
			method: 'GET',
			path: PATHS.relation,
			qs: { channel_ids: CHANNEL, target_id_type: 'user_id', target_id: '1001' },
			answer: ANSWERS.relation,
		}),
	).catch((error: unknown) => error);
const NOT_FOUND: Fault = { kind: 'http', status: 404, body: 'nothing here' };
it.each<[string, Fault, Array<string | number | undefined>]>([
	['Kakao -541 (not retried)', { kind: 'kakao', code: -541 }, ['rejected', -541, 1, 0]],
	['Kakao -1 every time', { kind: 'kakao', code: -1 }, ['rejected', -1, 4, 0]],
	['a dropped connection every time', { kind: 'drop' }, ['unknown', undefined, 4, 3]],
	['a bare HTTP 404', NOT_FOUND, ['unknown', undefined, 1, 0]],
])('KakaoApiError after %s: [outcome, code, tries, resent] = %j', async (_name, fault, facts) => {
	emu.injectFault({ fault, path: PATHS.relation, times: Infinity });
	const error = await relationGetError(apiCredentials(emu));
	expect(error).toBeInstanceOf(KakaoApiError);
	const { outcome, kakaoCode, attempts, resent, name } = error as KakaoApiError;
	expect([outcome, kakaoCode, attempts, resent]).toEqual(facts);
	// Still an n8n API error to the editor and the logs.
	expect(name).toBe('NodeApiError');
});

describe('transport/ depends on nothing above it', () => {
	const dir = path.join(__dirname, '../../../../nodes/KakaoChannel/transport');
	const files = fs.readdirSync(dir);
	const source = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
	const modules = files.filter((file) => file.endsWith('.ts'));
	it.each(modules)('%s imports neither helpers/ nor actions/', (file) => {
		expect(source(file)).not.toMatch(/from '\.\.\/(helpers|actions)\//);
	});
	it('holds no module-level record of failures (the error carries them)', () => {
		expect(files.map(source).join('\n')).not.toMatch(/new WeakMap|\bfailureOf\b/);
	});
});
