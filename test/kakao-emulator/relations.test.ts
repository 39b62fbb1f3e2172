// The emulator's relation checks, one user and up to 200, as Kakao documents them.
import { useKakaoEmulator } from '../support/emulator';
import { PATHS, call, expectKakaoError, JSON_CT, seedRelations } from './test-helpers';

// Started once; before each test, reset and given the relation data.
const emu = useKakaoEmulator({ seed: seedRelations });

const DOC_CHANNELS = '_frxjem,_xnrxjem,_Brxjem';
const AT = { created_at: '2020-04-18T03:17:05Z', updated_at: '2021-05-17T05:25:01Z' };
const channel = (channel_uuid: string, channel_public_id: string, relation: string) => ({
	...{ channel_uuid, channel_public_id, relation },
});
const DOC_ANSWER = {
	user_id: 4242,
	channels: [
		{ ...channel('@frx', '_frxjem', 'ADDED'), ...AT },
		channel('@플러스친구', '_xnrxjem', 'NONE'),
		{ ...channel('@brx', '_Brxjem', 'BLOCKED'), updated_at: '2022-01-01T00:00:00Z' },
	],
};
type Query = Record<string, string | undefined>;
type Row = [status: number, code: number, name: string, query: Query, key?: string];
const byAdmin = { target_id_type: 'user_id', target_id: '4242', channel_ids: '_ZeUTxl' };
const single = (query: Query, key = 'admin') =>
	call(emu, 'GET', PATHS.SINGLE, { auth: key, query });
const multi = (query: Query, key = 'admin') =>
	call(emu, 'GET', PATHS.MULTI, { auth: key, query: { target_id_type: 'user_id', ...query } });

describe('GET /v2/api/talk/channels', () => {
	it('admin key and access token samples (the user is the token owner, not target_id); the -501 sample by key and token; -402 names the scopes', async () => {
		const r = await single({ ...byAdmin, channel_ids: DOC_CHANNELS });
		expect([r.status, r.headers['content-type'], r.json]).toEqual([200, JSON_CT, DOC_ANSWER]);
		expect(r.text).toContain('"user_id":4242,');
		expect(Object.keys(r.json.channels[0])).toEqual([...Object.keys(DOC_ANSWER.channels[0])]);
		const zeUTxl = { ...channel('@테스트', '_ZeUTxl', 'ADDED'), ...AT };
		expect((await single(byAdmin)).json).toEqual({ user_id: 4242, channels: [zeUTxl] });
		const mine = await single({ channel_ids: DOC_CHANNELS }, 'Bearer tok-ok');
		const query = { ...byAdmin, target_id: '5555', channel_id_type: 'channel_public_id' };
		const other = await single(query, 'Bearer tok-ok');
		const got = [mine.status, mine.json, other.status, other.json.user_id];
		expect(got).toEqual([200, DOC_ANSWER, 200, 4242]);
		const a = await single({ ...byAdmin, target_id: '5555', channel_ids: DOC_CHANNELS });
		const msg = 'given account is not connected to any talk user.';
		expect([a.status, a.json]).toEqual([400, { msg, code: -501 }]);
		expectKakaoError(await single({ channel_ids: DOC_CHANNELS }, 'Bearer tok-nontalk'), 400, -501);
		const few = await single({ channel_ids: '_ZeUTxl' }, 'Bearer tok-noscope');
		const scopes = { required_scopes: ['plusfriends'], allowed_scopes: ['profile_nickname'] };
		const refused = { msg: expect.any(String), code: -402, ...scopes };
		expect([few.status, few.json]).toEqual([403, refused]);
	});

	it.each<Row>([
		[400, -2, 'no target_id_type', { target_id_type: undefined }],
		[400, -2, 'target_id_type not user_id', { target_id_type: 'app_user_id' }],
		[400, -2, 'no target_id', { target_id: undefined }],
		[400, -2, 'a non-numeric target_id', { target_id: 'abc' }],
		[400, -2, 'no channel_ids', { channel_ids: undefined }],
		[400, -2, 'empty channel_ids', { channel_ids: ' , ' }],
		[400, -2, 'channel_id_type not channel_public_id', { channel_id_type: 'channel_uuid' }],
		[400, -541, 'an unknown channel among them', { channel_ids: '_ZeUTxl,_nope' }],
		[400, -819, 'a channel not connected to the app', { channel_ids: '_unlinked' }],
		[400, -544, 'a sanctioned channel', { channel_ids: '_banned' }],
		[400, -101, 'an unknown user (not linked to the app)', { target_id: '999999' }],
		[401, -401, 'no key', {}, ''],
		[401, -401, 'an unknown token', {}, 'Bearer nope'],
		[401, -401, 'the REST API key (wrong kind)', {}, 'rest'],
	])('HTTP %i, code %i: %s', async (status, code, _name, over, ...[key]) => {
		const r = await single({ ...byAdmin, ...over }, key);
		expectKakaoError(r, status, code);
		if (key === 'rest') expect(r.json.msg).toMatch(/wrong credential type/);
	});

	it('setRelation stamps times like Kakao: ADDED both, BLOCKED updated_at, NONE neither', async () => {
		const ask = async (relation: 'ADDED' | 'BLOCKED' | 'NONE') => {
			emu.setRelation('4242', '_xnrxjem', relation);
			return (await single({ ...byAdmin, channel_ids: '_xnrxjem' })).json.channels[0];
		};
		const before = Date.now() - 1000;
		const added = await ask('ADDED');
		expect([added.relation, added.updated_at]).toEqual(['ADDED', added.created_at]);
		expect(added.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(Date.parse(added.created_at)).toBeGreaterThanOrEqual(before);
		const blocked = await ask('BLOCKED');
		expect([blocked.relation, blocked.created_at, blocked.updated_at]).toEqual([
			...['BLOCKED', undefined],
			expect.stringMatching(/Z$/),
		]);
		expect(await ask('NONE')).toEqual(channel('@플러스친구', '_xnrxjem', 'NONE'));
		expect(() => emu.setRelation('777', '_xnrxjem', 'ADDED')).toThrow(/unknown user/);
	});
});

describe('GET /v2/api/talk/channels/multi', () => {
	const at = { created_at: '2022-11-09T07:08:48Z', updated_at: '2023-07-20T07:21:05Z' };
	beforeEach(() => {
		emu.addUser({ id: '1', relations: { _xnrxjem: { relation: 'ADDED', ...at } } });
		emu.addUser({ id: '2', relations: { _xnrxjem: { relation: 'NONE' } } });
	});
	const entry = (relation: string) => ({
		...{ channel_public_id: '_xnrxjem', channel_uuid: '@플러스친구', relation },
	});
	const one = { user_id: 1, channels: [{ ...entry('ADDED'), ...at }] };
	const column = (user: { channels: Array<Record<string, string>> }, key: string) =>
		user.channels.map((c) => c[key]);
	const ids = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1)).join(',');

	it('doc sample: [{user_id, channels}] in target_ids order, keys in the doc order', async () => {
		const r = await multi({ target_ids: '1,2', channel_ids: '_xnrxjem' });
		const two = { user_id: 2, channels: [entry('NONE')] };
		expect([r.status, r.headers['content-type'], r.json]).toEqual([200, JSON_CT, [one, two]]);
		expect(Object.keys(r.json[0].channels[0])).toEqual([...Object.keys(one.channels[0])]);
	});

	it('every channel asked (default: those connected and not sanctioned) for every user, in order; users Kakao cannot check left out; 200 ids (repeats counted), not 201', async () => {
		const r = await multi({ target_ids: '1,2,4242', channel_ids: DOC_CHANNELS });
		expect(r.json.map((u: { user_id: number }) => u.user_id)).toEqual([1, 2, 4242]);
		expect(column(r.json[2], 'relation')).toEqual(['ADDED', 'NONE', 'BLOCKED']);
		expect(column(r.json[0], 'channel_public_id')).toEqual(['_frxjem', '_xnrxjem', '_Brxjem']);
		// "except for the user that failed to check"
		const failed = await multi({ target_ids: '1,999999,5555', channel_ids: '_xnrxjem' });
		expect(failed.json).toEqual([one]);
		const byDefault = await multi({ target_ids: '2' });
		const all = ['_ZeUTxl', '_frxjem', '_xnrxjem', '_Brxjem'];
		expect(column(byDefault.json[0], 'channel_public_id')).toEqual(all);
		const ok = await multi({ target_ids: ids(200), channel_ids: '_xnrxjem' });
		expect([ok.status, ok.json.length]).toEqual([200, 2]); // users 1 and 2 exist
		expectKakaoError(await multi({ target_ids: ids(201), channel_ids: '_xnrxjem' }), 400, -2);
		// A repeated id counts toward the 200, and the answer lists it once.
		const repeated = `${ids(200)},1`;
		expectKakaoError(await multi({ target_ids: repeated, channel_ids: '_xnrxjem' }), 400, -2);
		expect((await multi({ target_ids: '1,1,2', channel_ids: '_xnrxjem' })).json).toHaveLength(2);
	});

	it.each<Row>([
		[400, -2, 'no target_id_type', { target_id_type: undefined, target_ids: '1' }],
		[400, -2, 'a wrong target_id_type', { target_id_type: 'uuid', target_ids: '1' }],
		[400, -2, 'no target_ids', {}],
		[400, -2, 'a non-numeric target id', { target_ids: '1,x' }],
		[400, -2, 'a bad channel_id_type', { target_ids: '1', channel_id_type: 'uuid' }],
		[400, -541, 'an unknown channel', { target_ids: '1', channel_ids: '_nope' }],
		[400, -819, 'a channel not connected', { target_ids: '1', channel_ids: '_unlinked' }],
		[401, -401, 'the REST API key', { target_ids: '1' }, 'rest'],
		[401, -401, 'an access token (admin key only)', { target_ids: '1' }, 'Bearer tok-ok'],
	])('HTTP %i, code %i: %s', async (status, code, _name, query, ...[key]) => {
		expectKakaoError(await multi(query, key), status, code);
	});
});
