import { useKakaoEmulator } from '../support/emulator';
import { DOC_ANSWER, DOC_CHANNELS, SINGLE, seedRelations } from './relations.fixture';
import { adminAuth, bearer, call, expectKakaoError, restAuth } from './test-helpers';

// Started once; before each test, reset and given the fixture's data.
const emu = useKakaoEmulator({ seed: seedRelations });

describe('GET /v2/api/talk/channels (doc samples)', () => {
	it('admin key sample: answers the relations in channel_ids order, user_id as a number', async () => {
		const r = await call(emu, 'GET', SINGLE, {
			auth: adminAuth(emu),
			query: { target_id_type: 'user_id', target_id: '4242', channel_ids: DOC_CHANNELS },
		});
		expect(r.status).toBe(200);
		expect(r.headers['content-type']).toBe('application/json;charset=UTF-8');
		expect(r.json).toEqual(DOC_ANSWER);
		expect(r.text).toContain('"user_id":4242,');
		// key order of the doc sample
		expect(Object.keys(r.json.channels[0])).toEqual([
			'channel_uuid',
			'channel_public_id',
			'relation',
			'created_at',
			'updated_at',
		]);
	});

	it('admin key: the documented success body for _ZeUTxl', async () => {
		const r = await call(emu, 'GET', SINGLE, {
			auth: adminAuth(emu),
			query: { target_id_type: 'user_id', target_id: '4242', channel_ids: '_ZeUTxl' },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			user_id: 4242,
			channels: [
				{
					channel_uuid: '@테스트',
					channel_public_id: '_ZeUTxl',
					relation: 'ADDED',
					created_at: '2020-04-18T03:17:05Z',
					updated_at: '2021-05-17T05:25:01Z',
				},
			],
		});
	});

	it('access token sample: the user comes from the token', async () => {
		const r = await call(emu, 'GET', SINGLE, {
			auth: bearer('tok-ok'),
			query: { channel_ids: DOC_CHANNELS },
		});
		expect(r.status).toBe(200);
		expect(r.json).toEqual(DOC_ANSWER);
	});

	it('access token: target_id of another user is ignored', async () => {
		const r = await call(emu, 'GET', SINGLE, {
			auth: bearer('tok-ok'),
			query: {
				target_id_type: 'user_id',
				target_id: '5555',
				channel_ids: '_ZeUTxl',
				channel_id_type: 'channel_public_id',
			},
		});
		expect(r.status).toBe(200);
		expect(r.json.user_id).toBe(4242);
	});

	it('-501 sample: not a Kakao Talk user (admin key and access token)', async () => {
		const a = await call(emu, 'GET', SINGLE, {
			auth: adminAuth(emu),
			query: { target_id_type: 'user_id', target_id: '5555', channel_ids: DOC_CHANNELS },
		});
		expect(a.status).toBe(400);
		expect(a.json).toEqual({ msg: 'given account is not connected to any talk user.', code: -501 });
		const b = await call(emu, 'GET', SINGLE, {
			auth: bearer('tok-nontalk'),
			query: { channel_ids: DOC_CHANNELS },
		});
		expect(b.status).toBe(400);
		expect(b.json.code).toBe(-501);
	});

	it('-402 (HTTP 403) when the token lacks the plusfriends scope, with required/allowed scopes', async () => {
		const r = await call(emu, 'GET', SINGLE, {
			auth: bearer('tok-noscope'),
			query: { channel_ids: '_ZeUTxl' },
		});
		expect(r.status).toBe(403);
		expect(r.json).toEqual({
			msg: expect.any(String),
			code: -402,
			required_scopes: ['plusfriends'],
			allowed_scopes: ['profile_nickname'],
		});
	});
});

describe('GET /v2/api/talk/channels rejections', () => {
	const q = (over: Record<string, string | undefined>): Record<string, string> => {
		const base: Record<string, string | undefined> = {
			target_id_type: 'user_id',
			target_id: '4242',
			channel_ids: '_ZeUTxl',
			...over,
		};
		return Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)) as Record<
			string,
			string
		>;
	};
	it.each([
		['missing target_id_type', { target_id_type: undefined }],
		['target_id_type not user_id', { target_id_type: 'app_user_id' }],
		['missing target_id', { target_id: undefined }],
		['non-numeric target_id', { target_id: 'abc' }],
		['missing channel_ids', { channel_ids: undefined }],
		['empty channel_ids', { channel_ids: ' , ' }],
		['channel_id_type not channel_public_id', { channel_id_type: 'channel_uuid' }],
	])('%s -> HTTP 400 code -2', async (_name, over) => {
		expectKakaoError(
			await call(emu, 'GET', SINGLE, { auth: adminAuth(emu), query: q(over) }),
			400,
			-2,
		);
	});

	it('unknown channel -> -541, unconnected -> -819, sanctioned -> -544', async () => {
		expectKakaoError(
			await call(emu, 'GET', SINGLE, {
				auth: adminAuth(emu),
				query: q({ channel_ids: '_ZeUTxl,_nope' }),
			}),
			400,
			-541,
		);
		expectKakaoError(
			await call(emu, 'GET', SINGLE, {
				auth: adminAuth(emu),
				query: q({ channel_ids: '_unlinked' }),
			}),
			400,
			-819,
		);
		expectKakaoError(
			await call(emu, 'GET', SINGLE, {
				auth: adminAuth(emu),
				query: q({ channel_ids: '_banned' }),
			}),
			400,
			-544,
		);
	});

	it('unknown user -> -101 (user not linked to the app), HTTP 400', async () => {
		expectKakaoError(
			await call(emu, 'GET', SINGLE, { auth: adminAuth(emu), query: q({ target_id: '999999' }) }),
			400,
			-101,
		);
	});

	it('REST API key, missing auth, unknown token -> HTTP 401 -401', async () => {
		const wrongKind = await call(emu, 'GET', SINGLE, { auth: restAuth(emu), query: q({}) });
		expectKakaoError(wrongKind, 401, -401);
		expect(wrongKind.json.msg).toMatch(/wrong credential type/);
		expectKakaoError(await call(emu, 'GET', SINGLE, { query: q({}) }), 401, -401);
		expectKakaoError(
			await call(emu, 'GET', SINGLE, { auth: bearer('nope'), query: q({}) }),
			401,
			-401,
		);
	});
});

describe('setRelation stamps times like Kakao', () => {
	it('ADDED sets created_at and updated_at, BLOCKED only updated_at, NONE neither', async () => {
		const ask = async (): Promise<Record<string, unknown>> =>
			(
				await call(emu, 'GET', SINGLE, {
					auth: adminAuth(emu),
					query: { target_id_type: 'user_id', target_id: '4242', channel_ids: '_xnrxjem' },
				})
			).json.channels[0];
		const before = Date.now() - 1000;
		emu.setRelation('4242', '_xnrxjem', 'ADDED');
		const added = await ask();
		expect(added.relation).toBe('ADDED');
		expect(added.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(added.updated_at).toBe(added.created_at);
		expect(Date.parse(added.created_at as string)).toBeGreaterThanOrEqual(before);
		emu.setRelation('4242', '_xnrxjem', 'BLOCKED');
		const blocked = await ask();
		expect(blocked.relation).toBe('BLOCKED');
		expect(blocked.created_at).toBeUndefined();
		expect(blocked.updated_at).toMatch(/Z$/);
		emu.setRelation('4242', '_xnrxjem', 'NONE');
		expect(await ask()).toEqual({
			channel_uuid: '@플러스친구',
			channel_public_id: '_xnrxjem',
			relation: 'NONE',
		});
		expect(() => emu.setRelation('777', '_xnrxjem', 'ADDED')).toThrow(/unknown user/);
	});
});
