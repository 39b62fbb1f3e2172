// The ready-made workflows of examples/, in a real n8n 2.x with the package installed from its
// `npm pack` tarball. Each file is imported as shipped, the way the editor saves an imported
// workflow (POST /rest/workflows): n8n links each node's "Kakao Channel API" credential by name.
// The trigger examples are activated and get Kakao's signed deliveries from the emulator; the
// audit runs once by hand; the AI example is checked up to the tool schema n8n gives a model.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
	BROWSER_ID,
	isWebhookActive,
	n8nEnv,
	spawnN8n,
	startN8n,
	stopN8n,
	waitForReady,
} from '../../scripts/n8n/n8n-server.mjs';
import { ensureRuntime } from '../../scripts/n8n/runtime.mjs';
import { packPackage as npmPack } from '../../scripts/n8n/setup.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const { KakaoEmulator, seedDemo, DEMO_CHANNELS } = require(
	path.join(root, '.build/test/kakao-emulator/index.js'),
);
const {
	getSchema,
} = require('n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool.js');
const { NodeHelpers, nodeNameToToolName } = require('n8n-workflow');

const PKG = 'n8n-nodes-kakao-channel';
const CHANNEL = DEMO_CHANNELS.test.publicId;
const FILE_NAME = 'Channel followers'; // the name the examples look for (examples/README.md)
const CREDENTIAL_NAME = 'Kakao Channel API'; // the placeholder every example names
const flavor = process.env.N8N_FLAVOR || '2';
const skip =
	flavor !== '2' &&
	'the examples suite runs on n8n 2.x (the examples are built for 2.x: Publish, AI Agent v2)';

const example = (file) => JSON.parse(fs.readFileSync(path.join(root, 'examples', file), 'utf8'));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** An add/block event of an app user of the demo channel, as Kakao sends it. */
const kakaoEvent = (event, id) => ({
	event,
	id,
	id_type: 'app_user_id',
	channel_public_id: CHANNEL,
});

let emu;
let n8n;
let work;
let credentialId;
let child; // the n8n process after a restart (n8n.process before it)
const imported = {};

before(async () => {
	if (skip) return;
	emu = await KakaoEmulator.start();
	seedDemo(emu);
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-examples-'));
	n8n = await startN8n({
		flavor,
		packageTarball: npmPack(work),
		credentials: [
			{
				id: 'kakaoExampleCred1',
				name: CREDENTIAL_NAME,
				type: 'kakaoChannelApi',
				data: { adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl: emu.baseUrl },
			},
		],
	});
	child = n8n.process;
	credentialId = n8n.credentials[0].id;
	for (const file of fs.readdirSync(path.join(root, 'examples')).filter((f) => f.endsWith('.json')))
		imported[file] = await rest('POST', '/rest/workflows', example(file));
});

after(async () => {
	await stopN8n(child);
	await n8n?.stop();
	await emu?.stop();
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function rest(method, urlPath, body) {
	const response = await fetch(`${n8n.baseUrl}${urlPath}`, {
		method,
		headers: { 'content-type': 'application/json', cookie: n8n.cookie, 'browser-id': BROWSER_ID },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	assert.ok(response.ok, `${method} ${urlPath}: HTTP ${response.status} ${text.slice(0, 500)}`);
	return JSON.parse(text).data;
}

/** Publishes (activates) an imported workflow and waits until its trigger URL answers. */
async function activate(file) {
	const workflow = imported[file];
	await rest('POST', `/rest/workflows/${workflow.id}/activate`, { versionId: workflow.versionId });
	const trigger = workflow.nodes.find((node) => node.type === `${PKG}.kakaoChannelTrigger`);
	const hookPath = `${trigger.webhookId}/webhook`;
	await waitForWebhook(hookPath);
	return `${n8n.baseUrl}/webhook/${hookPath}`;
}

async function waitForWebhook(hookPath) {
	for (let i = 0; !(await isWebhookActive(n8n.baseUrl, hookPath)); i++) {
		assert.ok(i < 240, `webhook ${hookPath} never became active`);
		await sleep(250);
	}
}

/** Finished executions of a workflow, newest first, once there are `count` of them. */
async function executions(workflowId, count) {
	for (let i = 0; i < 120; i++) {
		const list = (await n8n.listExecutions(workflowId)).filter((e) => e.finished || e.stoppedAt);
		if (list.length >= count) return list;
		await sleep(250);
	}
	assert.fail(`fewer than ${count} executions of ${workflowId}`);
}

const ranNodes = async (execution) =>
	Object.keys((await n8n.getExecution(execution.id)).data.resultData.runData);
const members = () =>
	[
		...emu
			.files(CHANNEL)
			.find((file) => file.file_name === FILE_NAME)
			.members.keys(),
	].sort();
const kakaoCalls = (pathPart) => emu.requests.filter((r) => r.path.includes(pathPart)).length;

describe('every example imports as shipped', { skip }, () => {
	test('each Kakao node is linked to the credential named "Kakao Channel API"', () => {
		assert.ok(Object.keys(imported).length >= 5, 'examples/ holds five workflows or more');
		for (const [file, workflow] of Object.entries(imported)) {
			const kakaoNodes = workflow.nodes.filter((node) => node.type.startsWith(`${PKG}.`));
			assert.ok(kakaoNodes.length > 0, `${file} has no Kakao node`);
			for (const node of kakaoNodes.filter((n) => n.parameters.resource !== 'channel'))
				assert.deepEqual(
					node.credentials?.kakaoChannelApi,
					{ id: credentialId, name: CREDENTIAL_NAME },
					`${file}: ${node.name}`,
				);
		}
	});
});

describe('trigger examples', { skip }, () => {
	test('added -> the follower is added to the customer file; open_id and blocked events add nobody', async () => {
		const fileId = emu.seedFile(CHANNEL, FILE_NAME, { 연령: 'number' }, 'app', { 1001: {} });
		assert.ok(fileId > 0);
		const url = await activate('trigger-added-add-to-file.json');
		const { id } = imported['trigger-added-add-to-file.json'];
		const event = kakaoEvent('added', '1004');
		assert.equal((await emu.sendWebhook(url, event)).status, 200);
		await executions(id, 1);
		assert.deepEqual(members(), ['1001', '1004']);

		const openId = await emu.sendWebhook(url, { ...event, id: 'open-id-77', id_type: 'open_id' });
		const blocked = await emu.sendWebhook(url, { ...event, event: 'blocked', id: '1006' });
		assert.deepEqual([openId.status, blocked.status], [200, 200]);
		// The open_id event runs and stops at the filter; "blocked" is not one of the trigger's events.
		const [last] = await executions(id, 2);
		assert.ok(!(await ranNodes(last)).includes('Add to the customer file'));
		assert.deepEqual(members(), ['1001', '1004']);
	});

	test('blocked -> the follower is deleted from the customer file', async () => {
		const url = await activate('trigger-blocked-delete-from-file.json');
		const { id } = imported['trigger-blocked-delete-from-file.json'];
		emu.setRelation('1004', CHANNEL, 'BLOCKED');
		const event = kakaoEvent('blocked', '1004');
		assert.equal((await emu.sendWebhook(url, event)).status, 200);
		const [execution] = await executions(id, 1);
		assert.ok((await ranNodes(execution)).includes('Delete from the customer file'));
		assert.deepEqual(members(), ['1001']);
	});

	test('one run per delivery: a repeat after an n8n restart stops at Remove Duplicates', async () => {
		const url = await activate('trigger-remove-duplicates.json');
		const { id } = imported['trigger-remove-duplicates.json'];
		const event = kakaoEvent('added', '1002');
		const send = (resourceId) => emu.sendWebhook(url, event, { resourceId });
		const before = kakaoCalls('/v2/api/talk/channels');
		assert.equal((await send('delivery-0001')).status, 200);
		await executions(id, 1);
		assert.equal(kakaoCalls('/v2/api/talk/channels'), before + 1);
		const repeat = await send('delivery-0001'); // same process: the trigger's own memory
		assert.deepEqual([repeat.status, JSON.parse(repeat.body).ignored], [200, 'duplicate']);

		await restartN8n(new URL(url).pathname.replace('/webhook/', ''));
		assert.equal((await send('delivery-0001')).status, 200);
		const [afterRestart] = await executions(id, 2);
		assert.ok(
			!(await ranNodes(afterRestart)).includes('Confirm relation'),
			'the repeat after the restart did the work again',
		);
		assert.equal((await send('delivery-0002')).status, 200);
		const [fresh] = await executions(id, 3);
		assert.ok((await ranNodes(fresh)).includes('Confirm relation'));
		assert.equal(kakaoCalls('/v2/api/talk/channels'), before + 2);
	});
});

/** Stops n8n and starts it again on the same folder, database and ports: the trigger forgets. */
async function restartN8n(hookPath) {
	await stopN8n(child);
	const runtime = await ensureRuntime({ flavor });
	const env = n8nEnv({
		runtime,
		userFolder: n8n.userFolder,
		port: n8n.port,
		brokerPort: n8n.brokerPort,
	});
	child = spawnN8n(runtime, env, { logFile: path.join(n8n.userFolder, 'n8n-restarted.log') });
	await waitForReady(n8n.baseUrl, child);
	await waitForWebhook(hookPath);
}

describe('scheduled audit', { skip }, () => {
	test('Check Many Users, then added users are added to the file and blocked ones deleted', async () => {
		const workflow = imported['schedule-relation-audit.json'];
		emu.setRelation('1004', CHANNEL, 'ADDED');
		const fileBefore = emu.files(CHANNEL).find((file) => file.file_name === FILE_NAME);
		assert.ok(fileBefore, 'the file the audit looks for');
		emu.seedFile(CHANNEL, 'Another file', { 연령: 'number' }, 'app', { 1003: {} });
		const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		const started = await rest('POST', `/rest/workflows/${workflow.id}/run`, {
			triggerToStartFrom: { name: trigger.name },
		});
		assert.ok(started.executionId, JSON.stringify(started));
		const [execution] = await executions(workflow.id, 1);
		assert.equal(execution.status, 'success');
		// _ZeUTxl in the demo data: 1001, 1002, 1004, 1006, 1008 added; 1003 and 1009 blocked.
		assert.deepEqual(members(), ['1001', '1002', '1004', '1006', '1008']);
		const other = emu.files(CHANNEL).find((file) => file.file_name === 'Another file');
		assert.deepEqual([...other.members.keys()], ['1003'], 'only the named file changes');
		assert.equal(kakaoCalls('/v2/api/talk/channels/multi'), 1, '10 users: one call');
	});
});

describe('AI agent tool', { skip }, () => {
	test('n8n offers the Tool variant, and the tool schema asks the model only for user_id', async () => {
		const types = await n8n.restGet('/types/nodes.json');
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
		assert.match(
			NodeHelpers.getToolDescriptionForNode(relation, { description: toolType }),
			/added the business's Kakao Talk Channel/,
		);

		const links = tools.find((tool) => tool.parameters.operation === 'getLinks');
		assert.deepEqual(Object.keys(getSchema(links).shape), []);
		assert.equal(
			NodeHelpers.getToolDescriptionForNode(links, { description: toolType }),
			'Get channel links in Kakao Channel',
		);
	});
});
