// The emulator as a server: the key each endpoint takes, routing, Kakao's address lists, what it
// records, reset, and its options.
import { useKakaoEmulator } from '../support/emulator';
import { KakaoEmulator } from './index';
import { INBOUND_IPS, IP_LIST_UPDATED, OUTBOUND_IPS } from './system-ips';
import { PATHS, JSON_CT, call, expectKakaoError } from './test-helpers';

const { ADD, CREATE, DELETE, IPS, MULTI, SINGLE, VIEW } = PATHS;
// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
		emu.addUser({ id: '1001', relations: { _ZeUTxl: { relation: 'ADDED' } } });
		emu.addAccessToken({ token: 'tok', userId: '1001', scopes: ['plusfriends'] });
		emu.seedFile('_ZeUTxl', 'existing', {}); // file 437
	},
});

const file = { file_id: 437, channel_public_id: '_ZeUTxl', user_type: 'app' };
const onChannel = { channel_public_id: '_ZeUTxl' };
const byUser = { target_id_type: 'user_id', target_id: '1001', channel_ids: '_ZeUTxl' };
/** Every endpoint with a request Kakao accepts, and the kinds of key it takes. */
const ENDPOINTS: Array<[method: string, path: string, send: object, takes: string[]]> = [
	['GET', SINGLE, byUser, ['admin', 'Bearer tok']],
	['GET', MULTI, { target_id_type: 'user_id', target_ids: '1001' }, ['admin']],
	['POST', CREATE, { channel_public_id: '_ZeUTxl', file_name: 'x', schema: {} }, ['rest']],
	['GET', VIEW, onChannel, ['rest']],
	['POST', ADD, { ...file, users: [{ id: '1001', field: {} }] }, ['rest']],
	['POST', DELETE, { ...file, user_ids: ['1001'] }, ['rest']],
	['GET', IPS, {}, ['rest', 'admin']],
];
const KEYS = ['admin', 'rest', 'Bearer tok'];
const everyKey = ENDPOINTS.flatMap(([method, path, send, takes]) =>
	KEYS.map((key) => [method, path, key, takes.includes(key), send] as const),
);
const viewFiles = () => call(emu, 'GET', VIEW, { auth: 'rest', query: onChannel });

it.each(everyKey)('%s %s with %s: accepted %s', async (method, path, auth, accepted, send) => {
	const r = await call(emu, method, path, { auth, send });
	if (accepted) expect([r.status, r.headers['content-type']]).toEqual([200, JSON_CT]);
	else {
		expectKakaoError(r, 401, -401);
		expect(r.json.msg).toMatch(/wrong credential type/);
	}
});

it.each(ENDPOINTS)('%s %s: no, malformed or unknown key: -401', async (method, path, send) => {
	const admin = emu.adminKey;
	const headers = ['', 'KakaoAK', 'Basic abc', `kakaoak ${admin}`, 'KakaoAK 0123456789abcdef'];
	for (const auth of [...headers, 'Bearer unknown-token', `KakaoAK ${admin} extra`]) {
		const r = await call(emu, method, path, { auth, send });
		expectKakaoError(r, 401, -401);
		if (!auth) expect(r.json).toEqual({ msg: 'no authentication key!', code: -401 }); // Kakao's
	}
});

it('an unknown path -> 404 -9; another method -> 405 -2 with Allow; the shape of the IP lists (loopback a callback address); a bad rule_type -> -2', async () => {
	expectKakaoError(await call(emu, 'GET', '/v2/api/talk/nope', { auth: 'admin' }), 404, -9);
	const post = await call(emu, 'POST', SINGLE, { auth: 'admin', json: {} });
	expectKakaoError(post, 405, -2);
	const get = await call(emu, 'GET', ADD, { auth: 'rest' });
	expect([post.headers.allow, get.status, get.headers.allow]).toEqual(['GET', 405, 'POST']);
});

it.each([
	['no rule_type: both lists', {}, { inbound: INBOUND_IPS, outbound: OUTBOUND_IPS }],
	['rule_type=inbound', { rule_type: 'inbound' }, { inbound: INBOUND_IPS }],
	['rule_type=outbound', { rule_type: 'outbound' }, { outbound: OUTBOUND_IPS }],
])('%s, with the date of the last change, for either key', async (_name, query, lists) => {
	for (const auth of ['admin', 'rest']) {
		const r = await call(emu, 'GET', IPS, { auth, query });
		expect([r.status, r.json]).toEqual([200, { ...lists, updatedDate: IP_LIST_UPDATED }]);
		expect(Object.keys(r.json)).toEqual([...Object.keys(lists), 'updatedDate']);
	}
	for (const rule_type of ['INBOUND', 'callback', '', 'inbound,outbound']) {
		const r = await call(emu, 'GET', IPS, { auth: 'admin', query: { rule_type } });
		expectKakaoError(r, 400, -2);
	}
	for (const entry of [...INBOUND_IPS, ...OUTBOUND_IPS]) {
		expect(Object.keys(entry)).toEqual(['service', 'ips', 'ports', 'updatedDate']);
		for (const ip of entry.ips) expect(ip).toMatch(/^[0-9a-f.:]+\/\d{1,3}$/);
		expect(entry.updatedDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	}
	expect(INBOUND_IPS.find((e) => e.service === 'callback')?.ips).toContain('127.0.0.0/8');
});

it('answers the global fetch (keep-alive connections); baseUrl names the port', async () => {
	expect(emu.baseUrl).toBe(`http://127.0.0.1:${emu.port}`);
	for (let i = 0; i < 3; i++) {
		const headers = { Authorization: `KakaoAK ${emu.restApiKey}` };
		const res = await fetch(`${emu.baseUrl}${IPS}`, { headers });
		expect([res.status, res.headers.get('content-type')]).toEqual([200, JSON_CT]);
		expect(await res.json()).toMatchObject({ updatedDate: '2025-01-15' });
	}
});

it('records every request, rejected ones too, with the parsed body and the status answered; recordBodies: false keeps no bodies', async () => {
	await call(emu, 'GET', SINGLE, { auth: 'admin', query: byUser });
	await call(emu, 'POST', CREATE, { auth: 'admin', json: { file_name: 'x' } });
	await call(emu, 'POST', CREATE, { auth: 'rest', body: 'not json', contentType: 'text/plain' });
	const [a, b, c] = emu.requests;
	expect(emu.requests).toHaveLength(3);
	const first = { method: 'GET', path: SINGLE, query: byUser, status: 200, rawBody: '' };
	expect(a).toMatchObject({ ...first, body: undefined });
	expect(a.headers.authorization).toBe(`KakaoAK ${emu.adminKey}`);
	const second = { method: 'POST', status: 401, rawBody: '{"file_name":"x"}' };
	expect(b).toMatchObject({ ...second, body: { file_name: 'x' } });
	expect(c).toMatchObject({ status: 400, rawBody: 'not json', body: undefined });
	expect([typeof a.at, a.at <= b.at]).toEqual(['number', true]);
	emu.clearRequests();
	expect(emu.requests).toHaveLength(0);
	const lean = await KakaoEmulator.start({ recordBodies: false });
	await call(lean, 'POST', CREATE, { auth: 'rest', json: { a: 1 } }).finally(() => lean.stop());
	const record = { path: CREATE, rawBody: '', body: undefined, status: 400 };
	expect(lean.requests).toEqual([expect.objectContaining(record)]);
});

it('reset clears channels, users, tokens, files, requests and faults; the keys stay; files() is a copy', async () => {
	const keys = [emu.adminKey, emu.restApiKey];
	emu.injectFault({ fault: { kind: 'http', status: 500 }, times: Infinity });
	emu.reset();
	const after = [emu.adminKey, emu.restApiKey, emu.requests, emu.files('_ZeUTxl')];
	expect(after).toEqual([...keys, [], []]);
	const query = { channel_ids: '_ZeUTxl' };
	expectKakaoError(await call(emu, 'GET', SINGLE, { auth: 'Bearer tok', query }), 401, -401);
	expectKakaoError(await viewFiles(), 400, -541);
	emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
	expect(emu.seedFile('_ZeUTxl', 'f', {})).toBe(437); // file ids start again at 437
	emu.seedFile('_ZeUTxl', 'f', { 연령: 'number' }, 'app', { '1001': { 연령: 3 } });
	const view = emu.files('_ZeUTxl')[1];
	view.members.clear();
	view.schema.x = 'number';
	const { members, schema } = emu.files('_ZeUTxl')[1];
	expect([members.get('1001'), schema]).toEqual([{ 연령: 3 }, { 연령: 'number' }]);
});

it('options: fixed keys and port; bad test data is refused; default keys are random 32-char hex', async () => {
	const probe = await KakaoEmulator.start();
	await probe.stop();
	const options = { port: probe.port, adminKey: 'adm', restApiKey: 'rst' };
	const fixed = await KakaoEmulator.start(options);
	try {
		expect([fixed.port, fixed.baseUrl]).toEqual([probe.port, `http://127.0.0.1:${probe.port}`]);
		for (const key of ['adm', 'rst'])
			expect((await call(fixed, 'GET', IPS, { auth: `KakaoAK ${key}` })).status).toBe(200);
		expect(() => fixed.addUser({ id: 'abc' })).toThrow(/numeric/);
		expect(() => fixed.addUser({ id: '1', phone: 'call me' })).toThrow(/phone/);
		expect(() => fixed.seedFile('_x', 'f', { 등급: 'string' })).toThrow();
	} finally {
		await fixed.stop();
	}
	const keys = [emu.adminKey, emu.restApiKey, probe.adminKey, probe.restApiKey];
	for (const k of keys) expect(k).toMatch(/^[0-9a-f]{32}$/);
	expect(new Set(keys).size).toBe(4);
});
