import { useKakaoEmulator } from '../support/emulator';
import {
	CREATE,
	DOC_CREATE_BODY,
	JSON_CT,
	VIEW,
	seedCustomerFiles,
} from './customer-files.fixture';
import { adminAuth, bearer, call, expectKakaoError, restAuth } from './test-helpers';

// Started once; before each test, reset and given the fixture's data.
const emu = useKakaoEmulator({ seed: seedCustomerFiles });

const post = (path: string, json: unknown, auth?: string) =>
	call(emu, 'POST', path, { auth: auth ?? restAuth(emu), json });
const create = (json: Record<string, unknown>) =>
	post(CREATE, { channel_public_id: '_ZeUTxl', ...json });

describe('create customer file', () => {
	it('doc sample body -> 200 {file_id: 437}, then ids increase', async () => {
		const r = await call(emu, 'POST', CREATE, { auth: restAuth(emu), body: DOC_CREATE_BODY });
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe(JSON_CT);
		expect(r.json).toEqual({ file_id: 437 });
		const second = await create({ file_name: 'second', schema: { 포인트: 'number' } });
		expect(second.json).toEqual({ file_id: 438 });
		const files = emu.files('_ZeUTxl');
		expect(files.map((f) => [f.file_id, f.file_name, f.status])).toEqual([
			[437, 'vip고객리스트', 'USING'],
			[438, 'second', 'USING'],
		]);
		expect(files[0].schema).toEqual({ 생년월일: 'string', 성별: 'string', 연령: 'number' });
	});

	it('accepts 30 items (all 10 fixed keys as string + 20 custom number keys) and an empty schema', async () => {
		const schema: Record<string, string> = {};
		for (const k of [
			'생년월일',
			'국가',
			'지역',
			'성별',
			'연령',
			'구매금액',
			'포인트',
			'가입일',
			'최근 구매일',
			'응모일',
		])
			schema[k] = 'string';
		for (let i = 0; i < 20; i++) schema[`custom${i}`] = 'number';
		expect((await create({ file_name: 'full', schema })).status).toBe(200);
		expect((await create({ file_name: 'ids-only', schema: {} })).status).toBe(200);
	});

	it.each([
		[
			'31 schema items',
			{
				file_name: 'f',
				schema: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`c${i}`, 'number'])),
			},
		],
		['custom key with string type', { file_name: 'f', schema: { 등급: 'string' } }],
		['custom key 앱유저아이디', { file_name: 'f', schema: { 앱유저아이디: 'number' } }],
		['custom key 전화번호', { file_name: 'f', schema: { 전화번호: 'number' } }],
		['type other than string/number', { file_name: 'f', schema: { 연령: 'integer' } }],
		['schema not an object', { file_name: 'f', schema: '{"연령":"number"}' }],
		['missing schema', { file_name: 'f' }],
		['missing file_name', { schema: {} }],
		['missing channel_public_id', { channel_public_id: undefined, file_name: 'f', schema: {} }],
	])('%s -> HTTP 400 -2', async (_n, json) => {
		expectKakaoError(await create(json), 400, -2);
		expect(emu.files('_ZeUTxl')).toHaveLength(0);
	});

	it('duplicate file name on the channel -> -817 (the same name on another channel is fine)', async () => {
		expect((await create({ file_name: 'vip', schema: {} })).status).toBe(200);
		expectKakaoError(await create({ file_name: 'vip', schema: { 연령: 'number' } }), 400, -817);
		expect(
			(await post(CREATE, { channel_public_id: '_other', file_name: 'vip', schema: {} })).status,
		).toBe(200);
	});

	it('30 files are fine, the 31st -> -818', async () => {
		for (let i = 0; i < 30; i++)
			expect((await create({ file_name: `file${i}`, schema: {} })).status).toBe(200);
		expectKakaoError(await create({ file_name: 'file30', schema: {} }), 400, -818);
		const view = await call(emu, 'GET', VIEW, {
			auth: restAuth(emu),
			query: { channel_public_id: '_ZeUTxl' },
		});
		expect([view.json.empty_slot, view.json.using_slot, view.json.results.length]).toEqual([
			0, 30, 30,
		]);
	});

	it('unknown channel -> -541, unconnected -> -819', async () => {
		expectKakaoError(
			await post(CREATE, { channel_public_id: '_nope', file_name: 'f', schema: {} }),
			400,
			-541,
		);
		expectKakaoError(
			await post(CREATE, { channel_public_id: '_unlinked', file_name: 'f', schema: {} }),
			400,
			-819,
		);
	});

	it('body must be application/json: form-encoded, text/plain, missing content type, bad JSON -> -2', async () => {
		const form = 'channel_public_id=_ZeUTxl&file_name=f&schema=%7B%7D';
		expectKakaoError(
			await call(emu, 'POST', CREATE, {
				auth: restAuth(emu),
				body: form,
				contentType: 'application/x-www-form-urlencoded',
			}),
			400,
			-2,
		);
		expectKakaoError(
			await call(emu, 'POST', CREATE, {
				auth: restAuth(emu),
				body: DOC_CREATE_BODY,
				contentType: 'text/plain',
			}),
			400,
			-2,
		);
		expectKakaoError(
			await call(emu, 'POST', CREATE, {
				auth: restAuth(emu),
				body: DOC_CREATE_BODY,
				contentType: null,
			}),
			400,
			-2,
		);
		expectKakaoError(
			await call(emu, 'POST', CREATE, {
				auth: restAuth(emu),
				body: '{"channel_public_id":',
				contentType: 'application/json',
			}),
			400,
			-2,
		);
		// media type parameters are fine
		const ok = await call(emu, 'POST', CREATE, {
			auth: restAuth(emu),
			body: DOC_CREATE_BODY,
			contentType: 'application/json; charset=utf-8',
		});
		expect(ok.status).toBe(200);
	});

	it('REST API key only: admin key and access token -> -401', async () => {
		emu.addAccessToken({ token: 't', userId: '12345', scopes: ['plusfriends'] });
		const body = { channel_public_id: '_ZeUTxl', file_name: 'f', schema: {} };
		expectKakaoError(await post(CREATE, body, adminAuth(emu)), 401, -401);
		expectKakaoError(await post(CREATE, body, bearer('t')), 401, -401);
		expect(emu.files('_ZeUTxl')).toHaveLength(0);
	});
});

describe('view customer files', () => {
	it('doc sample shape: results with schema as a JSON string, empty_slot + using_slot = 30', async () => {
		await call(emu, 'POST', CREATE, { auth: restAuth(emu), body: DOC_CREATE_BODY });
		await create({ file_name: 'b', schema: { 포인트: 'number' } });
		await create({ file_name: 'c', schema: {} });
		const r = await call(emu, 'GET', VIEW, {
			auth: restAuth(emu),
			query: { channel_public_id: '_ZeUTxl' },
		});
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe(JSON_CT);
		expect(Object.keys(r.json)).toEqual(['results', 'empty_slot', 'using_slot']);
		expect(r.json.empty_slot).toBe(27);
		expect(r.json.using_slot).toBe(3);
		const first = r.json.results[0];
		expect(Object.keys(first)).toEqual(['file_id', 'file_name', 'status', 'update_at', 'schema']);
		expect(first).toEqual({
			file_id: 437,
			file_name: 'vip고객리스트',
			status: 'USING',
			update_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
			schema: expect.any(String),
		});
		expect(JSON.parse(first.schema)).toEqual({
			생년월일: 'string',
			성별: 'string',
			연령: 'number',
		});
		expect(r.json.results.map((f: { file_id: number }) => f.file_id)).toEqual([437, 438, 439]);
	});

	it('a channel without files -> empty results, 30 empty slots', async () => {
		const r = await call(emu, 'GET', VIEW, {
			auth: restAuth(emu),
			query: { channel_public_id: '_other' },
		});
		expect(r.json).toEqual({ results: [], empty_slot: 30, using_slot: 0 });
	});

	it('rejections: missing channel_public_id -2, unknown -541, unconnected -819, admin key -401', async () => {
		expectKakaoError(await call(emu, 'GET', VIEW, { auth: restAuth(emu) }), 400, -2);
		expectKakaoError(
			await call(emu, 'GET', VIEW, { auth: restAuth(emu), query: { channel_public_id: '_nope' } }),
			400,
			-541,
		);
		expectKakaoError(
			await call(emu, 'GET', VIEW, {
				auth: restAuth(emu),
				query: { channel_public_id: '_unlinked' },
			}),
			400,
			-819,
		);
		expectKakaoError(
			await call(emu, 'GET', VIEW, {
				auth: adminAuth(emu),
				query: { channel_public_id: '_ZeUTxl' },
			}),
			401,
			-401,
		);
	});
});
