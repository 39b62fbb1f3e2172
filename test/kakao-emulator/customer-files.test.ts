import { useKakaoEmulator } from '../support/emulator';
import { adminAuth, bearer, call, expectKakaoError, restAuth } from './test-helpers';

const CREATE = '/v1/talkchannel/create/target_user_file';
const VIEW = '/v1/talkchannel/target_user_file';
const ADD = '/v1/talkchannel/update/target_users';
const DELETE = '/v1/talkchannel/delete/target_users';
const JSON_CT = 'application/json;charset=UTF-8';

/** The exact body of the doc's "Register customer file" sample. */
const DOC_CREATE_BODY = `{
            "channel_public_id": "_ZeUTxl",
            "file_name": "vip고객리스트",
            "schema":{
                "생년월일":"string",
                "성별":"string",
                "연령":"number"
        }
    }`;

// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
		emu.addChannel({ publicId: '_other', uuid: '@other' });
		emu.addChannel({ publicId: '_unlinked', uuid: '@unlinked', connected: false });
		emu.addUser({
			id: '12345',
			phone: '821012345678',
			relations: { _ZeUTxl: { relation: 'ADDED' } },
		});
		emu.addUser({
			id: '12346',
			phone: '010-2222-3333',
			relations: { _ZeUTxl: { relation: 'ADDED' } },
		});
		emu.addUser({ id: '12347', relations: { _ZeUTxl: { relation: 'BLOCKED' } } });
		emu.addUser({ id: '12348', relations: { _other: { relation: 'ADDED' } } });
	},
});

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

describe('add users', () => {
	let fileId: number;
	beforeEach(async () => {
		fileId = (await call(emu, 'POST', CREATE, { auth: restAuth(emu), body: DOC_CREATE_BODY })).json
			.file_id;
	});
	const add = (over: Record<string, unknown>) =>
		post(ADD, { file_id: fileId, channel_public_id: '_ZeUTxl', user_type: 'app', ...over });

	it('doc sample: request_count counts every user, success_count only users who added the channel', async () => {
		for (let i = 0; i < 8; i++)
			emu.addUser({ id: String(20000 + i), relations: { _ZeUTxl: { relation: 'ADDED' } } });
		emu.addUser({ id: '30000' }); // has not added the channel
		const users = [
			{ id: '12345', field: { 생년월일: '2000-01-01', 성별: '남자', age: 19 } },
			...Array.from({ length: 8 }, (_, i) => ({ id: String(20000 + i), field: { 연령: 30 + i } })),
			{ id: '30000', field: { 연령: 50 } },
		];
		const r = await add({ users });
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe(JSON_CT);
		expect(r.json).toEqual({ file_id: 437, request_count: 10, success_count: 9 });
		const file = emu.files('_ZeUTxl')[0];
		expect(file.members.size).toBe(9);
		expect(file.members.get('12345')).toEqual({ 생년월일: '2000-01-01', 성별: '남자', age: 19 });
		expect(file.members.has('30000')).toBe(false);
		expect(file.user_type).toBe('app');
	});

	it('blocked users, users of another channel and unknown ids are not counted', async () => {
		const r = await add({
			users: [
				{ id: '12347', field: {} },
				{ id: '12348', field: {} },
				{ id: '99999', field: {} },
				{ id: '12345', field: {} },
			],
		});
		expect(r.json).toEqual({ file_id: fileId, request_count: 4, success_count: 1 });
	});

	it('user_type phone: 82... and 010... digits match the registered number, other forms do not', async () => {
		const r = await add({
			user_type: 'phone',
			users: [
				{ id: '821012345678', field: {} },
				{ id: '01022223333', field: {} },
				{ id: '010-1234-5678', field: {} },
				{ id: '+821012345678', field: {} },
				{ id: '821099999999', field: {} },
				{ id: '12345', field: {} },
			],
		});
		expect(r.json).toEqual({ file_id: fileId, request_count: 6, success_count: 2 });
		expect([...emu.files('_ZeUTxl')[0].members.keys()].sort()).toEqual(['12345', '12346']);
	});

	it('a wrong name for the field object is accepted with HTTP 200 but success_count 0 (docs/kakao-api.md)', async () => {
		const r = await add({
			users: [
				{ id: '12345', fields: { 연령: 1 } },
				{ id: '12346', values: { 연령: 2 } },
			],
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({ file_id: fileId, request_count: 2, success_count: 0 });
		expect(emu.files('_ZeUTxl')[0].members.size).toBe(0);
	});

	it('2000 users are fine, 2001 or 0 users -> -2', async () => {
		const many = (n: number) =>
			Array.from({ length: n }, (_, i) => ({ id: String(i + 1), field: {} }));
		expect((await add({ users: many(2000) })).json).toEqual({
			file_id: fileId,
			request_count: 2000,
			success_count: 0,
		});
		expectKakaoError(await add({ users: many(2001) }), 400, -2);
		expectKakaoError(await add({ users: [] }), 400, -2);
		expectKakaoError(await add({ users: undefined }), 400, -2);
	});

	it('unknown file -> -816 (also a file of another channel), file_id not a number -> -2', async () => {
		const other = (await post(CREATE, { channel_public_id: '_other', file_name: 'x', schema: {} }))
			.json.file_id;
		expectKakaoError(await add({ file_id: 9999, users: [{ id: '12345', field: {} }] }), 400, -816);
		expectKakaoError(await add({ file_id: other, users: [{ id: '12345', field: {} }] }), 400, -816);
		expectKakaoError(
			await add({ file_id: String(fileId), users: [{ id: '12345', field: {} }] }),
			400,
			-2,
		);
	});

	it('bad user_type -> -2, unknown channel -> -541, unconnected -> -819, admin key -> -401', async () => {
		const users = [{ id: '12345', field: {} }];
		expectKakaoError(await add({ user_type: 'email', users }), 400, -2);
		expectKakaoError(await add({ channel_public_id: '_nope', users }), 400, -541);
		expectKakaoError(await add({ channel_public_id: '_unlinked', users }), 400, -819);
		expectKakaoError(
			await post(
				ADD,
				{ file_id: fileId, channel_public_id: '_ZeUTxl', user_type: 'app', users },
				adminAuth(emu),
			),
			401,
			-401,
		);
		expectKakaoError(
			await call(emu, 'POST', ADD, {
				auth: restAuth(emu),
				body: 'file_id=437',
				contentType: 'application/x-www-form-urlencoded',
			}),
			400,
			-2,
		);
	});
});

describe('delete users', () => {
	let fileId: number;
	beforeEach(async () => {
		fileId = (await call(emu, 'POST', CREATE, { auth: restAuth(emu), body: DOC_CREATE_BODY })).json
			.file_id;
		await post(ADD, {
			file_id: fileId,
			channel_public_id: '_ZeUTxl',
			user_type: 'app',
			users: [
				{ id: '12345', field: {} },
				{ id: '12346', field: {} },
			],
		});
	});

	it('doc sample: HTTP 200 with an empty body, Content-Length 0, JSON content type', async () => {
		const r = await post(DELETE, {
			file_id: 437,
			channel_public_id: '_ZeUTxl',
			user_type: 'app',
			user_ids: ['12345'],
		});
		expect(r.status).toBe(200);
		expect(r.text).toBe('');
		expect(r.headers['content-length']).toBe('0');
		expect(r.headers['content-type']).toBe(JSON_CT);
		expect([...emu.files('_ZeUTxl')[0].members.keys()]).toEqual(['12346']);
	});

	it('by phone; ids that are not members are ignored', async () => {
		const r = await post(DELETE, {
			file_id: fileId,
			channel_public_id: '_ZeUTxl',
			user_type: 'phone',
			user_ids: ['01022223333', '821099999999'],
		});
		expect(r.status).toBe(200);
		expect([...emu.files('_ZeUTxl')[0].members.keys()]).toEqual(['12345']);
	});

	it('rejections: unknown file -816, empty/2001 user_ids -2, bad user_type -2, unknown channel -541, admin key -401', async () => {
		const base = {
			file_id: fileId,
			channel_public_id: '_ZeUTxl',
			user_type: 'app',
			user_ids: ['12345'],
		};
		expectKakaoError(await post(DELETE, { ...base, file_id: 1 }), 400, -816);
		expectKakaoError(await post(DELETE, { ...base, user_ids: [] }), 400, -2);
		expectKakaoError(
			await post(DELETE, { ...base, user_ids: Array.from({ length: 2001 }, (_, i) => String(i)) }),
			400,
			-2,
		);
		expectKakaoError(await post(DELETE, { ...base, user_type: 'uuid' }), 400, -2);
		expectKakaoError(await post(DELETE, { ...base, channel_public_id: '_nope' }), 400, -541);
		expectKakaoError(await post(DELETE, base, adminAuth(emu)), 401, -401);
		expect(emu.files('_ZeUTxl')[0].members.size).toBe(2);
	});
});
