// Every operation of the action node in a workflow against the emulator, shared by the suites that
// run it (actions.e2e on one n8n, queue.e2e on the worker): test name -> check(run, emu), where
// run(key, items) posts the items to the workflow of actionWorkflows() `key` and gives its output.
import assert from 'node:assert/strict';

import { CHANNEL, flavor } from './harness.mjs';

const links = (id) => ({
	channel_public_id: id,
	home_url: `https://pf.kakao.com/${id}`,
	add_channel_url: `https://pf.kakao.com/${id}/friend`,
	chat_url: `https://pf.kakao.com/${id}/chat`,
});
const relation = (user_id, relation, times) => ({
	...{ user_id, channel_public_id: CHANNEL, channel_uuid: '@테스트', relation },
	...times,
});
const SCHEMA = { 성별: 'string', 연령: 'number', visits: 'number' };
const calls = (emu, path) => emu.requests.filter((r) => r.path === path);

export const ACTION_CASES = {
	'channel getLinks: links for each item, no credential, no call to Kakao': async (run, emu) => {
		emu.clearRequests();
		const items = [{ channel: CHANNEL }, { channel: 'https://pf.kakao.com/_xnrxjem/chat' }];
		assert.deepEqual(await run('channelLinks', items), [links(CHANNEL), links('_xnrxjem')]);
		assert.equal(emu.requests.length, 0);
	},
	'relation get': async (run) => {
		const added = { created_at: '2020-04-18T03:17:05Z', updated_at: '2021-05-17T05:25:01Z' };
		assert.deepEqual(await run('relationGet', [{ user: '1001' }, { user: '1003' }]), [
			relation('1001', 'ADDED', added),
			relation('1003', 'BLOCKED', { updated_at: '2023-03-04T09:10:11Z' }),
		]);
	},
	'relation checkMany: one call, no repeats, a user Kakao omits is reported': async (run, emu) => {
		emu.clearRequests();
		const items = ['1001', '1002', '1001', '1010'].map((user) => ({ user }));
		const output = await run('relationCheckMany', items);
		const [call, ...more] = calls(emu, '/v2/api/talk/channels/multi');
		assert.deepEqual([call.query.target_ids, more.length], ['1001,1002,1010', 0]);
		const rows = output.map((o) => [o.user_id, o.relation ?? null, o.checked]);
		assert.deepEqual(rows, [
			['1001', 'ADDED', true],
			['1002', 'ADDED', true],
			['1010', null, false],
		]);
	},
	'customer file create and getAll': async (run) => {
		const [created] = await run('fileCreate', [{ name: `e2e-${flavor}` }]);
		assert.deepEqual([typeof created.file_id, created.schema], ['number', SCHEMA]);
		const files = await run('fileGetAll', [{}]);
		const mine = files.find((file) => file.file_id === created.file_id);
		assert.deepEqual([mine.schema, mine.using_slot], [SCHEMA, files.length]);
	},
	'users add: 5,000 items make exactly 3 calls, all accounted for': async (run, emu) => {
		emu.clearRequests();
		const user = (i) => ({ user: String(20001 + i), age: 20 + (i % 40) });
		const [summary] = await run(
			'usersAdd',
			Array.from({ length: 5000 }, (_, i) => user(i)),
		);
		const batches = calls(emu, '/v1/talkchannel/update/target_users');
		const sizes = batches.map((c) => c.body.users.length).sort((a, b) => a - b);
		assert.deepEqual(sizes, [1000, 2000, 2000]);
		const fields = ['users_sent', 'request_count', 'success_count', 'calls'];
		const counts = fields.map((k) => summary[k]);
		assert.deepEqual(counts, [5000, 5000, 5000, 3]);
	},
	'users delete by phone number, normalised': async (run, emu) => {
		emu.clearRequests();
		const phones = [{ phone: '010-1234-5678' }, { phone: '+82 10 2345 6789' }];
		const [summary] = await run('usersDelete', phones);
		const [call] = calls(emu, '/v1/talkchannel/delete/target_users');
		assert.deepEqual(call.body.user_ids, ['821012345678', '821023456789']);
		assert.deepEqual([call.body.user_type, summary.users_sent], ['phone', 2]);
	},
};
