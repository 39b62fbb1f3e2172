// The demo data (seedDemo) that the sandbox and the node tests start from, read over HTTP.
import { useKakaoEmulator } from '../support/emulator';
import { DEMO_TOKENS } from './index';
import { PATHS, call } from './test-helpers';

const { ADD, MULTI, SINGLE, VIEW } = PATHS;
const emu = useKakaoEmulator(); // seedDemo before each test

it('demo data: a token with plusfriends, one without (-402), non-Talk 1010 (-501), ten users with mixed relations, one customer file, phones', async () => {
	const byToken = (token: string, channel_ids: string) =>
		call(emu, 'GET', SINGLE, { auth: `Bearer ${token}`, query: { channel_ids } });
	const ok = await byToken(DEMO_TOKENS.withScope, '_ZeUTxl,_xnrxjem');
	const added = (channel_uuid: string, channel_public_id: string, at: string, updated: string) => ({
		...{ channel_uuid, channel_public_id, relation: 'ADDED', created_at: at, updated_at: updated },
	});
	const channels = [
		added('@테스트', '_ZeUTxl', '2020-04-18T03:17:05Z', '2021-05-17T05:25:01Z'),
		added('@플러스친구', '_xnrxjem', '2022-11-09T07:08:48Z', '2023-07-20T07:21:05Z'),
	];
	expect([ok.status, ok.json]).toEqual([200, { user_id: 1001, channels }]);
	const noScope = await byToken(DEMO_TOKENS.withoutScope, '_ZeUTxl');
	const nonTalkQuery = { target_id_type: 'user_id', target_id: '1010', channel_ids: '_ZeUTxl' };
	const nonTalk = await call(emu, 'GET', SINGLE, { auth: 'admin', query: nonTalkQuery });
	expect([noScope.status, noScope.json.code, nonTalk.status, nonTalk.json.code]).toEqual([
		403, -402, 400, -501,
	]);
	const target_ids = Array.from({ length: 10 }, (_, i) => String(1001 + i)).join(',');
	const query = { target_id_type: 'user_id', target_ids };
	const r = await call(emu, 'GET', MULTI, { auth: 'admin', query });
	const perUser: Array<Array<Record<string, string>>> = r.json.map(
		(u: { channels: unknown }) => u.channels,
	);
	expect([r.status, r.json.length]).toEqual([200, 9]);
	const relations = [...new Set(perUser.flat().map((c) => c.relation))].sort();
	expect(relations).toEqual(['ADDED', 'BLOCKED', 'NONE']);
	expect(perUser[0].map((c) => c.channel_public_id)).toEqual(['_ZeUTxl', '_xnrxjem']);
	const byChannel = { channel_public_id: '_ZeUTxl' };
	const view = await call(emu, 'GET', VIEW, { auth: 'rest', query: byChannel });
	expect(view.json.using_slot).toBe(1);
	expect(view.json.results[0]).toMatchObject({ file_id: 437, status: 'USING' });
	expect(emu.files('_ZeUTxl')[0].members.size).toBe(2);
	const users = [
		{ id: '01045678901', field: { 연령: 20 } },
		{ id: '821034567890', field: {} },
	];
	const json = { file_id: 437, channel_public_id: '_ZeUTxl', user_type: 'phone', users };
	const add = await call(emu, 'POST', ADD, { auth: 'rest', json });
	// 1004 added _ZeUTxl; 1003 blocked it
	expect(add.json).toEqual({ file_id: 437, request_count: 2, success_count: 1 });
});
