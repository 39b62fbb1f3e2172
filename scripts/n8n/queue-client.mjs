// The queue-mode topology as a client: start it, post to it, read what ran where. Used by the queue-mode e2e suite and `npm run bench:queue`.
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { request } from 'undici';

import { BROWSER_ID, setupOwnerAndApiKey } from './n8n-server.mjs';
import { startQueue } from './queue.mjs';
import { actionWorkflow, rl } from '../../test/support/workflows.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The action workflows of the single-process suite, one per operation. */
export function actionDefinitions(channel, fileId) {
	return {
		relationGet: actionWorkflow('q-relation-get', {
			resource: 'relation',
			operation: 'get',
			authentication: 'adminKey',
			userId: '={{ $json.user }}',
			channel: rl(channel),
			options: {},
		}),
		relationCheckMany: actionWorkflow('q-relation-checkmany', {
			resource: 'relation',
			operation: 'checkMany',
			userId: '={{ $json.user }}',
			options: { channels: channel },
		}),
		fileCreate: actionWorkflow('q-file-create', {
			resource: 'customerFile',
			operation: 'create',
			channel: rl(channel),
			fileName: '={{ $json.name }}',
			fixedFields: { field: [{ key: '연령', type: 'number' }] },
			customFields: { field: [] },
		}),
		fileGetAll: actionWorkflow('q-file-getall', {
			resource: 'customerFile',
			operation: 'getAll',
			channel: rl(channel),
		}),
		usersAdd: actionWorkflow('q-users-add', {
			resource: 'customerFileUser',
			operation: 'add',
			channel: rl(channel),
			fileId: rl(String(fileId)),
			userType: 'app',
			userId: '={{ $json.user }}',
			fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
		}),
		usersDelete: actionWorkflow('q-users-delete', {
			resource: 'customerFileUser',
			operation: 'delete',
			channel: rl(channel),
			fileId: rl(String(fileId)),
			userType: 'phone',
			userId: '={{ $json.phone }}',
		}),
	};
}

export async function post(baseUrl, webhookPath, body, headers = {}) {
	const started = process.hrtime.bigint();
	const res = await request(`${baseUrl}/webhook/${webhookPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body),
	});
	const text = await res.body.text();
	return {
		status: res.statusCode,
		text,
		servedBy: res.headers['x-served-by'],
		ms: Number(process.hrtime.bigint() - started) / 1e6,
	};
}

/** `count` POSTs at once; latency percentiles in ms and the answers' status counts. */
export async function burstLatencies(baseUrl, webhookPath, body, headersFor, count = 50) {
	const answers = await Promise.all(
		Array.from({ length: count }, (_, i) => post(baseUrl, webhookPath, body, headersFor(i))),
	);
	const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
	const at = (p) =>
		Number(ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)].toFixed(1));
	const statuses = {};
	for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
	return { p50: at(50), p99: at(99), max: Number(ms.at(-1).toFixed(1)), statuses };
}

/** Starts the topology, sets up the owner, and returns it with test helpers. */
export async function queueClient({ actions, webhookPaths, ...options }) {
	const q = await startQueue(options);
	try {
		const { cookie, apiKey } = await setupOwnerAndApiKey(q.main.url);
		const json = async (res, what) => {
			const text = await res.text();
			if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 300)}`);
			return JSON.parse(text);
		};
		const restGet = async (p) =>
			json(await fetch(`${q.main.url}${p}`, { headers: { cookie, 'browser-id': BROWSER_ID } }), p);
		const apiGet = async (p) =>
			json(await fetch(`${q.main.url}/api/v1${p}`, { headers: { 'X-N8N-API-KEY': apiKey } }), p);
		for (const p of webhookPaths) await q.waitForWebhookPath(p);

		const executions = async (workflowId) => {
			const all = [];
			let cursor;
			do {
				const query = new URLSearchParams({ workflowId, limit: '250', ...(cursor && { cursor }) });
				const page = await apiGet(`/executions?${query}`);
				all.push(...page.data);
				cursor = page.nextCursor;
			} while (cursor);
			return all.filter((e) => e.finished || e.stoppedAt);
		};
		const waitForExecutions = async (workflowId, count, timeoutMs = 60000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const list = await executions(workflowId);
				if (list.length >= count) return list;
				if (Date.now() > deadline)
					throw new Error(
						`${list.length} of ${count} executions of ${workflowId} after ${timeoutMs / 1000}s`,
					);
				await sleep(300);
			}
		};
		const emitted = async (id, nodeName) => {
			const execution = await apiGet(`/executions/${id}?includeData=true`);
			const run = execution.data.resultData.runData[nodeName];
			if (run?.[0].error)
				throw new Error(`execution ${id}, node ${nodeName}: ${run[0].error.message}`);
			return run ? run[0].data.main[0].map((item) => item.json) : [];
		};
		const workerLine = (id) => new RegExp(`Worker started execution ${id} \\(job`);
		const assertRanOnWorker = (id) => {
			assert.match(
				q.readLog(q.worker),
				workerLine(id),
				`execution ${id} did not run on the worker`,
			);
			for (const proc of [q.main, ...q.webhooks])
				assert.doesNotMatch(q.readLog(proc), workerLine(id), `${proc.role} ran execution ${id}`);
		};
		const runAction = async (key, items) => {
			const { workflow, path } = actions[key];
			const before = new Set((await executions(workflow.id)).map((e) => e.id));
			const answer = await post(q.publicUrl, path, { items });
			assert.equal(
				answer.status,
				200,
				`${key} answered ${answer.status}: ${answer.text.slice(0, 300)}`,
			);
			const list = await waitForExecutions(workflow.id, before.size + 1);
			return {
				output: JSON.parse(answer.text),
				executionId: list.find((e) => !before.has(e.id)).id,
			};
		};
		return {
			...q,
			actions,
			cookie,
			restGet,
			apiGet,
			executions,
			waitForExecutions,
			emitted,
			assertRanOnWorker,
			runAction,
			post,
		};
	} catch (e) {
		for (const proc of [q.main, ...q.webhooks, q.worker]) {
			if (fs.existsSync(proc.logFile))
				e.message += `\n--- ${proc.role} ---\n${q.readLog(proc).split('\n').slice(-15).join('\n')}`;
		}
		await q.stop();
		throw e;
	}
}
