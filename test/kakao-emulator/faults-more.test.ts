// Faults added for the node's fault campaign: a reset after the request was applied, faults that
// pick one request by its content, a 2XX with any body and content type; and exact 64-bit IDs.
import { useKakaoEmulator } from '../support/emulator';
import { adminAuth, call, restAuth } from './test-helpers';

const CREATE = '/v1/talkchannel/create/target_user_file';
const MULTI = '/v2/api/talk/channels/multi';

// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
	},
});

const create = (name: string) =>
	call(emu, 'POST', CREATE, {
		auth: restAuth(emu),
		json: { channel_public_id: '_ZeUTxl', file_name: name, schema: {} },
	});

it('dropAfterApply: the connection closes with no answer, but the request was applied', async () => {
	emu.injectFault({ fault: { kind: 'dropAfterApply' }, path: CREATE });
	await expect(create('applied')).rejects.toThrow(/socket hang up|ECONNRESET/);
	expect(emu.files('_ZeUTxl').map((file) => file.file_name)).toEqual(['applied']);
	expect(emu.requests[0].status).toBe(0);
});

it('drop: the connection closes before the request is applied', async () => {
	emu.injectFault({ fault: { kind: 'drop' }, path: CREATE });
	await expect(create('dropped')).rejects.toThrow(/socket hang up|ECONNRESET/);
	expect(emu.files('_ZeUTxl')).toEqual([]);
});

it('match: a fault hits only a request whose query or body contains the text, and is kept for it', async () => {
	emu.injectFault({
		fault: { kind: 'kakao', code: -10 },
		path: CREATE,
		match: '"file_name":"second"',
	});
	expect((await create('first')).status).toBe(200);
	const second = await create('second');
	expect([second.status, second.json.code]).toEqual([400, -10]);
	expect((await create('third')).status).toBe(200);
	emu.addUser({ id: '1001', relations: {} });
	emu.injectFault({ fault: { kind: 'http', status: 502 }, path: MULTI, match: 'target_ids=1001' });
	expect(
		(
			await call(emu, 'GET', MULTI, {
				auth: adminAuth(emu),
				query: { target_id_type: 'user_id', target_ids: '1001' },
			})
		).status,
	).toBe(502);
});

it('http: a 2XX with a chosen body and content type, such as cut-off JSON', async () => {
	emu.injectFault({
		fault: {
			kind: 'http',
			status: 200,
			body: '{"file_id":4',
			contentType: 'application/json;charset=UTF-8',
		},
		path: CREATE,
	});
	const answer = await create('x');
	expect([answer.status, answer.text, answer.headers['content-type']]).toEqual([
		200,
		'{"file_id":4',
		'application/json;charset=UTF-8',
	]);
	expect(emu.files('_ZeUTxl')).toEqual([]);
});

it('64-bit user IDs are answered as exact JSON numbers', async () => {
	emu.addUser({ id: '9223372036854775807', relations: { _ZeUTxl: { relation: 'ADDED' } } });
	const answer = await call(emu, 'GET', MULTI, {
		auth: adminAuth(emu),
		query: { target_id_type: 'user_id', target_ids: '9223372036854775807' },
	});
	expect(answer.text).toMatch(/^\[\{"user_id":9223372036854775807,"channels":/);
});
