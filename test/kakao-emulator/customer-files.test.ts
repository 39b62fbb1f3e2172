// The emulator's customer files: create, view, add users, delete users, as Kakao documents them.
import { useKakaoEmulator } from '../support/emulator';
import * as h from './test-helpers';

const { call, expectKakaoError, JSON_CT, DOC_CREATE_BODY } = h;
const { ADD, CREATE, DELETE, VIEW } = h.PATHS;
// Started once; before each test, reset and given the customer-file data.
const emu = useKakaoEmulator({ seed: h.seedCustomerFiles });

type Body = Record<string, unknown>;
const post = (path: string, json: unknown) => call(emu, 'POST', path, { auth: 'rest', json });
const create = (json: Body) => post(CREATE, { channel_public_id: '_ZeUTxl', ...json });
const view = (channel_public_id: string) =>
	call(emu, 'GET', VIEW, { auth: 'rest', query: { channel_public_id } });
const docSample = () => call(emu, 'POST', CREATE, { auth: 'rest', body: DOC_CREATE_BODY });
const members = () => [...emu.files('_ZeUTxl')[0].members.keys()].sort();
const users = (...ids: string[]) => ids.map((id) => ({ id, field: {} }));
const many = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1));
const DOC_SCHEMA = { 생년월일: 'string', 성별: 'string', 연령: 'number' };

it('doc sample body -> 200 {file_id: 437}, then ids increase; view answers in the doc shape', async () => {
	const r = await docSample();
	expect([r.status, r.headers['content-type'], r.json]).toEqual([200, JSON_CT, { file_id: 437 }]);
	const second = await create({ file_name: 'second', schema: { 포인트: 'number' } });
	const third = await create({ file_name: 'c', schema: {} });
	expect([second.json, third.json.file_id]).toEqual([{ file_id: 438 }, 439]);
	const files = emu.files('_ZeUTxl');
	const stored = files.map((f) => `${f.file_id} ${f.file_name} ${f.status}`);
	expect(stored).toEqual(['437 vip고객리스트 USING', '438 second USING', '439 c USING']);
	expect(files[0].schema).toEqual(DOC_SCHEMA);
	const v = await view('_ZeUTxl');
	const shape = [v.status, v.headers['content-type'], v.json.empty_slot, v.json.using_slot];
	const keys = ['results', 'empty_slot', 'using_slot'];
	expect([...shape, Object.keys(v.json)]).toEqual([200, JSON_CT, 27, 3, keys]);
	const [first] = v.json.results;
	expect(Object.keys(first)).toEqual(['file_id', 'file_name', 'status', 'update_at', 'schema']);
	expect(first).toEqual({
		...{ file_id: 437, file_name: 'vip고객리스트', status: 'USING', schema: expect.any(String) },
		update_at: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
	});
	expect(JSON.parse(first.schema)).toEqual(DOC_SCHEMA);
	expect(v.json.results.map((f: { file_id: number }) => f.file_id)).toEqual([437, 438, 439]);
	expect((await view('_other')).json).toEqual({ results: [], empty_slot: 30, using_slot: 0 });
});

it('30 schema items (10 fixed keys as string, 20 custom numbers) and {} are fine; a file name is unique per channel (-817); the 31st file -> -818', async () => {
	const fixed = '생년월일,국가,지역,성별,연령,구매금액,포인트,가입일,최근 구매일,응모일'; // Kakao's list
	const schema = Object.fromEntries(fixed.split(',').map((key) => [key, 'string']));
	for (let i = 0; i < 20; i++) schema[`custom${i}`] = 'number';
	expect((await create({ file_name: 'full', schema })).status).toBe(200);
	expect((await create({ file_name: 'ids-only', schema: {} })).status).toBe(200);
	expect((await create({ file_name: 'vip', schema: {} })).status).toBe(200);
	expectKakaoError(await create({ file_name: 'vip', schema: { 연령: 'number' } }), 400, -817);
	const elsewhere = { channel_public_id: '_other', file_name: 'vip', schema: {} };
	expect((await post(CREATE, elsewhere)).status).toBe(200);
	// 3 files so far, 27 more make 30
	for (let i = 3; i < 30; i++)
		expect((await create({ file_name: `file${i}`, schema: {} })).status).toBe(200);
	expectKakaoError(await create({ file_name: 'file30', schema: {} }), 400, -818);
	const { json } = await view('_ZeUTxl');
	expect([json.empty_slot, json.using_slot, json.results.length]).toEqual([0, 30, 30]);
});

it('create and add take application/json only (with parameters): a form, text, none, bad JSON -> -2', async () => {
	const send = (body: string, contentType: string | null, path = CREATE) =>
		call(emu, 'POST', path, { auth: 'rest', body, contentType });
	const FORM = 'application/x-www-form-urlencoded';
	for (const refused of [
		send('channel_public_id=_ZeUTxl&file_name=f&schema=%7B%7D', FORM),
		send('file_id=437', FORM, ADD),
		send(DOC_CREATE_BODY, 'text/plain'),
		send(DOC_CREATE_BODY, null),
		send('{"channel_public_id":', 'application/json'),
	])
		expectKakaoError(await refused, 400, -2);
	expect((await send(DOC_CREATE_BODY, 'application/json; charset=utf-8')).status).toBe(200);
});

describe('add and delete users', () => {
	beforeEach(async () => {
		expect((await docSample()).json.file_id).toBe(437);
	});
	const file = { file_id: 437, channel_public_id: '_ZeUTxl', user_type: 'app' };
	const add = (over: Body) => post(ADD, { ...file, ...over });
	const remove = (over: Body) => post(DELETE, { ...file, ...over });
	const counts = (n: number, ok: number) => ({ file_id: 437, request_count: n, success_count: ok });

	it('doc sample: request_count counts every user, success_count those who added the channel', async () => {
		const eight = [...Array(8).keys()].map((i) => ({ id: String(20000 + i), field: { 연령: i } }));
		for (const { id } of eight) emu.addUser({ id, relations: { _ZeUTxl: { relation: 'ADDED' } } });
		emu.addUser({ id: '30000' }); // has not added the channel
		const fields = { 생년월일: '2000-01-01', 성별: '남자', age: 19 };
		const r = await add({ users: [{ id: '12345', field: fields }, ...eight, ...users('30000')] });
		expect([r.status, r.headers['content-type'], r.json]).toEqual([200, JSON_CT, counts(10, 9)]);
		const [{ members: stored, user_type }] = emu.files('_ZeUTxl');
		const got = [stored.size, stored.get('12345'), user_type, stored.has('30000')];
		expect(got).toEqual([9, fields, 'app', false]);
	});

	it.each([
		['blocked, other channel, unknown: not counted', 'app', '12347 12348 99999 12345', '12345'],
		['phone: 82…, 010…', 'phone', '821012345678 01022223333 821099999999 12345', '12345 12346'],
		['phone: dashes or + do not match', 'phone', '010-1234-5678 +821012345678', ''],
	])('%s', async (_name, user_type, ids, added) => {
		const [sent, counted] = [ids.split(' '), added.split(' ').filter(Boolean)];
		const r = await add({ user_type, users: users(...sent) });
		expect([r.json, members()]).toEqual([counts(sent.length, counted.length), counted]);
	});

	it('a wrongly named field object counts 0; 2,000 users are fine; delete, doc sample: HTTP 200, an empty body, Content-Length 0, JSON type', async () => {
		const wrong = [
			{ id: '12345', fields: { 연령: 1 } },
			{ id: '12346', values: {} },
		];
		const r = await add({ users: wrong });
		expect([r.status, r.json, members()]).toEqual([200, counts(2, 0), []]);
		expect((await add({ users: users(...many(2000)) })).json).toEqual(counts(2000, 0));
		await add({ users: users('12345', '12346') });
		const { status, text, headers } = await remove({ user_ids: ['12345'] });
		const got = [status, text, headers['content-length'], headers['content-type'], members()];
		expect(got).toEqual([200, '', '0', JSON_CT, ['12346']]);
		const byPhone = await remove({ user_type: 'phone', user_ids: ['01022223333', '821099999999'] });
		expect([byPhone.status, members()]).toEqual([200, []]);
	});
});

describe('what Kakao refuses changes nothing', () => {
	const file = { file_id: 437, channel_public_id: '_ZeUTxl', user_type: 'app' };
	const bodies: Record<string, Body> = {
		[CREATE]: { channel_public_id: '_ZeUTxl', file_name: 'f', schema: {} },
		[ADD]: { ...file, users: users('12345') },
		[DELETE]: { ...file, user_ids: ['12345'] },
		[VIEW]: { channel_public_id: '_ZeUTxl' },
	};
	beforeEach(() => {
		emu.seedFile('_ZeUTxl', 'existing', { 연령: 'number' }, 'app', { 12346: {} });
		emu.seedFile('_other', 'other', {});
		emu.addAccessToken({ token: 't', userId: '12345', scopes: ['plusfriends'] });
	});
	const schema = (schema: unknown) => ({ schema });
	const items31 = Object.fromEntries(many(31).map((i) => [`c${i}`, 'number']));

	type Row = [status: number, code: number, name: string, path: string, over: Body, key?: string];
	it.each<Row>([
		[400, -2, '31 schema items', CREATE, schema(items31)],
		[400, -2, 'a custom key of type string', CREATE, schema({ 등급: 'string' })],
		[400, -2, 'custom key 앱유저아이디', CREATE, schema({ 앱유저아이디: 'number' })],
		[400, -2, 'custom key 전화번호', CREATE, schema({ 전화번호: 'number' })],
		[400, -2, 'a type other than string or number', CREATE, schema({ 연령: 'integer' })],
		[400, -2, 'a schema that is not an object', CREATE, schema('{"연령":"number"}')],
		[400, -2, 'no schema', CREATE, schema(undefined)],
		[400, -2, 'no file_name', CREATE, { file_name: undefined }],
		[400, -2, 'no channel_public_id', CREATE, { channel_public_id: undefined }],
		[401, -401, 'an access token', CREATE, {}, 'Bearer t'],
		[400, -2, 'view: no channel_public_id', VIEW, { channel_public_id: undefined }],
		[400, -2, 'add: 2,001 users', ADD, { users: users(...many(2001)) }],
		[400, -2, 'add: no users', ADD, { users: [] }],
		[400, -2, 'add: users missing', ADD, { users: undefined }],
		[400, -816, 'add: an unknown file', ADD, { file_id: 9999 }],
		[400, -816, "add: another channel's file", ADD, { file_id: 438 }],
		[400, -2, 'add: file_id not a number', ADD, { file_id: '437' }],
		[400, -2, 'add: a bad user_type', ADD, { user_type: 'email' }],
		[400, -816, 'delete: an unknown file', DELETE, { file_id: 1 }],
		[400, -2, 'delete: no user_ids', DELETE, { user_ids: [] }],
		[400, -2, 'delete: 2,001 user_ids', DELETE, { user_ids: many(2001) }],
		[400, -2, 'delete: a bad user_type', DELETE, { user_type: 'uuid' }],
		// Every endpoint: an unknown channel, one not connected, the admin key (REST API key only)
		...[CREATE, VIEW, ADD, DELETE].flatMap((path): Row[] => [
			[400, -541, `${path}: an unknown channel`, path, { channel_public_id: '_nope' }],
			[400, -819, `${path}: a channel not connected`, path, { channel_public_id: '_unlinked' }],
			[401, -401, `${path}: the admin key`, path, {}, 'admin'],
		]),
	])('HTTP %i, code %i: %s', async (status, code, _name, path, over, ...[key]) => {
		const before = [emu.files('_ZeUTxl'), emu.files('_other')];
		const send = { ...bodies[path], ...over };
		const r = await call(emu, path === VIEW ? 'GET' : 'POST', path, { auth: key ?? 'rest', send });
		expectKakaoError(r, status, code);
		expect([emu.files('_ZeUTxl'), emu.files('_other')]).toEqual(before);
	});
});
