// Injected faults: latency, answers that are not Kakao's, Kakao errors, dropped connections, a
// trickled body, and the rules that pick requests; and exact 64-bit IDs.
import { useKakaoEmulator } from '../support/emulator';
import { KakaoEmulator, type Fault } from './index';
import { PATHS, JSON_CT, call, expectKakaoError } from './test-helpers';

const { CREATE, IPS, MULTI, VIEW } = PATHS;
// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.latencyMs = 0;
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
	},
});

const ips = () => call(emu, 'GET', IPS, { auth: 'rest' });
const statuses = async (n: number) => {
	const out: number[] = [];
	for (let i = 0; i < n; i++) out.push((await ips()).status);
	return out;
};
const NEW_FILE = { channel_public_id: '_ZeUTxl', schema: {} };
const create = (file_name: string) =>
	call(emu, 'POST', CREATE, { auth: 'rest', json: { ...NEW_FILE, file_name } });
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
	const t0 = performance.now();
	return [await fn(), performance.now() - t0];
};
const inject = (...faults: Fault[]) => faults.forEach((fault) => emu.injectFault({ fault }));
const last = () => emu.requests.at(-1)!;
const fileNames = () => emu.files('_ZeUTxl').map((file) => file.file_name);
const HANG_UP = /socket hang up|ECONNRESET/;

it('a latency fault delays one answer, then none; latency faults add up with latencyMs and a terminal fault', async () => {
	inject({ kind: 'latency', ms: 300 });
	const [slow, slowMs] = await timed(ips);
	expect([slow.status, slowMs >= 280]).toEqual([200, true]);
	expect((await timed(ips))[1]).toBeLessThan(200);
	emu.latencyMs = 100;
	inject({ kind: 'latency', ms: 150 }, { kind: 'kakao', code: -10 });
	const [r, ms] = await timed(ips);
	expect([r.json.code, ms >= 240]).toEqual([-10, true]);
});

it('latencyMs (option and property) delays every answer, errors included', async () => {
	const slow = await KakaoEmulator.start({ latencyMs: 150 });
	try {
		const [r, ms] = await timed(() => call(slow, 'GET', IPS));
		expect([slow.latencyMs, r.status, ms >= 140]).toEqual([150, 401, true]);
		slow.latencyMs = 0;
		expect((await timed(() => call(slow, 'GET', IPS)))[1]).toBeLessThan(100);
	} finally {
		await slow.stop();
	}
});

it('http: any status, a default HTML page or a given body, headers such as Location; a cut-off 2XX applies nothing', async () => {
	const location = { Location: 'http://x/y' };
	inject({ kind: 'http', status: 503 }, { kind: 'http', status: 502, body: 'Bad Gateway' });
	inject({ kind: 'http', status: 307, body: '', headers: location });
	const [a, b, c] = [await ips(), await ips(), await ips()];
	const html = expect.stringMatching(/^text\/html/);
	expect([a.status, a.headers['content-type'], a.json]).toEqual([503, html, undefined]);
	expect(a.text).toContain('503 Service Unavailable');
	const got = [b.status, b.text, c.status, c.headers.location, (await ips()).status];
	expect(got).toEqual([502, 'Bad Gateway', 307, 'http://x/y', 200]);
	const body = '{"file_id":4';
	const cut = { kind: 'http', status: 200, body, contentType: JSON_CT } as const;
	emu.injectFault({ fault: cut, path: CREATE });
	const made = await create('x');
	const cutOff = [made.status, made.text, made.headers['content-type'], emu.files('_ZeUTxl')];
	expect(cutOff).toEqual([200, body, JSON_CT, []]);
});

const pairs = '-10:400 -9798:503 -1:400 -7:400 -815:400 -401:401 -3:403'; // code:HTTP status
const codeStatus = pairs.split(' ').map((pair) => pair.split(':').map(Number));
it.each(codeStatus)('kakao %i -> HTTP %i with {msg, code}', async (code, status) => {
	inject({ kind: 'kakao', code });
	const r = await ips();
	expectKakaoError(r, status, code);
	expect(Object.keys(r.json).sort()).toEqual(['code', 'msg']);
});

it('kakao with its own status and msg; before routing and auth', async () => {
	inject({ kind: 'kakao', code: -10, status: 429, msg: 'slow down' });
	inject({ kind: 'kakao', code: -9798 });
	const r = await ips();
	expect([r.status, r.json]).toEqual([429, { msg: 'slow down', code: -10 }]);
	expectKakaoError(await call(emu, 'GET', '/nowhere'), 503, -9798);
});

it('trickle applies the request, sends the headers, then the body a byte at a time; an endless one stops when the client hangs up', async () => {
	const plain = (await ips()).text;
	inject({ kind: 'trickle', intervalMs: 2, padding: 3 });
	const [r, ms] = await timed(ips);
	expect([r.status, r.text]).toEqual([200, `   ${plain}`]);
	expect(ms).toBeGreaterThanOrEqual(2 * (3 + plain.length) - 20);
	expect(last().closedAt).toBeGreaterThanOrEqual(last().at);
	inject({ kind: 'trickle', intervalMs: 10 });
	const headers = { Authorization: `KakaoAK ${emu.restApiKey}` };
	const response = await fetch(`${emu.baseUrl}${IPS}`, { headers });
	const reader = response.body!.getReader();
	const space = new TextEncoder().encode(' ');
	expect([response.status, (await reader.read()).value]).toEqual([200, space]);
	await reader.cancel();
	for (let i = 0; i < 20 && !last().closedAt; i++) await new Promise((r) => setTimeout(r, 20));
	expect(last().closedAt).toBeDefined();
});

it('drop closes the connection before the request is applied (status 0); dropAfterApply after it was applied', async () => {
	emu.injectFault({ fault: { kind: 'drop' }, path: CREATE });
	await expect(create('dropped')).rejects.toThrow(HANG_UP);
	expect([last().path, last().status, emu.files('_ZeUTxl')]).toEqual([CREATE, 0, []]);
	inject({ kind: 'drop' });
	await expect(fetch(`${emu.baseUrl}${IPS}`)).rejects.toThrow(/fetch failed/);
	expect((await ips()).status).toBe(200);
	emu.injectFault({ fault: { kind: 'dropAfterApply' }, path: CREATE });
	await expect(create('applied')).rejects.toThrow(HANG_UP);
	expect([fileNames(), last().status]).toEqual([['applied'], 0]);
});

it('times: 1 by default, n, Infinity until cleared, 0 never; insertion order; path limits a rule; match waits for a query or body with its text', async () => {
	emu.injectFault({ fault: { kind: 'http', status: 500 }, times: 2 });
	expect(await statuses(3)).toEqual([500, 500, 200]);
	emu.injectFault({ fault: { kind: 'http', status: 502 }, times: Infinity });
	expect(await statuses(5)).toEqual([502, 502, 502, 502, 502]);
	emu.clearFaults();
	emu.injectFault({ fault: { kind: 'http', status: 500 }, times: 0 });
	expect(await statuses(1)).toEqual([200]);
	inject({ kind: 'http', status: 500 }, { kind: 'http', status: 502 });
	expect(await statuses(3)).toEqual([500, 502, 200]);
	emu.injectFault({ fault: { kind: 'kakao', code: -1 }, path: VIEW });
	const query = { channel_public_id: '_ZeUTxl' };
	const view = () => call(emu, 'GET', VIEW, { auth: 'rest', query });
	expect((await ips()).status).toBe(200);
	expectKakaoError(await view(), 400, -1);
	expect((await view()).status).toBe(200);
	const match = '"file_name":"second"';
	emu.injectFault({ fault: { kind: 'kakao', code: -10 }, path: CREATE, match });
	const answers = [await create('first'), await create('second'), await create('third')];
	const got = answers.map((a) => `${a.status} ${a.json.code}`);
	expect(got).toEqual(['200 undefined', '400 -10', '200 undefined']);
	emu.addUser({ id: '1001', relations: {} });
	const multi502 = { fault: { kind: 'http', status: 502 }, path: MULTI } as const;
	emu.injectFault({ ...multi502, match: 'target_ids=1001' });
	const byId = { target_id_type: 'user_id', target_ids: '1001' };
	expect((await call(emu, 'GET', MULTI, { auth: 'admin', query: byId })).status).toBe(502);
});

it('stop() does not wait for a request held by a long latency; 64-bit user IDs are answered as exact JSON numbers', async () => {
	const e = await KakaoEmulator.start();
	e.injectFault({ fault: { kind: 'latency', ms: 60_000 } });
	const pending = call(e, 'GET', IPS).catch((err: Error) => err);
	await new Promise((r) => setTimeout(r, 50));
	expect((await timed(() => e.stop()))[1]).toBeLessThan(1000);
	expect(await pending).toMatchObject({ message: expect.stringMatching(HANG_UP) });
	emu.addUser({ id: '9223372036854775807', relations: { _ZeUTxl: { relation: 'ADDED' } } });
	const query = { target_id_type: 'user_id', target_ids: '9223372036854775807' };
	const answer = await call(emu, 'GET', MULTI, { auth: 'admin', query });
	expect(answer.text).toMatch(/^\[\{"user_id":9223372036854775807,"channels":/);
});
