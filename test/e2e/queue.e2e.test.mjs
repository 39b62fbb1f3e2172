// Queue mode end to end (`npm run test:e2e:queue`): the sandbox's queue topology (`npm run sandbox
// -- --queue`) on free loopback ports: Redis and Postgres from Debian's packages, n8n 2.41.1 as
// one main process, two webhook processes behind a round-robin proxy and one worker, each with
// the package installed from its `npm pack` tarball, seeded as the sandbox seeds it. Results come
// from what n8n did: its public API, the webhook answers, the worker's log and the emulator.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { freePorts, OWNER, postJson } from '../../scripts/n8n/n8n-server.mjs';
import { missingServices } from '../../scripts/n8n/services.mjs';
import { startSandbox } from '../../scripts/sandbox/sandbox.mjs';
import {
	actionWorkflows,
	CREDENTIAL,
	TRIGGER_PATH,
	triggerWorkflow,
} from '../../scripts/sandbox/workflows.mjs';
import {
	CHANNEL,
	emitted,
	kakaoHeaders,
	KakaoEmulator,
	packToTemp,
	ROOT,
	SAMPLE_EVENT,
} from './harness.mjs';
import { seedEmulator, sendEvent, sleep } from './harness.mjs';
import {
	kakaoLoginTests,
	LOGIN,
	oauthCredential,
	oauthRelationWorkflow,
	overwriteEnv,
} from './queue-oauth2.mjs';

const missing = missingServices();
const skip =
	process.env.KAKAO_E2E_QUEUE !== '1'
		? 'queue mode runs with `npm run test:e2e:queue` (4 n8n processes)'
		: missing.length > 0 &&
			`queue mode needs ${missing.join(' and ')}; run scripts/ci/install-debian.sh`;

let emu;
let sandbox;
let q; // the topology and its helpers
let work;
const plain = triggerWorkflow();
// The shipped sample workflow, as a user imports it; only the ids and the credential are ours.
const recipe = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'examples/trigger-remove-duplicates.json'), 'utf8'),
);
Object.assign(recipe, {
	id: 'kakaoQueueRecipe',
	path: `${(recipe.nodes[0].webhookId = crypto.randomUUID())}/webhook`,
});
for (const node of recipe.nodes)
	if (node.credentials) node.credentials = { kakaoChannelApi: CREDENTIAL };

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
	emu.configureLogin({
		...LOGIN,
		redirectUris: [`http://127.0.0.1:${ports.main}/rest/oauth2-credential/callback`],
	});
	sandbox = await startSandbox({
		...{
			queue: true,
			ports,
			data: path.join(work, 'sandbox'),
			emulator: emu,
			packageTarball: tarball,
		},
		env: overwriteEnv(emu),
		workflows: [plain.workflow, recipe, ...Object.values(actions).map((a) => a.workflow)],
		credentials: [oauthCredential(emu)],
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
		assert.equal(
			answer.status,
			200,
			`${key} answered ${answer.status}: ${answer.text.slice(0, 300)}`,
		);
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
const count = async (workflowId) => (await q.finished(workflowId)).length;
const waitFor = (workflowId, n, timeoutMs = 60000) =>
	q.waitForExecutions({ workflowId, count: n, timeoutMs });
const output = async (id, node) => emitted(await q.getExecution(id), node);
/** Nothing more starts: the count stays at `n` for 1.5 s. */
async function staysAt(workflowId, n, message) {
	await sleep(1500);
	assert.equal(await count(workflowId), n, message);
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
	test("the sandbox's seed in queue mode: owner, credential, sample workflows; every listener on 127.0.0.1 at its given port", async () => {
		const owner = { emailOrLdapLoginId: OWNER.email, password: OWNER.password };
		const login = await postJson(`${q.main.url}/rest/login`, owner);
		assert.equal(login.status, 200, 'the sandbox owner can sign in');
		const workflows = (await q.restGet('/rest/workflows')).data.map((w) => w.name);
		for (const name of ['Kakao Channel Trigger', 'check relations', 'customer files'].map(
			(n) => `Sandbox: ${n}`,
		))
			assert.ok(workflows.includes(name), `${name} in ${workflows.join(', ')}`);
		const credentials = (await q.restGet('/rest/credentials')).data.map((c) => c.name);
		assert.ok(credentials.includes(CREDENTIAL.name), credentials.join(', '));
		assert.equal(sandbox.info.triggerUrl, `${q.publicUrl}/webhook/${TRIGGER_PATH}`);
		const open = listeners([...q.processes.map((p) => p.child.pid), q.redis.pid, q.postgres.pid]);
		const elsewhere = open.filter(([address]) => address !== '127.0.0.1');
		assert.deepEqual(elsewhere, [], 'every listener is on 127.0.0.1');
		// Main runs no task runner in queue mode (manual executions go to the worker): no broker.
		for (const [key, port] of Object.entries(q.ports).filter(([key]) => key !== 'mainBroker'))
			assert.ok(
				open.some(([, p]) => p === port),
				`${key} listens on ${port}`,
			);
	});

	test('send-event --url <trigger URL> --admin-key <key> starts a run of the sandbox trigger, on the worker', async () => {
		const before = await count('kakaoSandboxTrig');
		const to = ['--url', sandbox.info.triggerUrl, '--admin-key', emu.adminKey];
		const run = await sendEvent('added', '--user', '1002', ...to);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^HTTP 200/m);
		const [execution] = await waitFor('kakaoSandboxTrig', before + 1);
		q.assertRanOnWorker(execution.id);
		const items = await output(execution.id, 'Kakao Channel Trigger');
		assert.deepEqual(
			items.map((item) => [item.event, item.id]),
			[['added', '1002']],
		);
	});

	test('every process has the package installed from the tarball, and main lists its nodes', async () => {
		for (const { role, package: pkg } of q.processes) {
			assert.ok(
				fs.existsSync(
					path.join(pkg.target, 'dist/nodes/KakaoChannelTrigger/KakaoChannelTrigger.node.js'),
				),
				role,
			);
			assert.ok(!fs.lstatSync(pkg.target).isSymbolicLink(), `${role}: a real install, not a link`);
		}
		const nodes = (await q.restGet('/types/nodes.json')).map((n) => n.name);
		assert.ok(nodes.includes('n8n-nodes-kakao-channel.kakaoChannelTrigger'));
	});

	test("the docs' sample event through either webhook process gives exactly one execution, run on the worker", async () => {
		// Two posts in a row through the round-robin proxy: one to each webhook process.
		const ids = ['sample-via-first', 'sample-via-second'];
		const answers = [];
		for (const id of ids)
			answers.push(await q.post(q.publicUrl, plain.path, SAMPLE_EVENT, signed(id)));
		assert.deepEqual(
			answers.map((a) => a.status),
			[200, 200],
		);
		assert.deepEqual(new Set(answers.map((a) => a.servedBy)), new Set(['0', '1']));
		const runs = await waitFor(plain.workflow.id, 2);
		await staysAt(plain.workflow.id, 2, 'exactly one execution per event');
		const items = [];
		for (const { id } of runs) {
			q.assertRanOnWorker(id);
			items.push(...(await output(id, 'Kakao Channel Trigger')));
		}
		const sorted = items.sort((a, b) => a.resource_id.localeCompare(b.resource_id));
		assert.deepEqual(
			sorted,
			ids.map((resource_id) => ({ ...SAMPLE_EVENT, resource_id })),
		);
	});

	test('a wrong key gets 401 from both webhook processes and starts nothing', async () => {
		const before = await count(plain.workflow.id);
		const answers = [];
		for (const id of ['wrong-1', 'wrong-2'])
			answers.push(
				await q.post(q.publicUrl, plain.path, SAMPLE_EVENT, signed(id, 'not-the-admin-key')),
			);
		assert.deepEqual(
			answers.map((a) => [a.status, a.text.includes(emu.adminKey)]),
			[
				[401, false],
				[401, false],
			],
		);
		assert.deepEqual(new Set(answers.map((a) => a.servedBy)), new Set(['0', '1']));
		await staysAt(plain.workflow.id, before);
	});

	test('trigger alone: a repeat is dropped by the process that saw it, not by the other one', async () => {
		const before = await count(plain.workflow.id);
		const [first, second] = q.webhooks.map((w) => w.url);
		const event = { ...SAMPLE_EVENT, id: '1002', channel_public_id: CHANNEL };
		const answers = [];
		for (const url of [first, first, second])
			answers.push(await q.post(url, plain.path, event, signed('plain-repeat')));
		assert.deepEqual(
			answers.map((a) => [a.status, /duplicate/.test(a.text)]),
			[
				[200, false],
				[200, true],
				[200, false],
			],
		);
		await waitFor(plain.workflow.id, before + 2);
		await staysAt(
			plain.workflow.id,
			before + 2,
			'per-process memory: the second process starts a second run',
		);
	});

	test('with the Remove Duplicates recipe, a repeat on the other process or after a restart does no work', async () => {
		const event = { ...SAMPLE_EVENT, id: '1004', channel_public_id: CHANNEL };
		const send = (id, body = event) => q.post(q.publicUrl, recipe.path, body, signed(id));
		const viaFirst = await send('recipe-delivery-1');
		await waitFor(recipe.id, 1);
		const viaSecond = await send('recipe-delivery-1');
		assert.notEqual(
			viaFirst.servedBy,
			viaSecond.servedBy,
			'the repeat reaches the other webhook process',
		);
		assert.deepEqual([viaFirst.status, viaSecond.status], [200, 200]);
		await waitFor(recipe.id, 2);
		const t0 = Date.now();
		await q.restart([...q.webhooks, q.worker]);
		console.log(
			`webhook processes and worker restarted in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
		);
		await q.waitForWebhookPath(recipe.path);
		const afterRestart = await send('recipe-delivery-1');
		assert.equal(afterRestart.status, 200);
		assert.doesNotMatch(
			afterRestart.text,
			/duplicate/,
			'the restarted process has forgotten it; the recipe must catch it',
		);
		assert.equal((await send('recipe-delivery-2', { ...event, id: '1005' })).status, 200);
		const runs = await waitFor(recipe.id, 4);
		await staysAt(recipe.id, 4);
		const worked = [];
		for (const { id } of runs) {
			q.assertRanOnWorker(id);
			worked.push(...(await output(id, 'Confirm relation')).slice(0, 1).map((o) => o.user_id));
		}
		assert.deepEqual(worked.sort(), ['1004', '1005'], 'one run that does work per delivery id');
		assert.deepEqual([relationCalls('1004'), relationCalls('1005')], [1, 1]);
	});

	test('simultaneous duplicates on both webhook processes: never lost; how often both run is measured (no lock, see README)', async () => {
		const outcomes = [];
		for (let pair = 0; pair < 10; pair++) {
			const before = new Set((await q.finished(recipe.id)).map((e) => e.id));
			const user = String(20001 + pair);
			const callsBefore = relationCalls(user);
			const body = { ...SAMPLE_EVENT, id: user, channel_public_id: CHANNEL };
			const answers = await Promise.all(
				q.webhooks.map((w) =>
					q.post(w.url, recipe.path, body, signed(`recipe-simultaneous-${pair}`)),
				),
			);
			assert.deepEqual(
				answers.map((a) => a.status),
				[200, 200],
			);
			const runs = (await waitFor(recipe.id, before.size + 2)).filter((e) => !before.has(e.id));
			let worked = 0;
			for (const { id } of runs) if ((await output(id, 'Confirm relation')).length) worked++;
			assert.equal(relationCalls(user) - callsBefore, worked);
			outcomes.push(worked);
		}
		const times = (n) => outcomes.filter((w) => w === n).length;
		console.log(
			`simultaneous duplicate pairs on two webhook processes: ${times(1)} of 10 ran the work once, ${times(2)} twice`,
		);
		assert.ok(
			outcomes.every((n) => n >= 1),
			'a delivery is never lost',
		);
	});

	describe('the action node runs on the worker', () => {
		for (const [key, items, check] of [
			[
				'relationGet',
				[{ user: '1001' }, { user: '1003' }],
				(out) =>
					assert.deepEqual(
						out.map((o) => o.relation),
						['ADDED', 'BLOCKED'],
					),
			],
			[
				'relationCheckMany',
				[{ user: '1001' }, { user: '1010' }],
				(out) =>
					assert.deepEqual(
						out.map((o) => o.checked),
						[true, false],
					),
			],
			[
				'fileCreate',
				[{ name: 'queue-e2e' }],
				(out) => assert.equal(typeof out[0].file_id, 'number'),
			],
			['fileGetAll', [{}], (out) => assert.ok(out.some((f) => f.file_name === 'queue-e2e'))],
			['usersDelete', [{ phone: '010-1234-5678' }], (out) => assert.equal(out[0].users_sent, 1)],
		])
			test(key, async () => {
				const { output: out, executionId } = await q.runAction(key, items);
				check(out);
				q.assertRanOnWorker(executionId);
			});

		kakaoLoginTests(() => ({ q, emu, channel: CHANNEL, oauthPath: 'e2e-q-oauth-relation' }));

		test('users add: 5,000 input items make exactly 3 calls, all accounted for', async () => {
			emu.clearRequests();
			const items = Array.from({ length: 5000 }, (_, i) => ({
				user: String(20001 + i),
				age: 20 + (i % 40),
			}));
			const { output: out, executionId } = await q.runAction('usersAdd', items);
			const sizes = emu.requests
				.filter((r) => r.path === '/v1/talkchannel/update/target_users')
				.map((c) => c.body.users.length);
			assert.deepEqual(
				sizes.sort((a, b) => a - b),
				[1000, 2000, 2000],
			);
			assert.deepEqual([out[0].users_sent, out[0].success_count, out[0].calls], [5000, 5000, 3]);
			q.assertRanOnWorker(executionId);
		});
	});

	test('a 50-event burst through the two webhook processes (latency figures)', async () => {
		const before = await count(plain.workflow.id);
		const answers = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				q.post(q.publicUrl, plain.path, SAMPLE_EVENT, signed(`burst-${i}`)),
			),
		);
		const ms = answers.map((a) => Math.round(a.ms)).sort((a, b) => a - b);
		console.log(
			`burst of 50 through 2 webhook processes: p50 ${ms[24]} ms, p99 ${ms[49]} ms (the largest of 50)`,
		);
		assert.deepEqual(
			answers.map((a) => a.status),
			Array(50).fill(200),
		);
		await waitFor(plain.workflow.id, before + 50, 120000);
	});
});
