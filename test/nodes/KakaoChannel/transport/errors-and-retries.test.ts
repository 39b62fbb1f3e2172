// The transport's retries and error reports, through the engine. n8n-workflow's sleep is replaced
// by one that records each wait and (unless a test asks for real time) returns at once, so the
// backoff schedule is asserted without spending 3.5 s per exhausted retry. Production code is
// unchanged: it still calls n8n-workflow's sleep.
import { DEMO_TOKENS, KakaoEmulator, type Fault } from '../../../kakao-emulator';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import {
	ADD_USERS_PATH,
	CHANNEL,
	CREATE_FILE_PATH,
	MULTI_PATH,
	RELATION_PATH,
	VIEW_FILES_PATH,
	apiCredentials,
	demoRelation,
	authOf,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	oauthCredentials,
	rl,
	relationGetParams,
} from '../../../support/engineHelpers';

const sleeps: number[] = [];
let realSleep = false;

jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return {
		...actual,
		sleep: async (ms: number) => {
			sleeps.push(ms);
			if (realSleep) await actual.sleep(ms);
		},
	};
});

const emu = useKakaoEmulator();

beforeEach(() => {
	sleeps.length = 0;
	realSleep = false;
});

const relationGet = () =>
	runKakaoNode({
		parameters: relationGetParams(),
		credentials: apiCredentials(emu),
	});

const EXPECTED_RELATION = demoRelation('1001');

const transientFaults: Array<[string, Fault]> = [
	['kakao -1', { kind: 'kakao', code: -1 }],
	['kakao -7', { kind: 'kakao', code: -7 }],
	['kakao -815', { kind: 'kakao', code: -815 }],
	['kakao -9798 (HTTP 503)', { kind: 'kakao', code: -9798 }],
	['HTTP 503 with an HTML body', { kind: 'http', status: 503 }],
	['HTTP 502 with a text body', { kind: 'http', status: 502, body: 'Bad Gateway from proxy' }],
	['a dropped connection', { kind: 'drop' }],
];

describe('transient failures are retried', () => {
	it.each(transientFaults)(
		'%s twice: the third attempt succeeds, after 0.5 s and 1 s waits',
		async (_name, fault) => {
			emu.injectFault({ fault, path: RELATION_PATH, times: 2 });
			const result = await relationGet();
			expect(result.error).toBeUndefined();
			expect(jsonOf(result.output)).toEqual([EXPECTED_RELATION]);
			expect(result.output![0].pairedItem).toEqual({ item: 0 });
			expect(
				emu.requests.map((r) => [r.method, r.path, r.query.target_id, authOf(emu, r)]),
			).toEqual(Array(3).fill(['GET', RELATION_PATH, '1001', 'KakaoAK admin']));
			expect(emu.requests.map((r) => r.status)).toEqual([
				fault.kind === 'drop' ? 0 : expect.any(Number),
				expect.any(Number),
				200,
			]);
			expect(emu.requests.slice(0, 2).every((r) => r.status !== 200)).toBe(true);
			expect(sleeps).toEqual([500, 1000]);
		},
	);

	it('a POST is resent with the same body, and the retried call is counted once in the summary', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -815 }, path: ADD_USERS_PATH, times: 1 });
		const result = await runKakaoNode({
			parameters: {
				resource: 'customerFileUser',
				operation: 'add',
				channel: rl(CHANNEL),
				fileId: rl('437', 'list'),
				userType: 'app',
				userId: '={{ $json.id }}',
				fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
			},
			items: [{ id: '1003', age: '30' }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(2);
		expect(emu.requests[0].rawBody).toBe(emu.requests[1].rawBody);
		expect(emu.requests[1].body).toEqual({
			file_id: 437,
			channel_public_id: CHANNEL,
			user_type: 'app',
			users: [{ id: '1003', field: { 연령: 30 } }],
		});
		expect(jsonOf(result.output)[0]).toMatchObject({
			calls: 1,
			request_count: 1,
			success_count: 0,
		});
		expect(sleeps).toEqual([500]);
	});

	it('each batch of Check Many Users retries on its own', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -1 }, path: MULTI_PATH, times: 1 });
		const items = Array.from({ length: 250 }, (_, i) => ({ id: String(5000 + i) }));
		const result = await runKakaoNode({
			parameters: {
				resource: 'relation',
				operation: 'checkMany',
				userId: '={{ $json.id }}',
				options: { channels: CHANNEL },
			},
			items,
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(3);
		expect(emu.requests.filter((r) => r.status === 200)).toHaveLength(2);
		// The failed batch was sent again with the same users.
		const failed = emu.requests.find((r) => r.status !== 200)!;
		expect(
			emu.requests
				.filter((r) => r.query.target_ids === failed.query.target_ids)
				.map((r) => r.status)
				.sort(),
		).toEqual([200, 400]);
		expect(result.output).toHaveLength(250);
		expect(sleeps).toEqual([500]);
	});
});

describe('retries give up after 4 attempts', () => {
	it('kakao -1 forever: fails after exactly 4 attempts, saying so, after waiting 0.5 s + 1 s + 2 s (real time)', async () => {
		realSleep = true;
		emu.injectFault({ fault: { kind: 'kakao', code: -1 }, path: RELATION_PATH, times: Infinity });
		const started = Date.now();
		const result = await relationGet();
		const elapsed = Date.now() - started;
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -1: Kakao internal error (tried 4 times)');
		expect(error.description).toContain('internal error');
		expect(error.httpCode).toBe('400');
		expect(emu.requests).toHaveLength(4);
		expect(sleeps).toEqual([500, 1000, 2000]);
		expect(elapsed).toBeGreaterThanOrEqual(3400);
		expectNoSecrets(result, emu);
	});

	it.each<[string, Fault, RegExp]>([
		['HTTP 503', { kind: 'http', status: 503 }, /^Kakao API answered HTTP 503 \(tried 4 times\)$/],
		[
			'kakao -9798',
			{ kind: 'kakao', code: -9798 },
			/^Kakao API error -9798: service check \(maintenance\) \(tried 4 times\)$/,
		],
		['dropped connections', { kind: 'drop' }, /^Could not reach the Kakao API \(tried 4 times\)$/],
	])('%s forever: 4 attempts and a message saying so', async (_name, fault, message) => {
		emu.injectFault({ fault, path: VIEW_FILES_PATH, times: Infinity });
		const result = await runKakaoNode({
			parameters: { resource: 'customerFile', operation: 'getAll', channel: rl(CHANNEL) },
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toMatch(message);
		expect(error.context?.itemIndex).toBe(0);
		expect(emu.requests).toHaveLength(4);
		expect(
			emu.requests.every((r) => r.path === VIEW_FILES_PATH && authOf(emu, r) === 'KakaoAK rest'),
		).toBe(true);
		expect(sleeps).toEqual([500, 1000, 2000]);
		expectNoSecrets(result, emu);
	});
});

describe('permanent failures are not retried', () => {
	it.each<[number, RegExp, RegExp]>([
		[-10, /^Kakao API error -10: quota exceeded$/, /quota/],
		[
			-2,
			/^Kakao API error -2: bad or missing parameter$/,
			/Kakao said: "bad or missing parameter" \(HTTP 400\)/,
		],
		[-3, /^Kakao API error -3: /, /Kakao Developers console/],
		[-5, /^Kakao API error -5: no permission for this API$/, /permission/],
		[-544, /^Kakao API error -544: channel is sanctioned$/, /sanctioned/],
	])('kakao %i: one request, no wait', async (code, message, description) => {
		emu.injectFault({ fault: { kind: 'kakao', code }, path: CREATE_FILE_PATH, times: Infinity });
		const result = await runKakaoNode({
			parameters: {
				resource: 'customerFile',
				operation: 'create',
				channel: rl(CHANNEL),
				fileName: 'new',
				customFields: { field: [{ key: 'visits' }] },
			},
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toMatch(message);
		expect(error.message).not.toContain('tried');
		expect(error.description).toMatch(description);
		expect(emu.requests).toHaveLength(1);
		expect(sleeps).toEqual([]);
		expectNoSecrets(result, emu);
	});

	it('an unknown Kakao code is reported with its code and msg, not retried', async () => {
		emu.injectFault({
			fault: { kind: 'kakao', code: -999, msg: 'something new' },
			times: Infinity,
		});
		const result = await relationGet();
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -999: unknown Kakao error code');
		expect(error.description).toContain('Kakao said: "something new" (HTTP 400)');
		expect(emu.requests).toHaveLength(1);
		expectNoSecrets(result, emu);
	});

	it('HTTP 404 without a Kakao body is not retried and points at the Base URL', async () => {
		emu.injectFault({
			fault: { kind: 'http', status: 404, body: 'no such page' },
			times: Infinity,
		});
		const result = await relationGet();
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API answered HTTP 404');
		expect(error.description).toContain('Base URL');
		expect(emu.requests).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});

	it('-401 is sent once: neither the node nor n8n re-sends a refused key', async () => {
		const result = await runKakaoNode({
			parameters: relationGetParams(),
			credentials: apiCredentials(emu, { adminKey: 'f'.repeat(32) }),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -401: invalid app key or access token');
		expect(emu.requests.map((r) => r.status)).toEqual([401]);
		expect(sleeps).toEqual([]);
		expectNoSecrets(result, emu, { wrongKey: 'f'.repeat(32) });
	});

	it('an unreachable Base URL is retried as a connection failure and named so', async () => {
		const closed = await KakaoEmulator.start();
		const deadUrl = closed.baseUrl;
		await closed.stop();
		const result = await runKakaoNode({
			parameters: relationGetParams(),
			credentials: apiCredentials(emu, { baseUrl: deadUrl }),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Could not reach the Kakao API (tried 4 times)');
		expect(error.description).toContain('ECONNREFUSED');
		expect(sleeps).toEqual([500, 1000, 2000]);
		expectNoSecrets(result, emu);
	});
});

describe('continue on fail', () => {
	it('a transient failure that outlasts the retries becomes an error item; the other items go on', async () => {
		// Every item asks once; the fault outlasts the 4 attempts of item 0 only.
		emu.injectFault({ fault: { kind: 'kakao', code: -7 }, path: RELATION_PATH, times: 4 });
		const result = await runKakaoNode({
			parameters: {
				resource: 'relation',
				operation: 'get',
				userId: '={{ $json.id }}',
				channel: rl(CHANNEL),
			},
			items: [{ id: '1001' }, { id: '1004' }],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(jsonOf(result.output)[0]).toEqual({
			error: 'Kakao API error -7: service under maintenance (tried 4 times)',
		});
		expect(jsonOf(result.output)[1]).toMatchObject({ user_id: '1004', relation: 'ADDED' });
		expect(emu.requests.map((r) => [r.query.target_id, r.status])).toEqual([
			['1001', 400],
			['1001', 400],
			['1001', 400],
			['1001', 400],
			['1004', 200],
		]);
		expectNoSecrets(result, emu);
	});
});

describe('with OAuth2', () => {
	it('a transient failure is retried with the same access token, and the token never reaches the run data', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -9798 }, path: RELATION_PATH, times: 1 });
		const result = await runKakaoNode({
			parameters: relationGetParams({ authentication: 'oAuth2' }),
			credentials: oauthCredentials(emu, DEMO_TOKENS.withScope),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual([EXPECTED_RELATION]);
		expect(emu.requests.map((r) => [authOf(emu, r), r.status])).toEqual([
			[`Bearer ${DEMO_TOKENS.withScope}`, 503],
			[`Bearer ${DEMO_TOKENS.withScope}`, 200],
		]);
		expect(sleeps).toEqual([500]);
		expectNoSecrets(result, emu);
	});

	it('exhausted retries with OAuth2 fail after 4 attempts without leaking the token', async () => {
		emu.injectFault({ fault: { kind: 'drop' }, path: RELATION_PATH, times: Infinity });
		const result = await runKakaoNode({
			parameters: relationGetParams({ authentication: 'oAuth2' }),
			credentials: oauthCredentials(emu, DEMO_TOKENS.withScope),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Could not reach the Kakao API (tried 4 times)');
		expect(emu.requests).toHaveLength(4);
	});
});

describe('a request that must not run twice (creating a file)', () => {
	const createFile = () =>
		runKakaoNode({
			parameters: {
				resource: 'customerFile',
				operation: 'create',
				channel: rl(CHANNEL),
				fileName: 'once',
				customFields: { field: [{ key: 'visits' }] },
			},
			credentials: apiCredentials(emu),
		});

	it.each<[string, Fault]>([
		['a dropped connection', { kind: 'drop' }],
		['a bare HTTP 502', { kind: 'http', status: 502 }],
	])('is not sent again after %s, and says why', async (_label, fault) => {
		emu.injectFault({ fault, path: CREATE_FILE_PATH, times: 1 });
		const result = await createFile();
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.description).toContain('was not sent again');
		expect(emu.requests.filter((r) => r.path === CREATE_FILE_PATH)).toHaveLength(1);
		expect(sleeps).toEqual([]);
	});

	it('is still retried after a Kakao code that says it did nothing (-815)', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -815 }, path: CREATE_FILE_PATH, times: 1 });
		const result = await createFile();
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)[0].file_id).toEqual(expect.any(Number));
		expect(emu.requests.filter((r) => r.path === CREATE_FILE_PATH)).toHaveLength(2);
	});
});
