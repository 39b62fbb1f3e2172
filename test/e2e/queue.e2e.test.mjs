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

import { freePorts, OWNER } from '../../scripts/n8n/n8n-server.mjs';
import { burstLatencies, postJson } from '../../scripts/n8n/queue.mjs';
import { missingServices } from '../../scripts/n8n/services.mjs';
import { startSandbox } from '../../scripts/sandbox/sandbox.mjs';
import { CREDENTIAL, TRIGGER_PATH, triggerWorkflow } from '../../scripts/sandbox/workflows.mjs';
import {
	actionWorkflows,
	CHANNEL,
	kakaoHeaders as signed,
	KakaoEmulator,
	packToTemp,
	ROOT,
	runScript,
	SAMPLE_EVENT,
	seedEmulator,
	sleep,
} from './harness.mjs';
import {
	kakaoLoginTests,
	LOGIN,
	oauthCredential,
	oauthRelationWorkflow,
	overwriteEnv,
} from './queue-oauth2.mjs';
import { duplicateTests } from './queue-duplicates.mjs';

const missing = missingServices();
const skip =
	process.env.KAKAO_E2E_QUEUE !== '1'
		? 'queue mode runs with `npm run test:e2e:queue` (4 n8n processes)'
		: missing.length
			? `queue mode needs ${missing.join(' and ')}; run scripts/ci/install-debian.sh`
			: false;

let emu;
let sandbox;
let q; // the topology and its helpers
let work;
const plain = triggerWorkflow();
let recipe;

before(async () => {
	if (skip) return;
	const ports = await freePorts();
	emu = await KakaoEmulator.start({ port: ports.emulator });
	seedEmulator(emu);
	let tarball;
	({ work, tarball } = packToTemp('kakao-queue-'));

	// The shipped sample workflow, as a user imports it; only ids and the credential are ours.
	recipe = JSON.parse(
		fs.readFileSync(path.join(ROOT, 'examples/trigger-remove-duplicates.json'), 'utf8'),
	);
	recipe.id = 'kakaoQueueRecipe';
	for (const node of recipe.nodes)
		if (node.credentials) node.credentials = { kakaoChannelApi: CREDENTIAL };
	recipe.nodes[0].webhookId = crypto.randomUUID();
	recipe.path = `${recipe.nodes[0].webhookId}/webhook`;

	const actions = {
		...actionWorkflows(CHANNEL, emu.files(CHANNEL)[0].file_id),
		oauthRelation: oauthRelationWorkflow(CHANNEL),
	};
	emu.configureLogin({
		...LOGIN,
		redirectUris: [`http://127.0.0.1:${ports.main}/rest/oauth2-credential/callback`],
	});
	sandbox = await startSandbox({
		queue: true,
		ports,
		data: path.join(work, 'sandbox'),
		emulator: emu,
		packageTarball: tarball,
		env: overwriteEnv(emu),
		workflows: [plain.workflow, recipe, ...Object.values(actions).map((a) => a.workflow)],
		credentials: [oauthCredential(emu)],
	});
	q = sandbox.n8n;
	for (const p of [plain.path, recipe.path, ...Object.values(actions).map((a) => a.path)])
		await q.waitForWebhookPath(p);
	q.actions = actions;
	q.post = (baseUrl, webhookPath, body, headers) =>
		postJson(`${baseUrl}/webhook/${webhookPath}`, body, headers);
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
	console.log(
		`queue mode ready: main ${q.main.url}, webhook processes ${q.webhooks.map((w) => w.url).join(', ')} behind ${q.publicUrl}, worker health ${q.worker.url}`,
	);
});

after(async () => {
	await sandbox?.stop();
	await emu?.stop();
	if (work && !process.env.KEEP_QUEUE_DIR) fs.rmSync(work, { recursive: true, force: true });
});

const kakaoHeaders = (resourceId, key = emu.adminKey) => signed(resourceId, key);
const relationCalls = (userId) =>
	emu.requests.filter((r) => r.path === '/v2/api/talk/channels' && r.query.target_id === userId)
		.length;
const executions = (workflowId) => q.finished(workflowId);
const waitForExecutions = (workflowId, count, timeoutMs = 60000) =>
	q.waitForExecutions({ workflowId, count, timeoutMs });
/** What `nodeName` output in an execution ([] when it did not run). */
async function emitted(id, nodeName) {
	const run = (await q.getExecution(id)).data.resultData.runData[nodeName];
	if (run?.[0].error) throw new Error(`execution ${id}, node ${nodeName}: ${run[0].error.message}`);
	return run ? run[0].data.main[0].map((item) => item.json) : [];
}

/** Listening TCP sockets of the processes in these process groups (and this one): [address, port]. */
function listeners(groups) {
	const pgid = (pid) =>
		Number(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[2]);
	return execFileSync('ss', ['-Hltnp'], { encoding: 'utf8' })
		.split('\n')
		.filter(Boolean)
		.flatMap((line) => {
			const pids = [...line.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
			const ours = pids.some((pid) => pid === process.pid || groups.includes(pgid(pid)));
			const local = line.split(/\s+/)[3];
			return ours
				? [
						[
							local.slice(0, local.lastIndexOf(':')),
							Number(local.slice(local.lastIndexOf(':') + 1)),
						],
					]
				: [];
		});
}

describe('queue mode: main + 2 webhook processes + worker', { skip }, () => {
	test("the sandbox's seed in queue mode: owner, credential, sample workflows; every listener on 127.0.0.1 at its given port", async () => {
		const login = await fetch(`${q.main.url}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
		});
		assert.equal(login.status, 200, 'the sandbox owner can sign in');
		const workflows = (await q.restGet('/rest/workflows')).data.map((w) => w.name);
		for (const name of [
			'Sandbox: Kakao Channel Trigger',
			'Sandbox: check relations',
			'Sandbox: customer files',
		])
			assert.ok(workflows.includes(name), `${name} in ${workflows.join(', ')}`);
		const credentials = (await q.restGet('/rest/credentials')).data.map((c) => c.name);
		assert.ok(credentials.includes(CREDENTIAL.name), credentials.join(', '));
		assert.equal(sandbox.info.triggerUrl, `${q.publicUrl}/webhook/${TRIGGER_PATH}`);

		const groups = [...q.processes.map((p) => p.child.pid), q.redis.pid, q.postgres.pid];
		const open = listeners(groups);
		const notLoopback = open.filter(([address]) => address !== '127.0.0.1');
		assert.deepEqual(notLoopback, [], 'every listener of the topology is on 127.0.0.1');
		const bound = new Set(open.map(([, port]) => port));
		// Main runs no task runner in queue mode (manual executions go to the worker): no broker.
		for (const [key, port] of Object.entries(q.ports).filter(([key]) => key !== 'mainBroker'))
			assert.ok(bound.has(port), `${key} listens on its port ${port}`);
	});

	test('send-event --url <trigger URL> --admin-key <key> starts a run of the sandbox trigger, on the worker', async () => {
		const workflowId = 'kakaoSandboxTrig';
		const before = (await executions(workflowId)).length;
		const run = await runScript([
			path.join(ROOT, 'scripts/sandbox/send-event.mjs'),
			'added',
			'--user',
			'1002',
			'--url',
			sandbox.info.triggerUrl,
			'--admin-key',
			emu.adminKey,
		]);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^HTTP 200/m);
		const [execution] = await waitForExecutions(workflowId, before + 1);
		q.assertRanOnWorker(execution.id);
		assert.deepEqual(
			(await emitted(execution.id, 'Kakao Channel Trigger')).map((item) => [item.event, item.id]),
			[['added', '1002']],
		);
	});

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
		// Two posts in a row through the round-robin proxy: one to each webhook process.
		assert.deepEqual(
			answers.map((a) => a.status),
			[200, 200],
		);
		assert.deepEqual(new Set(answers.map((a) => a.servedBy)), new Set(['0', '1']));
		const runs = await waitForExecutions(plain.workflow.id, 2);
		await sleep(1500);
		assert.equal(
			(await executions(plain.workflow.id)).length,
			2,
			'exactly one execution per event',
		);
		const items = [];
		for (const execution of runs) {
			q.assertRanOnWorker(execution.id);
			items.push(...(await emitted(execution.id, 'Kakao Channel Trigger')));
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
		const before = (await executions(plain.workflow.id)).length;
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
		assert.equal((await executions(plain.workflow.id)).length, before);
	});

	duplicateTests(() => ({
		q,
		plain,
		recipe,
		kakaoHeaders,
		relationCalls,
		executions,
		waitForExecutions,
		emitted,
	}));

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
		const before = (await executions(plain.workflow.id)).length;
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
		await waitForExecutions(plain.workflow.id, before + 50, 120000);
	});
});
