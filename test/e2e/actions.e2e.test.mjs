// End to end, the action node: n8n loads the package installed from its `npm pack` tarball, and
// every operation runs in a workflow against the emulator (action-cases.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';

import { actionWorkflows, PKG } from '../../scripts/sandbox/workflows.mjs';
import { ACTION_CASES } from './action-cases.mjs';
import { CHANNEL, flavor, useN8n } from './harness.mjs';

let actions;
const ctx = useN8n({
	workflows: (emu) =>
		Object.values((actions = actionWorkflows(CHANNEL, emu.files(CHANNEL)[0].file_id))),
});

async function runAction(key, items) {
	const response = await ctx.post(`/webhook/${actions[key].path}`, { items });
	const why = `workflow ${key} answered ${response.status}: ${response.text.slice(0, 500)}`;
	assert.equal(response.status, 200, why);
	return JSON.parse(response.text);
}

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
		assert.ok(!fs.lstatSync(target).isSymbolicLink(), 'the package must be a real install');
	});

	for (const [name, check] of Object.entries(ACTION_CASES))
		test(name, () => check(runAction, ctx.emu));
});
