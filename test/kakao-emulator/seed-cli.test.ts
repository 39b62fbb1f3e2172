import { KakaoEmulator, seedDemo, DEMO_TOKENS } from './index';
import { main, parseArgs } from './cli';
import { adminAuth, bearer, call, restAuth } from './test-helpers';

describe('seedDemo', () => {
	let emu: KakaoEmulator;
	beforeAll(async () => {
		emu = await KakaoEmulator.start();
		seedDemo(emu);
	});
	afterAll(async () => {
		await emu.stop();
	});

	it('token with plusfriends works, token without -> -402, non-Talk user 1010 -> -501', async () => {
		const ok = await call(emu, 'GET', '/v2/api/talk/channels', {
			auth: bearer(DEMO_TOKENS.withScope),
			query: { channel_ids: '_ZeUTxl,_xnrxjem' },
		});
		expect(ok.status).toBe(200);
		expect(ok.json).toEqual({
			user_id: 1001,
			channels: [
				{
					channel_uuid: '@테스트',
					channel_public_id: '_ZeUTxl',
					relation: 'ADDED',
					created_at: '2020-04-18T03:17:05Z',
					updated_at: '2021-05-17T05:25:01Z',
				},
				{
					channel_uuid: '@플러스친구',
					channel_public_id: '_xnrxjem',
					relation: 'ADDED',
					created_at: '2022-11-09T07:08:48Z',
					updated_at: '2023-07-20T07:21:05Z',
				},
			],
		});
		const noScope = await call(emu, 'GET', '/v2/api/talk/channels', {
			auth: bearer(DEMO_TOKENS.withoutScope),
			query: { channel_ids: '_ZeUTxl' },
		});
		expect([noScope.status, noScope.json.code]).toEqual([403, -402]);
		const nonTalk = await call(emu, 'GET', '/v2/api/talk/channels', {
			auth: adminAuth(emu),
			query: { target_id_type: 'user_id', target_id: '1010', channel_ids: '_ZeUTxl' },
		});
		expect([nonTalk.status, nonTalk.json.code]).toEqual([400, -501]);
	});

	it('about ten users with mixed relations; the non-Talk user is left out of multi', async () => {
		const ids = Array.from({ length: 10 }, (_, i) => String(1001 + i)).join(',');
		const r = await call(emu, 'GET', '/v2/api/talk/channels/multi', {
			auth: adminAuth(emu),
			query: { target_id_type: 'user_id', target_ids: ids },
		});
		expect(r.status).toBe(200);
		expect(r.json).toHaveLength(9);
		const relations = new Set(
			r.json.flatMap((u: { channels: Array<{ relation: string }> }) =>
				u.channels.map((c) => c.relation),
			),
		);
		expect([...relations].sort()).toEqual(['ADDED', 'BLOCKED', 'NONE']);
		expect(
			r.json[0].channels.map((c: { channel_public_id: string }) => c.channel_public_id),
		).toEqual(['_ZeUTxl', '_xnrxjem']);
	});

	it('one existing customer file on _ZeUTxl with members; phones are registered', async () => {
		const view = await call(emu, 'GET', '/v1/talkchannel/target_user_file', {
			auth: restAuth(emu),
			query: { channel_public_id: '_ZeUTxl' },
		});
		expect(view.json.using_slot).toBe(1);
		expect(view.json.results[0]).toMatchObject({ file_id: 437, status: 'USING' });
		expect(emu.files('_ZeUTxl')[0].members.size).toBe(2);
		const add = await call(emu, 'POST', '/v1/talkchannel/update/target_users', {
			auth: restAuth(emu),
			json: {
				file_id: 437,
				channel_public_id: '_ZeUTxl',
				user_type: 'phone',
				users: [
					{ id: '01045678901', field: { 연령: 20 } },
					{ id: '821034567890', field: {} },
				],
			},
		});
		// 1004 added _ZeUTxl; 1003 blocked it
		expect(add.json).toEqual({ file_id: 437, request_count: 2, success_count: 1 });
	});
});

describe('cli', () => {
	it('parseArgs', () => {
		expect(parseArgs(['--port', '8123', '--host=0.0.0.0', '--latency', '20'])).toEqual({
			port: 8123,
			host: '0.0.0.0',
			latencyMs: 20,
		});
		expect(parseArgs(['9000'])).toEqual({ port: 9000 });
		expect(parseArgs(['--admin-key', 'a', '--rest-api-key=b'])).toEqual({
			adminKey: 'a',
			restApiKey: 'b',
		});
		expect(() => parseArgs(['--port', 'x'])).toThrow(/integer/);
		expect(() => parseArgs(['--nope'])).toThrow(/unknown argument/);
		expect(() => parseArgs(['--port'])).toThrow(/missing value/);
	});

	it('main starts a seeded emulator and prints its base URL and keys as one JSON line', async () => {
		const lines: string[] = [];
		const emu = await main(['--port', '0', '--latency', '5'], (l) => lines.push(l));
		try {
			expect(lines).toHaveLength(1);
			expect(lines[0].endsWith('\n')).toBe(true);
			const info = JSON.parse(lines[0]);
			expect(info).toMatchObject({
				baseUrl: emu.baseUrl,
				port: emu.port,
				adminKey: emu.adminKey,
				restApiKey: emu.restApiKey,
				accessTokens: {
					withPlusfriends: DEMO_TOKENS.withScope,
					withoutPlusfriends: DEMO_TOKENS.withoutScope,
				},
				customerFile: { channel_public_id: '_ZeUTxl', file_id: 437 },
			});
			expect(emu.latencyMs).toBe(5);
			const r = await fetch(`${info.baseUrl}/v1/system/ips`, {
				headers: { Authorization: `KakaoAK ${info.restApiKey}` },
			});
			expect(r.status).toBe(200);
		} finally {
			await emu.stop();
		}
	});
});
