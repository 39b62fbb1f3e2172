// The n8n side of the webhook benchmark: the three workflows, executions counted through the
// public API, and n8n's expression-isolate counter read from /metrics.
import { randomUUID } from 'node:crypto';

import { FLOOR_NODE_TYPE } from './floor-package.mjs';

const PKG = 'n8n-nodes-kakao-channel';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const TARGET_NAMES = {
	K: 'K Kakao trigger',
	W: 'W n8n Webhook',
	E: 'E empty community trigger',
};

/** One workflow per target, each a single start node on <uuid>/webhook, POST, answered on receipt. */
export function workflows({ triggerVersion = 2 } = {}) {
	const credential = { id: 'kakaoBenchCred01', name: 'Kakao bench', type: 'kakaoChannelApi' };
	const settings = {
		executionOrder: 'v1',
		saveDataSuccessExecution: 'all',
		saveDataErrorExecution: 'all',
	};
	const hooks = { K: randomUUID(), W: randomUUID(), E: randomUUID() };
	const wf = (id, name, node) => ({
		id,
		name,
		active: false,
		settings,
		connections: {},
		nodes: [{ id: randomUUID(), position: [0, 0], ...node }],
	});
	const list = {
		K: wf('kakaoBenchTrig01', 'Bench Kakao Channel Trigger', {
			name: 'Kakao Channel Trigger',
			type: `${PKG}.kakaoChannelTrigger`,
			typeVersion: triggerVersion,
			webhookId: hooks.K,
			parameters: { events: ['added', 'blocked'] },
			credentials: { kakaoChannelApi: { id: credential.id, name: credential.name } },
		}),
		W: wf('kakaoBenchHook01', 'Bench n8n Webhook', {
			name: 'Webhook',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: hooks.W,
			parameters: {
				httpMethod: 'POST',
				path: `${hooks.W}/webhook`,
				responseMode: 'onReceived',
				options: {},
			},
		}),
		E: wf('kakaoBenchFloor1', 'Bench empty community trigger', {
			name: 'Floor Trigger',
			type: FLOOR_NODE_TYPE,
			typeVersion: triggerVersion,
			webhookId: hooks.E,
			parameters: {},
		}),
	};
	const paths = Object.fromEntries(
		Object.entries(hooks).map(([t, id]) => [t, `/webhook/${id}/webhook`]),
	);
	return { list, credential, paths };
}

// Under load n8n's SQLite ping can time out and every route answers 503 for a while; such answers
// (and refused connections) are retried, counted, and reported.
export const apiTrouble = { retries: 0, samples: new Set() };
async function api(n8n, p, timeoutMs = 180000) {
	const t0 = Date.now();
	for (;;) {
		try {
			return await n8n.apiGet(p);
		} catch (e) {
			if (n8n.process.exitCode !== null || Date.now() - t0 > timeoutMs) throw e;
			apiTrouble.retries++;
			apiTrouble.samples.add(
				String(e.message).match(/HTTP \d+ .{0,60}/)?.[0] ?? String(e.message).slice(0, 80),
			);
			await sleep(1000);
		}
	}
}

async function countExecutions(n8n, workflowId) {
	const byStatus = {};
	let total = 0;
	let cursor;
	do {
		const q = new URLSearchParams({ workflowId, limit: '250' });
		if (cursor) q.set('cursor', cursor);
		const page = await api(n8n, `/executions?${q}`);
		for (const e of page.data) byStatus[e.status] = (byStatus[e.status] ?? 0) + 1;
		total += page.data.length;
		cursor = page.nextCursor;
	} while (cursor);
	return { total, byStatus };
}

async function runningCount(n8n) {
	return (await api(n8n, '/executions?status=running&limit=250')).data.length;
}

/**
 * Waits until nothing runs and the counts stand still (1.5 s once each workflow has `expected`
 * executions, `quietMs` before that); gives up after `timeoutMs` and says so.
 */
export async function settle(n8n, ids, expected, { timeoutMs = 300000, quietMs = 5000 } = {}) {
	const t0 = Date.now();
	let last = null;
	let lastChange = Date.now();
	for (;;) {
		const running = await runningCount(n8n);
		const counts = {};
		for (const [key, id] of Object.entries(ids)) counts[key] = await countExecutions(n8n, id);
		const sig = JSON.stringify(Object.values(counts).map((c) => c.total));
		if (sig !== last) {
			last = sig;
			lastChange = Date.now();
		}
		const reached = Object.entries(expected).every(([k, n]) => counts[k].total >= n);
		if (running === 0 && Date.now() - lastChange >= (reached ? 1500 : quietMs))
			return { counts, settled: true, ms: Date.now() - t0 };
		if (Date.now() - t0 > timeoutMs) return { counts, settled: false, ms: Date.now() - t0 };
		await sleep(500);
	}
}

export async function untilIdle(n8n, timeoutMs = 60000) {
	const t0 = Date.now();
	while ((await runningCount(n8n)) > 0 && Date.now() - t0 < timeoutMs) await sleep(200);
}

/**
 * n8n's count of expression isolates taken from its pool (`n8n_expression_pool_acquired_total`,
 * with N8N_METRICS and N8N_EXPRESSION_ENGINE_OBSERVABILITY_ENABLED); null where n8n has no such
 * counter (1.x, or the legacy engine, which uses no isolates).
 */
export async function isolatesAcquired(baseUrl) {
	const res = await fetch(`${baseUrl}/metrics`);
	const text = await res.text();
	if (!res.ok) return null;
	let total = null;
	for (const line of text.split('\n')) {
		const m = line.match(/^n8n_expression_pool_acquired_total(?:\{[^}]*\})?\s+([0-9.e+]+)/);
		if (m) total = (total ?? 0) + Number(m[1]);
	}
	return total;
}

export const METRICS_ENV = {
	N8N_METRICS: 'true',
	N8N_EXPRESSION_ENGINE_OBSERVABILITY_ENABLED: 'true',
};
