// The emulator's multi relation check (up to 200 users a call), as Kakao documents it.
import { useKakaoEmulator } from '../support/emulator';
import { DOC_CHANNELS, MULTI, seedRelations } from './relations.fixture';
import { adminAuth, bearer, call, expectKakaoError, restAuth } from './test-helpers';

// Started once; before each test, reset and given the fixture's data.
const emu = useKakaoEmulator({ seed: seedRelations });

describe('GET /v2/api/talk/channels/multi', () => {
	beforeEach(() => {
		emu.addUser({
			id: '1',
			relations: {
				_xnrxjem: {
					relation: 'ADDED',
					created_at: '2022-11-09T07:08:48Z',
					updated_at: '2023-07-20T07:21:05Z',
				},
			},
		});
		emu.addUser({ id: '2', relations: { _xnrxjem: { relation: 'NONE' } } });
	});
	const multi = (query: Record<string, string>, auth = adminAuth(emu)) =>
		call(emu, 'GET', MULTI, { auth, query });

	it('doc sample: an array of {user_id, channels} in target_ids order', async () => {
		const r = await multi({
			target_id_type: 'user_id',
			target_ids: '1,2',
			channel_ids: '_xnrxjem',
		});
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('application/json;charset=UTF-8');
		expect(r.json).toEqual([
			{
				user_id: 1,
				channels: [
					{
						channel_public_id: '_xnrxjem',
						channel_uuid: '@플러스친구',
						relation: 'ADDED',
						created_at: '2022-11-09T07:08:48Z',
						updated_at: '2023-07-20T07:21:05Z',
					},
				],
			},
			{
				user_id: 2,
				channels: [
					{ channel_public_id: '_xnrxjem', channel_uuid: '@플러스친구', relation: 'NONE' },
				],
			},
		]);
		expect(Object.keys(r.json[0].channels[0])).toEqual([
			'channel_public_id',
			'channel_uuid',
			'relation',
			'created_at',
			'updated_at',
		]);
	});

	it('doc sample with three channel ids: every channel for every user, in order', async () => {
		const r = await multi({
			target_id_type: 'user_id',
			target_ids: '1,2,4242',
			channel_ids: DOC_CHANNELS,
		});
		expect(r.status).toBe(200);
		expect(r.json.map((u: { user_id: number }) => u.user_id)).toEqual([1, 2, 4242]);
		expect(r.json[2].channels.map((c: { relation: string }) => c.relation)).toEqual([
			'ADDED',
			'NONE',
			'BLOCKED',
		]);
		expect(
			r.json[0].channels.map((c: { channel_public_id: string }) => c.channel_public_id),
		).toEqual(['_frxjem', '_xnrxjem', '_Brxjem']);
	});

	it('"except for the user that failed to check": unknown and non-Talk users are left out', async () => {
		const r = await multi({
			target_id_type: 'user_id',
			target_ids: '1,999999,5555',
			channel_ids: '_xnrxjem',
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual([
			{
				user_id: 1,
				channels: [
					{
						channel_public_id: '_xnrxjem',
						channel_uuid: '@플러스친구',
						relation: 'ADDED',
						created_at: '2022-11-09T07:08:48Z',
						updated_at: '2023-07-20T07:21:05Z',
					},
				],
			},
		]);
	});

	it('channel_ids defaults to all channels connected to the app', async () => {
		const r = await multi({ target_id_type: 'user_id', target_ids: '2' });
		expect(r.status).toBe(200);
		expect(
			r.json[0].channels.map((c: { channel_public_id: string }) => c.channel_public_id),
		).toEqual(['_ZeUTxl', '_frxjem', '_xnrxjem', '_Brxjem']);
	});

	it('200 ids are fine, 201 ids -> HTTP 400 -2', async () => {
		const ids = (n: number): string => Array.from({ length: n }, (_, i) => String(i + 1)).join(',');
		const ok = await multi({
			target_id_type: 'user_id',
			target_ids: ids(200),
			channel_ids: '_xnrxjem',
		});
		expect(ok.status).toBe(200);
		expect(ok.json).toHaveLength(2); // only users 1 and 2 exist
		expectKakaoError(
			await multi({ target_id_type: 'user_id', target_ids: ids(201), channel_ids: '_xnrxjem' }),
			400,
			-2,
		);
	});

	it.each([
		['missing target_id_type', { target_ids: '1' }],
		['wrong target_id_type', { target_id_type: 'uuid', target_ids: '1' }],
		['missing target_ids', { target_id_type: 'user_id' }],
		['non-numeric target id', { target_id_type: 'user_id', target_ids: '1,x' }],
		[
			'bad channel_id_type',
			{ target_id_type: 'user_id', target_ids: '1', channel_id_type: 'uuid' },
		],
	])('%s -> -2', async (_n, query) => {
		expectKakaoError(await multi(query as Record<string, string>), 400, -2);
	});

	it('unknown channel -> -541, unconnected -> -819', async () => {
		expectKakaoError(
			await multi({ target_id_type: 'user_id', target_ids: '1', channel_ids: '_nope' }),
			400,
			-541,
		);
		expectKakaoError(
			await multi({ target_id_type: 'user_id', target_ids: '1', channel_ids: '_unlinked' }),
			400,
			-819,
		);
	});

	it('admin key only: REST API key and access tokens -> -401', async () => {
		const q = { target_id_type: 'user_id', target_ids: '1' };
		expectKakaoError(await multi(q, restAuth(emu)), 401, -401);
		expectKakaoError(await multi(q, bearer('tok-ok')), 401, -401);
	});
});
