// The workflows of examples/ in n8n 2.x, imported as the editor saves an imported workflow (POST
// /rest/workflows: n8n links each node's "Kakao Channel API" credential by name). The triggers get
// Kakao's signed deliveries; the audit runs once by hand; the AI example up to its tool schema.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';

import { apiCredential, PKG } from '../../scripts/sandbox/workflows.mjs';
import { CHANNEL, flavor, ROOT, useN8n } from './harness.mjs';

const require = createRequire(import.meta.url);
const toolUtils =
	'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool.js';
const { getSchema } = require(toolUtils);
const { NodeHelpers, nodeNameToToolName } = require('n8n-workflow');

const FILE_NAME = 'Channel followers'; // the name the examples look for (examples/README.md)
const CREDENTIAL_NAME = 'Kakao Channel API'; // the placeholder every example names
const skip = flavor !== '2' && 'the examples are built for n8n 2.x (Publish, AI Agent v2)';
const imported = {};
const ctx = useN8n({
	skip,
	credential: false,
	ready: async ({ n8n }) => {
		const dir = path.join(ROOT, 'examples');
		for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			imported[file] = (await n8n.rest('POST', '/rest/workflows', workflow)).data;
		}
	},
	credentials: (emu) => [apiCredential(emu, { id: 'kakaoExampleCred1', name: CREDENTIAL_NAME })],
});

/** An add/block event of an app user of the demo channel, as Kakao sends it. */
const APP_USER = { id_type: 'app_user_id', channel_public_id: CHANNEL };
const kakaoEvent = (event, id) => ({ event, id, ...APP_USER });

/** Publishes (activates) an imported workflow and waits until its trigger URL answers; the URL. */
async function activate(file) {
	const { id, versionId, nodes } = imported[file];
	await ctx.n8n.rest('POST', `/rest/workflows/${id}/activate`, { versionId });
	const trigger = nodes.find((node) => node.type === `${PKG}.kakaoChannelTrigger`);
	const hookPath = `${trigger.webhookId}/webhook`;
	await ctx.n8n.waitForWebhook(hookPath);
	return { id, url: `${ctx.n8n.baseUrl}/webhook/${hookPath}`, hookPath };
}

/** Finished executions of a workflow, newest first, once there are `count` of them. */
const executions = (workflowId, count) =>
	ctx.n8n.waitForExecutions({ workflowId, count, timeoutMs: 30000 });
const ranNodes = async (execution) =>
	Object.keys((await ctx.n8n.getExecution(execution.id)).data.resultData.runData);
const file = (name) => ctx.emu.files(CHANNEL).find((f) => f.file_name === name);
const members = () => [...file(FILE_NAME).members.keys()].sort();
const kakaoCalls = (pathPart) => ctx.emu.requests.filter((r) => r.path.includes(pathPart)).length;
const toolDescription = (node, type) =>
	NodeHelpers.getToolDescriptionForNode(node, { description: type });

describe('every example as shipped', { skip }, () => {
	test('each Kakao node is linked to the credential named "Kakao Channel API"', () => {
		assert.ok(Object.keys(imported).length >= 5, 'examples/ holds five workflows or more');
		const linked = { id: ctx.n8n.credentials[0].id, name: CREDENTIAL_NAME };
		for (const [file, workflow] of Object.entries(imported)) {
			const kakaoNodes = workflow.nodes.filter((node) => node.type.startsWith(`${PKG}.`));
			assert.ok(kakaoNodes.length > 0, `${file} has no Kakao node`);
			for (const node of kakaoNodes.filter((n) => n.parameters.resource !== 'channel'))
				assert.deepEqual(node.credentials?.kakaoChannelApi, linked, `${file}: ${node.name}`);
		}
	});
	test('trigger: added -> the follower is added to the customer file; open_id and blocked events add nobody', async () => {
		const fileId = ctx.emu.seedFile(CHANNEL, FILE_NAME, { 연령: 'number' }, 'app', { 1001: {} });
		assert.ok(fileId > 0);
		const { id, url } = await activate('trigger-added-add-to-file.json');
		const event = kakaoEvent('added', '1004');
		assert.equal((await ctx.emu.sendWebhook(url, event)).status, 200);
		await executions(id, 1);
		assert.deepEqual(members(), ['1001', '1004']);
		const openId = { ...event, id: 'open-id-77', id_type: 'open_id' };
		const openIdAnswer = await ctx.emu.sendWebhook(url, openId);
		const blocked = await ctx.emu.sendWebhook(url, { ...event, event: 'blocked', id: '1006' });
		assert.deepEqual([openIdAnswer.status, blocked.status], [200, 200]);
		// The open_id event runs and stops at the filter; "blocked" is not one of the trigger's events.
		const [last] = await executions(id, 2);
		assert.ok(!(await ranNodes(last)).includes('Add to the customer file'));
		assert.deepEqual(members(), ['1001', '1004']);
	});
	test('trigger: blocked -> the follower is deleted from the customer file', async () => {
		const { id, url } = await activate('trigger-blocked-delete-from-file.json');
		ctx.emu.setRelation('1004', CHANNEL, 'BLOCKED');
		assert.equal((await ctx.emu.sendWebhook(url, kakaoEvent('blocked', '1004'))).status, 200);
		const [execution] = await executions(id, 1);
		assert.ok((await ranNodes(execution)).includes('Delete from the customer file'));
		assert.deepEqual(members(), ['1001']);
	});
	test('trigger: one run per delivery: a repeat after an n8n restart stops at Remove Duplicates', async () => {
		const { id, url, hookPath } = await activate('trigger-remove-duplicates.json');
		const event = kakaoEvent('added', '1002');
		const send = (resourceId) => ctx.emu.sendWebhook(url, event, { resourceId });
		const before = kakaoCalls('/v2/api/talk/channels');
		assert.equal((await send('delivery-0001')).status, 200);
		await executions(id, 1);
		assert.equal(kakaoCalls('/v2/api/talk/channels'), before + 1);
		const repeat = await send('delivery-0001'); // same process: the trigger's own memory
		assert.deepEqual([repeat.status, JSON.parse(repeat.body).ignored], [200, 'duplicate']);
		// n8n stopped and started again on the same folder, database and ports: the trigger forgets.
		await ctx.n8n.restart();
		await ctx.n8n.waitForWebhook(hookPath);
		assert.equal((await send('delivery-0001')).status, 200);
		const [afterRestart] = await executions(id, 2);
		const why = 'the repeat after the restart did the work again';
		assert.ok(!(await ranNodes(afterRestart)).includes('Confirm relation'), why);
		assert.equal((await send('delivery-0002')).status, 200);
		const [fresh] = await executions(id, 3);
		assert.ok((await ranNodes(fresh)).includes('Confirm relation'));
		assert.equal(kakaoCalls('/v2/api/talk/channels'), before + 2);
	});
	test('scheduled audit: Check Many Users, then added users are added to the file and blocked ones deleted', async () => {
		const workflow = imported['schedule-relation-audit.json'];
		ctx.emu.setRelation('1004', CHANNEL, 'ADDED');
		assert.ok(file(FILE_NAME), 'the file the audit looks for');
		ctx.emu.seedFile(CHANNEL, 'Another file', { 연령: 'number' }, 'app', { 1003: {} });
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		const { data: started } = await ctx.n8n.rest('POST', `/rest/workflows/${workflow.id}/run`, {
			triggerToStartFrom: { name: trigger.name },
		});
		assert.ok(started.executionId, JSON.stringify(started));
		const [execution] = await executions(workflow.id, 1);
		assert.equal(execution.status, 'success');
		// _ZeUTxl in the demo data: 1001, 1002, 1004, 1006, 1008 added; 1003 and 1009 blocked.
		assert.deepEqual(members(), ['1001', '1002', '1004', '1006', '1008']);
		const other = [...file('Another file').members.keys()];
		assert.deepEqual(other, ['1003'], 'only the named file changes');
		assert.equal(kakaoCalls('/v2/api/talk/channels/multi'), 1, '10 users: one call');
	});
	test('AI agent tool: n8n offers the Tool variant, and the tool schema asks the model only for user_id', async () => {
		const types = await ctx.n8n.restGet('/types/nodes.json');
		const toolType = types.find((type) => type.name === `${PKG}.kakaoChannelTool`);
		assert.ok(toolType, 'n8n lists kakaoChannelTool (usableAsTool)');
		assert.deepEqual(toolType.outputs, ['ai_tool']);
		const workflow = imported['ai-agent-tool.json'];
		const tools = workflow.nodes.filter((node) => node.type === `${PKG}.kakaoChannelTool`);
		const agent = workflow.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.agent');
		for (const tool of tools)
			assert.equal(workflow.connections[tool.name].ai_tool[0][0].node, agent.name);
		const relation = tools.find((tool) => tool.parameters.operation === 'get');
		const schema = getSchema(relation);
		assert.deepEqual(Object.keys(schema.shape), ['user_id']);
		assert.equal(schema.shape.user_id._def.typeName, 'ZodString');
		assert.match(schema.shape.user_id.description, /service user ID/);
		assert.deepEqual(schema.safeParse({ user_id: '1001' }).success, true);
		assert.deepEqual(schema.safeParse({}).success, false);
		assert.equal(nodeNameToToolName(relation), 'Check_channel_relation');
		const relationTool = /added the business's Kakao Talk Channel/;
		assert.match(toolDescription(relation, toolType), relationTool);
		const links = tools.find((tool) => tool.parameters.operation === 'getLinks');
		assert.deepEqual(Object.keys(getSchema(links).shape), []);
		const linksTool = 'Get channel links in Kakao Channel';
		assert.equal(toolDescription(links, toolType), linksTool);
	});
});
