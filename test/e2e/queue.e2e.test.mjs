// Queue mode end to end (`npm run test:e2e:queue`): the sandbox's queue topology on free loopback
// ports: Redis, Postgres, n8n 2.41.1 as one main process, two webhook processes behind a
// round-robin proxy and one worker, each with the package from its tarball, seeded as the sandbox.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { freePorts, OWNER, postJson } from '../../scripts/n8n/n8n-server.mjs';
import { missingServices } from '../../scripts/n8n/services.mjs';
import { startSandbox } from '../../scripts/sandbox/sandbox.mjs';
import { actionWorkflows, CREDENTIAL, TRIGGER_PATH } from '../../scripts/sandbox/workflows.mjs';
import { triggerWorkflow } from '../../scripts/sandbox/workflows.mjs';
import { ACTION_CASES } from './action-cases.mjs';
import { CHANNEL, emitted, finishedCount, kakaoHeaders, KakaoEmulator } from './harness.mjs';
import { packToTemp, ROOT, SAMPLE_EVENT, seedEmulator, sendEvent, staysAt } from './harness.mjs';
import { kakaoLoginTests, LOGIN, oauthCredential, oauthRelationWorkflow } from './queue-oauth2.mjs';
import { overwriteEnv } from './queue-oauth2.mjs';

const missing = missingServices();
const skip =
	process.env.KAKAO_E2E_QUEUE !== '1'
		? 'queue mode runs with `npm run test:e2e:queue` (4 n8n processes)'
		: missing.length > 0 &&
			`queue mode needs ${missing.join(' and ')}; run scripts/ci/install-debian.sh`;

let emu, sandbox, work;
let q; // the topology and its helpers
const plain = triggerWorkflow();
// The shipped sample workflow, as a user imports it; only the ids and the credential are ours.
const example = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'));
const recipe = { ...example('trigger-remove-duplicates.json'), id: 'kakaoQueueRecipe' };
recipe.path = `${(recipe.nodes[0].webhookId = crypto.randomUUID())}/webhook`;
for (const node of recipe.nodes) node.credentials &&= { kakaoChannelApi: CREDENTIAL };

before(async () => {
	if (skip) return;
	const ports = await freePorts();
	emu = await KakaoEmulator.start({ port: ports.emulator });
	seedEmulator(emu);
	let tarball;
	({ work, tarball } = packToTemp('kakao-queue-'));
	const actions = {
		...actionWorkflows(CHANNEL, emu.files(CHANNEL)[0].file_id),
		oauthRelation: oauthRelationWorkflow(CHANNEL),
	};
	const redirectUris = [`http://127.0.0.1:${ports.main}/rest/oauth2-credential/callback`];
	emu.configureLogin({ ...LOGIN, redirectUris });
	sandbox = await startSandbox({
		...{ queue: true, ports, data: path.join(work, 'sandbox'), emulator: emu },
		...{ packageTarball: tarball, env: overwriteEnv(emu), credentials: [oauthCredential(emu)] },
		workflows: [plain.workflow, recipe, ...Object.values(actions).map((a) => a.workflow)],
	});
	q = sandbox.n8n;
	for (const p of [plain.path, recipe.path, ...Object.values(actions).map((a) => a.path)])
		await q.waitForWebhookPath(p);
	q.post = (baseUrl, webhookPath, body, headers) =>
		postJson(`${baseUrl}/webhook/${webhookPath}`, body, headers);
	/** Runs an action workflow through the proxy: its output and the new execution's id. */
	q.runAction = async (key, items) => {
		const { workflow, path: webhookPath } = actions[key];
		const before = new Set((await q.finished(workflow.id)).map((e) => e.id));
		const answer = await q.post(q.publicUrl, webhookPath, { items });
		const why = `${key} answered ${answer.status}: ${answer.text.slice(0, 300)}`;
		assert.equal(answer.status, 200, why);
		const list = await q.waitForExecutions({ workflowId: workflow.id, count: before.size + 1 });
		return { output: JSON.parse(answer.text), executionId: list.find((e) => !before.has(e.id)).id };
	};
	console.log(`queue mode ready: main ${q.main.url}, webhook processes behind ${q.publicUrl}`);
});

after(async () => {
	await sandbox?.stop();
	await emu?.stop();
	if (work && !process.env.KEEP_QUEUE_DIR) fs.rmSync(work, { recursive: true, force: true });
});

const signed = (resourceId, key = emu.adminKey) => kakaoHeaders(resourceId, key);
const relationCalls = (user) =>
	emu.requests.filter((r) => r.path === '/v2/api/talk/channels' && r.query.target_id === user)
		.length;
const statuses = (answers) => answers.map((a) => a.status);
const waitFor = (workflowId, n, timeoutMs = 60000) =>
	q.waitForExecutions({ workflowId, count: n, timeoutMs });
/** What `node` put out in each of `runs`, each checked to have run on the worker. */
async function onWorker(runs, node) {
	const out = [];
	for (const { id } of runs) {
		q.assertRanOnWorker(id);
		out.push(await emitted(await q.getExecution(id), node));
	}
	return out;
}
/** Posts `body` signed for each resource id in turn, through `urls` (the proxy unless given). */
async function postEach(webhookPath, body, resourceIds, key, urls = []) {
	const answers = [];
	for (const [i, id] of resourceIds.entries())
		answers.push(await q.post(urls[i] ?? q.publicUrl, webhookPath, body, signed(id, key)));
	return answers;
}

/** Listening TCP sockets of the processes in these process groups (and this one): [address, port]. */
function listeners(groups) {
	const group = (pid) => +fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2];
	const ours = (pid) => +pid === process.pid || groups.includes(group(pid));
	const ss = execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' }).split('\n');
	const lines = ss.filter((line) => [...line.matchAll(/pid=(\d+)/g)].some(([, pid]) => ours(pid)));
	return lines.map((line) => /^(.*):(\d+)$/.exec(line.split(/\s+/)[3])).map(([, a, p]) => [a, +p]);
}

describe('queue mode: main + 2 webhook processes + worker', { skip }, () => {
	test("the sandbox's seed in queue mode: owner, credential, sample workflows; every listener on 127.0.0.1 at its given port; every process has the package installed from the tarball, and main lists its nodes", async () => {
		const owner = { emailOrLdapLoginId: OWNER.email, password: OWNER.password };
		const login = await postJson(`${q.main.url}/rest/login`, owner);
		assert.equal(login.status, 200, 'the sandbox owner can sign in');
		const workflows = (await q.restGet('/rest/workflows')).data.map((w) => w.name);
		for (const name of ['Kakao Channel Trigger', 'check relations', 'customer files'])
			assert.ok(workflows.includes(`Sandbox: ${name}`), `${name} in ${workflows.join(', ')}`);
		const credentials = (await q.restGet('/rest/credentials')).data.map((c) => c.name);
		assert.ok(credentials.includes(CREDENTIAL.name), credentials.join(', '));
		assert.equal(sandbox.info.triggerUrl, `${q.publicUrl}/webhook/${TRIGGER_PATH}`);
		const open = listeners([...q.processes.map((p) => p.child.pid), q.redis.pid, q.postgres.pid]);
		const elsewhere = open.filter(([address]) => address !== '127.0.0.1');
		assert.deepEqual(elsewhere, [], 'every listener is on 127.0.0.1');
		// Main runs no task runner in queue mode (manual executions go to the worker): no broker.
		const listening = open.map(([, port]) => port);
		for (const [key, port] of Object.entries(q.ports).filter(([key]) => key !== 'mainBroker'))
			assert.ok(listening.includes(port), `${key} listens on ${port}`);
		for (const { role, package: pkg } of q.processes) {
			const trigger = 'dist/nodes/KakaoChannelTrigger/KakaoChannelTrigger.node.js';
			assert.ok(fs.existsSync(path.join(pkg.target, trigger)), role);
			assert.ok(!fs.lstatSync(pkg.target).isSymbolicLink(), `${role}: a real install, not a link`);
		}
		const nodes = await q.listNodeTypes();
		assert.ok(nodes.includes('n8n-nodes-kakao-channel.kakaoChannelTrigger'));
	});
	test('send-event --url <trigger URL> --admin-key <key> starts a run of the sandbox trigger, on the worker', async () => {
		const before = await finishedCount(q, 'kakaoSandboxTrig');
		const to = ['--url', sandbox.info.triggerUrl, '--admin-key', emu.adminKey];
		const run = await sendEvent('added', '--user', '1002', ...to);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^HTTP 200/m);
		const [execution] = await waitFor('kakaoSandboxTrig', before + 1);
		const [items] = await onWorker([execution], 'Kakao Channel Trigger');
		const events = items.map((item) => [item.event, item.id]);
		assert.deepEqual(events, [['added', '1002']]);
	});
	test("the docs' sample event through either webhook process gives exactly one execution, run on the worker; a wrong key gets 401 from both and starts nothing", async () => {
		// Two posts in a row through the round-robin proxy: one to each webhook process.
		const ids = ['sample-via-first', 'sample-via-second'];
		const answers = await postEach(plain.path, SAMPLE_EVENT, ids);
		assert.deepEqual(statuses(answers), [200, 200]);
		assert.deepEqual(new Set(answers.map((a) => a.servedBy)), new Set(['0', '1']));
		const runs = await waitFor(plain.workflow.id, 2);
		await staysAt(q, plain.workflow.id, 2, 'exactly one execution per event');
		const items = (await onWorker(runs, 'Kakao Channel Trigger')).flat();
		const sorted = items.sort((a, b) => a.resource_id.localeCompare(b.resource_id));
		const expected = ids.map((resource_id) => ({ ...SAMPLE_EVENT, resource_id }));
		assert.deepEqual(sorted, expected);
		const wrong = await postEach(plain.path, SAMPLE_EVENT, ['wrong-1', 'wrong-2'], 'not-the-key');
		assert.deepEqual(statuses(wrong), [401, 401]);
		assert.ok(!wrong.some((a) => a.text.includes(emu.adminKey)));
		assert.deepEqual(new Set(wrong.map((a) => a.servedBy)), new Set(['0', '1']));
		await staysAt(q, plain.workflow.id, 2);
	});
	test('trigger alone: a repeat is dropped by the process that saw it, not by the other one', async () => {
		const before = await finishedCount(q, plain.workflow.id);
		const [first, second] = q.webhooks.map((w) => w.url);
		const event = { ...SAMPLE_EVENT, id: '1002', channel_public_id: CHANNEL };
		const ids = Array(3).fill('plain-repeat');
		const answers = await postEach(plain.path, event, ids, undefined, [first, first, second]);
		assert.deepEqual(statuses(answers), [200, 200, 200]);
		const duplicates = answers.map((a) => /duplicate/.test(a.text));
		assert.deepEqual(duplicates, [false, true, false]);
		await waitFor(plain.workflow.id, before + 2);
		const why = 'per-process memory: the second process starts a second run';
		await staysAt(q, plain.workflow.id, before + 2, why);
	});
	test('with the Remove Duplicates recipe, a repeat on the other process or after a restart does no work', async () => {
		const event = { ...SAMPLE_EVENT, id: '1004', channel_public_id: CHANNEL };
		const send = (id, body = event) => q.post(q.publicUrl, recipe.path, body, signed(id));
		const viaFirst = await send('recipe-delivery-1');
		await waitFor(recipe.id, 1);
		const viaSecond = await send('recipe-delivery-1');
		const why = 'the repeat reaches the other webhook process';
		assert.notEqual(viaFirst.servedBy, viaSecond.servedBy, why);
		assert.deepEqual([viaFirst.status, viaSecond.status], [200, 200]);
		await waitFor(recipe.id, 2);
		const t0 = Date.now();
		await q.restart([...q.webhooks, q.worker]);
		const took = ((Date.now() - t0) / 1000).toFixed(1);
		console.log(`webhook processes and worker restarted in ${took} s`);
		await q.waitForWebhookPath(recipe.path);
		const afterRestart = await send('recipe-delivery-1');
		assert.equal(afterRestart.status, 200);
		const forgot = 'the restarted process has forgotten it; the recipe must catch it';
		assert.doesNotMatch(afterRestart.text, /duplicate/, forgot);
		assert.equal((await send('recipe-delivery-2', { ...event, id: '1005' })).status, 200);
		const runs = await waitFor(recipe.id, 4);
		await staysAt(q, recipe.id, 4);
		const worked = (await onWorker(runs, 'Confirm relation')).flatMap((o) => o.slice(0, 1));
		const users = worked.map((o) => o.user_id).sort();
		assert.deepEqual(users, ['1004', '1005'], 'one run that does work per delivery id');
		assert.deepEqual([relationCalls('1004'), relationCalls('1005')], [1, 1]);
	});
	test('simultaneous duplicates on both webhook processes: never lost; how often both run is measured (no lock, see README)', async () => {
		const outcomes = [];
		for (let pair = 0; pair < 10; pair++) {
			const before = new Set((await q.finished(recipe.id)).map((e) => e.id));
			const user = String(20001 + pair);
			const callsBefore = relationCalls(user);
			const body = { ...SAMPLE_EVENT, id: user, channel_public_id: CHANNEL };
			const headers = signed(`recipe-simultaneous-${pair}`);
			const post = (w) => q.post(w.url, recipe.path, body, headers);
			const answers = await Promise.all(q.webhooks.map(post));
			assert.deepEqual(statuses(answers), [200, 200]);
			const runs = (await waitFor(recipe.id, before.size + 2)).filter((e) => !before.has(e.id));
			let worked = 0;
			for (const { id } of runs)
				if (emitted(await q.getExecution(id), 'Confirm relation').length) worked++;
			assert.equal(relationCalls(user) - callsBefore, worked);
			outcomes.push(worked);
		}
		const times = (n) => outcomes.filter((w) => w === n).length;
		const pairs = 'simultaneous duplicate pairs on two webhook processes';
		console.log(`${pairs}: ${times(1)} of 10 ran the work once, ${times(2)} twice`);
		assert.ok(!outcomes.includes(0), 'a delivery is never lost');
	});
	describe('the action node runs on the worker', () => {
		for (const [name, check] of Object.entries(ACTION_CASES))
			test(name, async () => {
				await check(async (key, items) => {
					const { output, executionId } = await q.runAction(key, items);
					q.assertRanOnWorker(executionId);
					return output;
				}, emu);
			});
		kakaoLoginTests(() => ({ q, emu, channel: CHANNEL, oauthPath: 'e2e-q-oauth-relation' }));
	});
	test('a 50-event burst through the two webhook processes (latency figures)', async () => {
		const before = await finishedCount(q, plain.workflow.id);
		const post = (i) => q.post(q.publicUrl, plain.path, SAMPLE_EVENT, signed(`burst-${i}`));
		const answers = await Promise.all([...Array(50).keys()].map(post));
		const ms = answers.map((a) => Math.round(a.ms)).sort((a, b) => a - b);
		const burst = 'burst of 50 through 2 webhook processes';
		console.log(`${burst}: p50 ${ms[24]} ms, p99 ${ms[49]} ms (the largest of 50)`);
		assert.deepEqual(statuses(answers), Array(50).fill(200));
		await waitFor(plain.workflow.id, before + 50, 120000);
	});
});
