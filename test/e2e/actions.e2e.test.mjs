// End to end, the action node: n8n (2.41.1, or 1.123.81 with N8N_FLAVOR=1) loads the package
// installed from its `npm pack` tarball, and every operation runs in a workflow against the
// emulator; the webhook answers with the node's output items.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { actionWorkflows, PKG } from '../../scripts/sandbox/workflows.mjs';
import { CHANNEL, flavor, useN8n } from './harness.mjs';

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
const calls = (path) => ctx.emu.requests.filter((r) => r.path === path);
const links = (id) => ({
	channel_public_id: id,
	home_url: `https://pf.kakao.com/${id}`,
	add_channel_url: `https://pf.kakao.com/${id}/friend`,
	chat_url: `https://pf.kakao.com/${id}/chat`,
});
const relation = (user_id, relation, times) => ({
	user_id,
	channel_public_id: CHANNEL,
	channel_uuid: '@테스트',
	relation,
	...times,
});
const SCHEMA = { 성별: 'string', 연령: 'number', visits: 'number' };

describe(`n8n ${flavor}.x with the package installed from its npm pack tarball`, () => {
	test('n8n lists both nodes and both credentials; the package is a real install, not a link', async () => {
		const nodes = await ctx.n8n.listNodeTypes();
		for (const type of ['kakaoChannel', 'kakaoChannelTrigger'])
			assert.ok(nodes.includes(`${PKG}.${type}`), type);
		const credentials = await ctx.n8n.listCredentialTypes();
		for (const type of ['kakaoChannelApi', 'kakaoChannelOAuth2Api'])
			assert.ok(credentials.includes(type), type);
		const { target } = ctx.n8n.package;
		assert.ok(fs.existsSync(path.join(target, 'dist/nodes/KakaoChannel/KakaoChannel.node.js')));
		assert.ok(
			!fs.lstatSync(target).isSymbolicLink(),
			'the package must be a real install, not a link',
		);
	});

	test('channel getLinks: links for each item, no credential, no call to Kakao', async () => {
		ctx.emu.clearRequests();
		const output = await runAction('channelLinks', [
			{ channel: CHANNEL },
			{ channel: 'https://pf.kakao.com/_xnrxjem/chat' },
		]);
		assert.deepEqual(output, [links(CHANNEL), links('_xnrxjem')]);
		assert.equal(ctx.emu.requests.length, 0);
	});

	test('relation get', async () => {
		assert.deepEqual(await runAction('relationGet', [{ user: '1001' }, { user: '1003' }]), [
			relation('1001', 'ADDED', {
				created_at: '2020-04-18T03:17:05Z',
				updated_at: '2021-05-17T05:25:01Z',
			}),
			relation('1003', 'BLOCKED', { updated_at: '2023-03-04T09:10:11Z' }),
		]);
	});

	test('relation checkMany: one call, repeats dropped, a user Kakao leaves out still reported', async () => {
		ctx.emu.clearRequests();
		const items = ['1001', '1002', '1001', '1010'].map((user) => ({ user }));
		const output = await runAction('relationCheckMany', items);
		const [call, ...more] = calls('/v2/api/talk/channels/multi');
		assert.deepEqual([call.query.target_ids, more.length], ['1001,1002,1010', 0]);
		const expected = [
			['1001', 'ADDED', true],
			['1002', 'ADDED', true],
			['1010', null, false],
		];
		assert.deepEqual(
			output.map((o) => [o.user_id, o.relation ?? null, o.checked]),
			expected,
		);
	});

	test('customer file create and getAll', async () => {
		const [created] = await runAction('fileCreate', [{ name: `e2e-${flavor}` }]);
		assert.deepEqual([typeof created.file_id, created.schema], ['number', SCHEMA]);
		const files = await runAction('fileGetAll', [{}]);
		const mine = files.find((file) => file.file_id === created.file_id);
		assert.deepEqual([mine.schema, mine.using_slot], [SCHEMA, files.length]);
	});

	test('users add: 5,000 input items make exactly 3 calls and are all accounted for', async () => {
		ctx.emu.clearRequests();
		const items = Array.from({ length: 5000 }, (_, i) => ({
			user: String(20001 + i),
			age: 20 + (i % 40),
		}));
		const [summary] = await runAction('usersAdd', items);
		const sizes = calls('/v1/talkchannel/update/target_users').map((c) => c.body.users.length);
		assert.deepEqual(
			sizes.sort((a, b) => a - b),
			[1000, 2000, 2000],
		);
		const counts = ['users_sent', 'request_count', 'success_count', 'calls'].map((k) => summary[k]);
		assert.deepEqual(counts, [5000, 5000, 5000, 3]);
	});

	test('users delete by phone number, normalised', async () => {
		ctx.emu.clearRequests();
		const [summary] = await runAction('usersDelete', [
			{ phone: '010-1234-5678' },
			{ phone: '+82 10 2345 6789' },
		]);
		const [call] = calls('/v1/talkchannel/delete/target_users');
		assert.deepEqual(call.body.user_ids, ['821012345678', '821023456789']);
		assert.deepEqual([call.body.user_type, summary.users_sent], ['phone', 2]);
	});
});
