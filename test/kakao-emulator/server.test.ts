import { useKakaoEmulator } from '../support/emulator';
import { KakaoEmulator } from './index';
import { adminAuth, bearer, call, expectKakaoError, restAuth } from './test-helpers';

// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
		emu.addUser({ id: '1001', relations: { _ZeUTxl: { relation: 'ADDED' } } });
		emu.addAccessToken({ token: 'tok', userId: '1001', scopes: ['plusfriends'] });
	},
});

type KeyName = 'admin' | 'rest' | 'bearer';
const ENDPOINTS: Array<{
	method: string;
	path: string;
	query?: Record<string, string>;
	json?: unknown;
	accepts: KeyName[];
}> = [
	{
		method: 'GET',
		path: '/v2/api/talk/channels',
		query: { target_id_type: 'user_id', target_id: '1001', channel_ids: '_ZeUTxl' },
		accepts: ['admin', 'bearer'],
	},
	{
		method: 'GET',
		path: '/v2/api/talk/channels/multi',
		query: { target_id_type: 'user_id', target_ids: '1001' },
		accepts: ['admin'],
	},
	{
		method: 'POST',
		path: '/v1/talkchannel/create/target_user_file',
		json: { channel_public_id: '_ZeUTxl', file_name: 'x', schema: {} },
		accepts: ['rest'],
	},
	{
		method: 'GET',
		path: '/v1/talkchannel/target_user_file',
		query: { channel_public_id: '_ZeUTxl' },
		accepts: ['rest'],
	},
	{
		method: 'POST',
		path: '/v1/talkchannel/update/target_users',
		json: {
			file_id: 437,
			channel_public_id: '_ZeUTxl',
			user_type: 'app',
			users: [{ id: '1001', field: {} }],
		},
		accepts: ['rest'],
	},
	{
		method: 'POST',
		path: '/v1/talkchannel/delete/target_users',
		json: { file_id: 437, channel_public_id: '_ZeUTxl', user_type: 'app', user_ids: ['1001'] },
		accepts: ['rest'],
	},
	{ method: 'GET', path: '/v1/system/ips', accepts: ['rest', 'admin'] },
];

describe('authorization per endpoint', () => {
	const header = (k: KeyName): string =>
		k === 'admin' ? adminAuth(emu) : k === 'rest' ? restAuth(emu) : bearer('tok');
	for (const ep of ENDPOINTS) {
		for (const k of ['admin', 'rest', 'bearer'] as KeyName[]) {
			const ok = ep.accepts.includes(k);
			it(`${ep.method} ${ep.path} with ${k}: ${ok ? 'accepted' : 'HTTP 401 -401 (wrong key kind)'}`, async () => {
				emu.seedFile('_ZeUTxl', 'existing', {}); // file 437 for the update/delete calls
				const r = await call(emu, ep.method, ep.path, {
					auth: header(k),
					query: ep.query,
					json: ep.json,
				});
				if (ok) {
					expect(r.status).toBe(200);
					expect(r.headers['content-type']).toBe('application/json;charset=UTF-8');
				} else {
					expectKakaoError(r, 401, -401);
					expect(r.json.msg).toMatch(/wrong credential type/);
				}
			});
		}
		it(`${ep.method} ${ep.path}: missing, malformed or unknown credentials -> HTTP 401 -401`, async () => {
			for (const auth of [
				undefined,
				'KakaoAK',
				'Basic abc',
				`kakaoak ${emu.adminKey}`,
				'KakaoAK 0123456789abcdef',
				'Bearer unknown-token',
				`KakaoAK ${emu.adminKey} extra`,
			]) {
				expectKakaoError(
					await call(emu, ep.method, ep.path, { auth, query: ep.query, json: ep.json }),
					401,
					-401,
				);
			}
		});
	}

	it("the missing-key message is Kakao's", async () => {
		const r = await call(emu, 'GET', '/v1/system/ips');
		expect(r.json).toEqual({ msg: 'no authentication key!', code: -401 });
		const t = await call(emu, 'GET', '/v1/system/ips', { auth: 'Bearer nope' });
		expect(t.status).toBe(401);
	});
});

describe('system ips, routing', () => {
	it('GET /v1/system/ips answers 200 JSON with the REST API key or the admin key', async () => {
		for (const auth of [restAuth(emu), adminAuth(emu)]) {
			const r = await call(emu, 'GET', '/v1/system/ips', { auth });
			expect(r.status).toBe(200);
			expect(Object.keys(r.json as object)).toEqual(['inbound', 'outbound', 'updatedDate']);
		}
	});

	it('unknown path -> 404 with a Kakao-like body; wrong method -> 405 with Allow', async () => {
		const nf = await call(emu, 'GET', '/v2/api/talk/nope', { auth: adminAuth(emu) });
		expectKakaoError(nf, 404, -9);
		const wm = await call(emu, 'POST', '/v2/api/talk/channels', { auth: adminAuth(emu), json: {} });
		expectKakaoError(wm, 405, -2);
		expect(wm.headers['allow']).toBe('GET');
		const wm2 = await call(emu, 'GET', '/v1/talkchannel/update/target_users', {
			auth: restAuth(emu),
		});
		expect(wm2.status).toBe(405);
		expect(wm2.headers['allow']).toBe('POST');
	});

	it('works with the global fetch (keep-alive connections) and reports the port in baseUrl', async () => {
		expect(emu.baseUrl).toBe(`http://127.0.0.1:${emu.port}`);
		for (let i = 0; i < 3; i++) {
			const res = await fetch(`${emu.baseUrl}/v1/system/ips`, {
				headers: { Authorization: `KakaoAK ${emu.restApiKey}` },
			});
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('application/json;charset=UTF-8');
			expect(await res.json()).toMatchObject({ updatedDate: '2025-01-15' });
		}
	});
});

describe('request recording and reset', () => {
	it('records every request, including rejected ones, with parsed bodies and the answered status', async () => {
		emu.clearRequests();
		await call(emu, 'GET', '/v2/api/talk/channels', {
			auth: adminAuth(emu),
			query: { target_id_type: 'user_id', target_id: '1001', channel_ids: '_ZeUTxl' },
		});
		await call(emu, 'POST', '/v1/talkchannel/create/target_user_file', {
			auth: adminAuth(emu),
			json: { file_name: 'x' },
		});
		await call(emu, 'POST', '/v1/talkchannel/create/target_user_file', {
			auth: restAuth(emu),
			body: 'not json',
			contentType: 'text/plain',
		});
		expect(emu.requests).toHaveLength(3);
		const [a, b, c] = emu.requests;
		expect(a).toMatchObject({
			method: 'GET',
			path: '/v2/api/talk/channels',
			query: { target_id_type: 'user_id', target_id: '1001', channel_ids: '_ZeUTxl' },
			status: 200,
			rawBody: '',
			body: undefined,
		});
		expect(a.headers.authorization).toBe(adminAuth(emu));
		expect(b).toMatchObject({
			method: 'POST',
			status: 401,
			rawBody: '{"file_name":"x"}',
			body: { file_name: 'x' },
		});
		expect(c).toMatchObject({ status: 400, rawBody: 'not json', body: undefined });
		expect(typeof a.at).toBe('number');
		expect(a.at).toBeLessThanOrEqual(b.at);
		emu.clearRequests();
		expect(emu.requests).toHaveLength(0);
	});

	it('recordBodies:false keeps the log without bodies', async () => {
		const lean = await KakaoEmulator.start({ recordBodies: false });
		try {
			await call(lean, 'POST', '/v1/talkchannel/create/target_user_file', {
				auth: restAuth(lean),
				json: { a: 1 },
			});
			expect(lean.requests).toHaveLength(1);
			expect(lean.requests[0]).toMatchObject({
				path: '/v1/talkchannel/create/target_user_file',
				rawBody: '',
				body: undefined,
				status: 400,
			});
		} finally {
			await lean.stop();
		}
	});

	it('reset clears channels, users, tokens, files, requests and faults; keys stay', async () => {
		const keys = [emu.adminKey, emu.restApiKey];
		emu.seedFile('_ZeUTxl', 'f', {});
		emu.injectFault({ fault: { kind: 'http', status: 500 }, times: Infinity });
		emu.reset();
		expect([emu.adminKey, emu.restApiKey]).toEqual(keys);
		expect(emu.requests).toHaveLength(0);
		expect(emu.files('_ZeUTxl')).toEqual([]);
		expectKakaoError(
			await call(emu, 'GET', '/v2/api/talk/channels', {
				auth: bearer('tok'),
				query: { channel_ids: '_ZeUTxl' },
			}),
			401,
			-401,
		);
		expectKakaoError(
			await call(emu, 'GET', '/v1/talkchannel/target_user_file', {
				auth: restAuth(emu),
				query: { channel_public_id: '_ZeUTxl' },
			}),
			400,
			-541,
		);
		// file ids start again at 437
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
		expect(emu.seedFile('_ZeUTxl', 'f', {})).toBe(437);
	});

	it('files() is a read-only copy', () => {
		emu.seedFile('_ZeUTxl', 'f', { 연령: 'number' }, 'app', { '1001': { 연령: 3 } });
		const view = emu.files('_ZeUTxl');
		view[0].members.clear();
		view[0].schema.x = 'number';
		expect(emu.files('_ZeUTxl')[0].members.get('1001')).toEqual({ 연령: 3 });
		expect(emu.files('_ZeUTxl')[0].schema).toEqual({ 연령: 'number' });
	});

	it('options: fixed keys, fixed port, validation of test data', async () => {
		const probe = await KakaoEmulator.start();
		const port = probe.port;
		await probe.stop();
		const fixed = await KakaoEmulator.start({ port, adminKey: 'adm', restApiKey: 'rst' });
		try {
			expect(fixed.port).toBe(port);
			expect(fixed.baseUrl).toBe(`http://127.0.0.1:${port}`);
			expect((await call(fixed, 'GET', '/v1/system/ips', { auth: 'KakaoAK rst' })).status).toBe(
				200,
			);
			expect((await call(fixed, 'GET', '/v1/system/ips', { auth: 'KakaoAK adm' })).status).toBe(
				200,
			);
			expect(() => fixed.addUser({ id: 'abc' })).toThrow(/numeric/);
			expect(() => fixed.addUser({ id: '1', phone: 'call me' })).toThrow(/phone/);
			expect(() => fixed.seedFile('_x', 'f', { 등급: 'string' })).toThrow();
		} finally {
			await fixed.stop();
		}
	});

	it('default keys are random 32-char hex and differ between instances', async () => {
		const other = await KakaoEmulator.start();
		try {
			for (const k of [emu.adminKey, emu.restApiKey, other.adminKey])
				expect(k).toMatch(/^[0-9a-f]{32}$/);
			expect(new Set([emu.adminKey, emu.restApiKey, other.adminKey, other.restApiKey]).size).toBe(
				4,
			);
		} finally {
			await other.stop();
		}
	});
});
