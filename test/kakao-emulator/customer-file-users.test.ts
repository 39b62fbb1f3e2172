// The emulator's add and delete of customer-file users, as Kakao documents them.
import { useKakaoEmulator } from '../support/emulator';
import {
	ADD,
	CREATE,
	DELETE,
	DOC_CREATE_BODY,
	JSON_CT,
	seedCustomerFiles,
} from './customer-files.fixture';
import { adminAuth, call, expectKakaoError, restAuth } from './test-helpers';

// Started once; before each test, reset and given the fixture's data.
const emu = useKakaoEmulator({ seed: seedCustomerFiles });

const post = (path: string, json: unknown, auth?: string) =>
	call(emu, 'POST', path, { auth: auth ?? restAuth(emu), json });

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
