// End to end, the action node: every operation in a workflow in a real n8n (2.41.1, or 1.123.81
// with N8N_FLAVOR=1) against the emulator; the webhook answers with the node's output items.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { actionWorkflows, CHANNEL, flavor, useN8n } from './harness.mjs';

let actions;
const ctx = useN8n({
	workflows: (emu) =>
		Object.values((actions = actionWorkflows(CHANNEL, emu.files(CHANNEL)[0].file_id))),
});

async function runAction(key, items) {
	const response = await ctx.post(`/webhook/${actions[key].path}`, { items });
	assert.equal(
		response.status,
		200,
		`workflow ${key} answered ${response.status}: ${response.text.slice(0, 500)}`,
	);
	return JSON.parse(response.text);
}

describe('Kakao Channel action node', () => {
	test('channel getLinks: links for each item, no credential, no call to Kakao', async () => {
		ctx.emu.clearRequests();
		const output = await runAction('channelLinks', [
			{ channel: CHANNEL },
			{ channel: 'https://pf.kakao.com/_xnrxjem/chat' },
		]);
		assert.deepEqual(output, [
			{
				channel_public_id: CHANNEL,
				home_url: `https://pf.kakao.com/${CHANNEL}`,
				add_channel_url: `https://pf.kakao.com/${CHANNEL}/friend`,
				chat_url: `https://pf.kakao.com/${CHANNEL}/chat`,
			},
			{
				channel_public_id: '_xnrxjem',
				home_url: 'https://pf.kakao.com/_xnrxjem',
				add_channel_url: 'https://pf.kakao.com/_xnrxjem/friend',
				chat_url: 'https://pf.kakao.com/_xnrxjem/chat',
			},
		]);
		assert.equal(ctx.emu.requests.length, 0);
	});

	test('relation get', async () => {
		const output = await runAction('relationGet', [{ user: '1001' }, { user: '1003' }]);
		assert.deepEqual(output, [
			{
				user_id: '1001',
				channel_public_id: CHANNEL,
				channel_uuid: '@테스트',
				relation: 'ADDED',
				created_at: '2020-04-18T03:17:05Z',
				updated_at: '2021-05-17T05:25:01Z',
			},
			{
				user_id: '1003',
				channel_public_id: CHANNEL,
				channel_uuid: '@테스트',
				relation: 'BLOCKED',
				updated_at: '2023-03-04T09:10:11Z',
			},
		]);
	});

	test('relation checkMany: one call, repeats dropped, a user Kakao leaves out still reported', async () => {
		ctx.emu.clearRequests();
		const output = await runAction('relationCheckMany', [
			{ user: '1001' },
			{ user: '1002' },
			{ user: '1001' },
			{ user: '1010' },
		]);
		const calls = ctx.emu.requests.filter((r) => r.path === '/v2/api/talk/channels/multi');
		assert.equal(calls.length, 1);
		assert.equal(calls[0].query.target_ids, '1001,1002,1010');
		assert.deepEqual(
			output.map((o) => [o.user_id, o.relation ?? null, o.checked]),
			[
				['1001', 'ADDED', true],
				['1002', 'ADDED', true],
				['1010', null, false],
			],
		);
	});

	test('customer file create and getAll', async () => {
		const [created] = await runAction('fileCreate', [{ name: `e2e-${flavor}` }]);
		assert.equal(typeof created.file_id, 'number');
		assert.deepEqual(created.schema, { 성별: 'string', 연령: 'number', visits: 'number' });
		const files = await runAction('fileGetAll', [{}]);
		const mine = files.find((file) => file.file_id === created.file_id);
		assert.deepEqual(mine.schema, { 성별: 'string', 연령: 'number', visits: 'number' });
		assert.equal(mine.using_slot, files.length);
	});

	test('users add: 5,000 input items make exactly 3 calls and are all accounted for', async () => {
		ctx.emu.clearRequests();
		const items = Array.from({ length: 5000 }, (_, i) => ({
			user: String(20001 + i),
			age: 20 + (i % 40),
		}));
		const [summary] = await runAction('usersAdd', items);
		const calls = ctx.emu.requests.filter((r) => r.path === '/v1/talkchannel/update/target_users');
		assert.equal(calls.length, 3);
		assert.deepEqual(
			calls.map((c) => c.body.users.length).sort((a, b) => a - b),
			[1000, 2000, 2000],
		);
		assert.equal(summary.users_sent, 5000);
		assert.equal(summary.request_count, 5000);
		assert.equal(summary.success_count, 5000);
		assert.equal(summary.calls, 3);
	});

	test('users delete by phone number, normalised', async () => {
		ctx.emu.clearRequests();
		const [summary] = await runAction('usersDelete', [
			{ phone: '010-1234-5678' },
			{ phone: '+82 10 2345 6789' },
		]);
		const [call] = ctx.emu.requests.filter((r) => r.path === '/v1/talkchannel/delete/target_users');
		assert.deepEqual(call.body.user_ids, ['821012345678', '821023456789']);
		assert.equal(call.body.user_type, 'phone');
		assert.equal(summary.users_sent, 2);
	});
});
