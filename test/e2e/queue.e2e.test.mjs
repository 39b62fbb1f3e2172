// Queue mode end to end (`npm run test:e2e:queue`): Redis and Postgres from Debian's packages,
// n8n 2.41.1 as one main process, two webhook processes behind a round-robin proxy and one
// worker, each with the package installed from its `npm pack` tarball. Results come from what
// n8n did: its public API, the webhook answers, the worker's log and the emulator's requests.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { freePort } from '../../scripts/n8n/n8n-server.mjs';
import { missingServices } from '../../scripts/n8n/services.mjs';
import { actionDefinitions, burstLatencies, queueClient } from '../../scripts/n8n/queue-client.mjs';
import {
	kakaoLoginTests,
	LOGIN,
	oauthCredential,
	oauthRelationWorkflow,
	overwriteEnv,
} from './queue-oauth2.mjs';
import { CREDENTIAL, triggerWorkflow } from '../support/workflows.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const missing = missingServices();
const skip =
	process.env.KAKAO_E2E_QUEUE !== '1'
		? 'queue mode runs with `npm run test:e2e:queue` (4 n8n processes)'
		: missing.length
			? `queue mode needs ${missing.join(' and ')}; run scripts/ci/install-debian.sh`
			: false;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let emu;
let q; // topology + helpers
let work;
const plain = triggerWorkflow();
let recipe;
let CHANNEL;
let SAMPLE_EVENT; // Kakao's sample webhook body and header builder, loaded with the emulator
let kakaoWebhookHeaders;

before(async () => {
	if (skip) return;
	const { KakaoEmulator, seedDemo, DEMO_CHANNELS } = require(
		path.join(root, '.build/test/kakao-emulator/index.js'),
	);
	({ SAMPLE_EVENT, kakaoWebhookHeaders } = require(
		path.join(root, '.build/test/support/kakaoWebhook.js'),
	));
	CHANNEL = DEMO_CHANNELS.test.publicId;
	emu = await KakaoEmulator.start();
	seedDemo(emu);
	for (let id = 20001; id <= 25000; id++)
		emu.addUser({ id: String(id), relations: { [CHANNEL]: { relation: 'ADDED' } } });
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-queue-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();

	// The shipped sample workflow, as a user imports it; only ids and the credential are ours.
	recipe = JSON.parse(
		fs.readFileSync(path.join(root, 'examples/trigger-remove-duplicates.json'), 'utf8'),
	);
	recipe.id = 'kakaoQueueRecipe';
	for (const node of recipe.nodes)
		if (node.credentials) node.credentials = { kakaoChannelApi: CREDENTIAL };
	recipe.nodes[0].webhookId = crypto.randomUUID();
	recipe.path = `${recipe.nodes[0].webhookId}/webhook`;

	const actions = {
		...actionDefinitions(CHANNEL, emu.files(CHANNEL)[0].file_id),
		oauthRelation: oauthRelationWorkflow(CHANNEL),
	};
	const mainPort = await freePort();
	emu.configureLogin({
		...LOGIN,
		redirectUris: [`http://127.0.0.1:${mainPort}/rest/oauth2-credential/callback`],
	});
	q = await queueClient({
		dir: path.join(work, 'topology'),
		mainPort,
		env: overwriteEnv(emu),
		packageTarball: path.join(work, tarball),
		workflows: [plain.workflow, recipe, ...Object.values(actions).map((a) => a.workflow)],
		credentials: [
			{
				...CREDENTIAL,
				type: 'kakaoChannelApi',
				data: { adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl: emu.baseUrl },
			},
			oauthCredential(emu),
		],
		actions,
		webhookPaths: [plain.path, recipe.path, ...Object.values(actions).map((a) => a.path)],
	});
	console.log(
		`queue mode ready: main ${q.main.url}, webhook processes ${q.webhooks.map((w) => w.url).join(', ')} behind ${q.publicUrl}, worker health ${q.worker.url}`,
	);
});

after(async () => {
	await q?.stop();
	await emu?.stop();
	if (work && !process.env.KEEP_QUEUE_DIR) fs.rmSync(work, { recursive: true, force: true });
});

/** Kakao's webhook headers, names lower-cased so they merge with q.post()'s own content-type. */
const kakaoHeaders = (resourceId, key = emu.adminKey) =>
	Object.fromEntries(
		Object.entries(kakaoWebhookHeaders(key, resourceId)).map(([name, value]) => [
			name.toLowerCase(),
			value,
		]),
	);
const relationCalls = (userId) =>
	emu.requests.filter((r) => r.path === '/v2/api/talk/channels' && r.query.target_id === userId)
		.length;

describe('queue mode: main + 2 webhook processes + worker', { skip }, () => {
	test('every process has the package installed from the tarball, and main lists its nodes', async () => {
		for (const proc of [q.main, ...q.webhooks, q.worker]) {
			assert.ok(
				fs.existsSync(
					path.join(
						proc.package.target,
						'dist/nodes/KakaoChannelTrigger/KakaoChannelTrigger.node.js',
					),
				),
				proc.role,
			);
			assert.ok(
				!fs.lstatSync(proc.package.target).isSymbolicLink(),
				`${proc.role}: a real install, not a link`,
			);
		}
		const nodes = (await q.restGet('/types/nodes.json')).map((n) => n.name);
		assert.ok(nodes.includes('n8n-nodes-kakao-channel.kakaoChannelTrigger'));
	});

	test("the doc's sample event through either webhook process gives exactly one execution, run on the worker", async () => {
		const answers = [];
		for (const resourceId of ['sample-via-first', 'sample-via-second']) {
			answers.push({
				resourceId,
				...(await q.post(q.publicUrl, plain.path, SAMPLE_EVENT, kakaoHeaders(resourceId))),
			});
		}
		assert.deepEqual(
			answers.map((a) => [a.status, a.servedBy]),
			[
				[200, '0'],
				[200, '1'],
			],
		);
		const executions = await q.waitForExecutions(plain.workflow.id, 2);
		await sleep(1500);
		assert.equal(
			(await q.executions(plain.workflow.id)).length,
			2,
			'exactly one execution per event',
		);
		const items = [];
		for (const execution of executions) {
			q.assertRanOnWorker(execution.id);
			items.push(...(await q.emitted(execution.id, 'Kakao Channel Trigger')));
		}
		assert.deepEqual(
			items.sort((a, b) => a.resource_id.localeCompare(b.resource_id)),
			[
				{ ...SAMPLE_EVENT, resource_id: 'sample-via-first' },
				{ ...SAMPLE_EVENT, resource_id: 'sample-via-second' },
			],
		);
	});

	test('a wrong key gets 401 from both webhook processes and starts nothing', async () => {
		const before = (await q.executions(plain.workflow.id)).length;
		const answers = [];
		for (const id of ['wrong-1', 'wrong-2'])
			answers.push(
				await q.post(q.publicUrl, plain.path, SAMPLE_EVENT, kakaoHeaders(id, 'not-the-admin-key')),
			);
		assert.deepEqual(
			answers.map((a) => a.status),
			[401, 401],
		);
		assert.deepEqual(new Set(answers.map((a) => a.servedBy)), new Set(['0', '1']));
		assert.ok(answers.every((a) => !a.text.includes(emu.adminKey)));
		await sleep(2000);
		assert.equal((await q.executions(plain.workflow.id)).length, before);
	});

	test('trigger alone: a repeat is dropped by the process that saw it, not by the other one', async () => {
		const before = (await q.executions(plain.workflow.id)).length;
		const [first, second] = q.webhooks.map((w) => w.url);
		const event = { ...SAMPLE_EVENT, id: '1002', channel_public_id: CHANNEL };
		const a = await q.post(first, plain.path, event, kakaoHeaders('plain-repeat'));
		const b = await q.post(first, plain.path, event, kakaoHeaders('plain-repeat'));
		const c = await q.post(second, plain.path, event, kakaoHeaders('plain-repeat'));
		assert.deepEqual([a.status, b.status, c.status], [200, 200, 200]);
		assert.match(b.text, /duplicate/);
		assert.doesNotMatch(c.text, /duplicate/);
		await q.waitForExecutions(plain.workflow.id, before + 2);
		await sleep(1500);
		assert.equal(
			(await q.executions(plain.workflow.id)).length,
			before + 2,
			'per-process memory: the second process starts a second run',
		);
	});

	test('with the Remove Duplicates recipe, a repeat on the other process or after a restart does no work', async () => {
		const event = { ...SAMPLE_EVENT, id: '1004', channel_public_id: CHANNEL };
		const viaFirst = await q.post(
			q.publicUrl,
			recipe.path,
			event,
			kakaoHeaders('recipe-delivery-1'),
		);
		await q.waitForExecutions(recipe.id, 1);
		const viaSecond = await q.post(
			q.publicUrl,
			recipe.path,
			event,
			kakaoHeaders('recipe-delivery-1'),
		);
		assert.notEqual(
			viaFirst.servedBy,
			viaSecond.servedBy,
			'the repeat reaches the other webhook process',
		);
		assert.deepEqual([viaFirst.status, viaSecond.status], [200, 200]);
		await q.waitForExecutions(recipe.id, 2);

		const t0 = Date.now();
		await q.restart([...q.webhooks, q.worker]);
		console.log(
			`webhook processes and worker restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
		);
		await q.waitForWebhookPath(recipe.path);
		const afterRestart = await q.post(
			q.publicUrl,
			recipe.path,
			event,
			kakaoHeaders('recipe-delivery-1'),
		);
		assert.equal(afterRestart.status, 200);
		assert.doesNotMatch(
			afterRestart.text,
			/duplicate/,
			'the restarted process has forgotten it; the recipe must catch it',
		);
		const fresh = await q.post(
			q.publicUrl,
			recipe.path,
			{ ...event, id: '1005' },
			kakaoHeaders('recipe-delivery-2'),
		);
		assert.equal(fresh.status, 200);

		const executions = await q.waitForExecutions(recipe.id, 4);
		await sleep(1500);
		assert.equal((await q.executions(recipe.id)).length, 4);
		const worked = [];
		for (const execution of executions) {
			q.assertRanOnWorker(execution.id);
			const out = await q.emitted(execution.id, 'Confirm relation');
			if (out.length) worked.push(out[0].user_id);
		}
		assert.deepEqual(worked.sort(), ['1004', '1005'], 'one run that does work per delivery id');
		assert.equal(relationCalls('1004'), 1);
		assert.equal(relationCalls('1005'), 1);
	});

	test('simultaneous duplicates on both webhook processes: never lost; how often both run is measured (no lock, see README)', async () => {
		const pairs = 10;
		const outcomes = [];
		for (let pair = 0; pair < pairs; pair++) {
			const before = new Set((await q.executions(recipe.id)).map((e) => e.id));
			const user = String(20001 + pair);
			const callsBefore = relationCalls(user);
			const headers = kakaoHeaders(`recipe-simultaneous-${pair}`);
			const answers = await Promise.all(
				q.webhooks.map((w) =>
					q.post(
						w.url,
						recipe.path,
						{ ...SAMPLE_EVENT, id: user, channel_public_id: CHANNEL },
						headers,
					),
				),
			);
			assert.deepEqual(
				answers.map((a) => a.status),
				[200, 200],
			);
			const runs = (await q.waitForExecutions(recipe.id, before.size + 2)).filter(
				(e) => !before.has(e.id),
			);
			let worked = 0;
			for (const execution of runs)
				if ((await q.emitted(execution.id, 'Confirm relation')).length) worked++;
			assert.equal(relationCalls(user) - callsBefore, worked);
			outcomes.push(worked);
		}
		console.log(
			`simultaneous duplicate pairs on two webhook processes: ${outcomes.filter((n) => n === 1).length} of ${pairs} ran the work once, ${outcomes.filter((n) => n === 2).length} twice`,
		);
		assert.ok(
			outcomes.every((n) => n >= 1),
			'a delivery is never lost',
		);
	});

	describe('the action node runs on the worker', () => {
		for (const [key, check] of Object.entries({
			relationGet: [
				[{ user: '1001' }, { user: '1003' }],
				(out) =>
					assert.deepEqual(
						out.map((o) => o.relation),
						['ADDED', 'BLOCKED'],
					),
			],
			relationCheckMany: [
				[{ user: '1001' }, { user: '1010' }],
				(out) =>
					assert.deepEqual(
						out.map((o) => o.checked),
						[true, false],
					),
			],
			fileCreate: [[{ name: 'queue-e2e' }], (out) => assert.equal(typeof out[0].file_id, 'number')],
			fileGetAll: [[{}], (out) => assert.ok(out.some((f) => f.file_name === 'queue-e2e'))],
			usersDelete: [[{ phone: '010-1234-5678' }], (out) => assert.equal(out[0].users_sent, 1)],
		})) {
			test(key, async () => {
				const [items, verify] = check;
				const { output, executionId } = await q.runAction(key, items);
				verify(output);
				q.assertRanOnWorker(executionId);
			});
		}

		kakaoLoginTests(() => ({ q, emu, channel: CHANNEL, oauthPath: q.actions.oauthRelation.path }));

		test('users add: 5,000 input items make exactly 3 calls, all accounted for', async () => {
			emu.clearRequests();
			const items = Array.from({ length: 5000 }, (_, i) => ({
				user: String(20001 + i),
				age: 20 + (i % 40),
			}));
			const { output, executionId } = await q.runAction('usersAdd', items);
			const calls = emu.requests.filter((r) => r.path === '/v1/talkchannel/update/target_users');
			assert.deepEqual(
				calls.map((c) => c.body.users.length).sort((a, b) => a - b),
				[1000, 2000, 2000],
			);
			assert.deepEqual(
				[output[0].users_sent, output[0].success_count, output[0].calls],
				[5000, 5000, 3],
			);
			q.assertRanOnWorker(executionId);
		});
	});

	test('a 50-event burst through the two webhook processes (latency figures)', async () => {
		const before = (await q.executions(plain.workflow.id)).length;
		const figures = await burstLatencies(
			q.publicUrl,
			plain.path,
			SAMPLE_EVENT,
			(i) => kakaoHeaders(`burst-${i}`),
			50,
		);
		console.log(
			`burst of 50 through 2 webhook processes: p50 ${figures.p50} ms, p99 ${figures.p99} ms, max ${figures.max} ms, statuses ${JSON.stringify(figures.statuses)}`,
		);
		assert.deepEqual(figures.statuses, { 200: 50 });
		await q.waitForExecutions(plain.workflow.id, before + 50, 120000);
	});
});
