// One configuration of the webhook benchmark (webhook.mjs): one real n8n with three targets, each
// package installed from its npm pack tarball. K is the Kakao Channel Trigger, W n8n's own Webhook
// node, E a do-nothing community trigger (the floor for any community node), written and packed
// here. All get Kakao's sample request with the same headers, in an order that goes through every
// permutation; then executions are counted against accepted requests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';

import { packPackage, startN8n } from '../n8n/n8n-server.mjs';
import { apiCredential, triggerWorkflow, webhookWorkflow } from '../sandbox/workflows.mjs';
import { loadKakaoWebhook } from '../sandbox/fixtures.mjs';
import { burst, newStats, post, summarize } from './load.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const BODY = JSON.stringify(loadKakaoWebhook().SAMPLE_EVENT);
const FLOOR = 'n8n-nodes-bench-floor';

const FLOOR_NODE = `'use strict';
class FloorTrigger {
  constructor() {
    this.description = {
      displayName: 'Floor Trigger', name: 'floorTrigger', group: ['trigger'], version: [1, 2], defaultVersion: 2,
      description: 'Starts the workflow with the request body and does nothing else',
      defaults: { name: 'Floor Trigger' }, inputs: [], outputs: ['main'], properties: [],
      webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
    };
  }
  async webhook() { return { workflowData: [[{ json: this.getBodyData() }]] }; }
}
module.exports = { FloorTrigger };
`;

/** E: a package with one trigger that hands the body on, packed like ours; the tarball's path. */
export function packFloorPackage(dir) {
	const root = path.join(dir, 'floor');
	fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
	fs.writeFileSync(path.join(root, 'dist', 'FloorTrigger.node.js'), FLOOR_NODE);
	const n8n = { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/FloorTrigger.node.js'] };
	const pkg = {
		name: FLOOR,
		version: '1.0.0',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		files: ['dist'],
		n8n,
	};
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg));
	return packPackage(dir, root);
}

/**
 * Target order for `count` rounds: cyclic shifts of `targets`, their reverses, then the other
 * permutations, so each target is first, middle and last equally often; that cancels drift.
 */
export function rotation(count, targets) {
	const perms = (list) =>
		list.length <= 1
			? [list]
			: list.flatMap((x, i) => perms(list.filter((_, j) => j !== i)).map((p) => [x, ...p]));
	const shifts = targets.map((_, i) => [...targets.slice(i), ...targets.slice(0, i)]);
	const order = [...shifts, ...shifts.map((p) => [...p].reverse()), ...perms(targets)].filter(
		(p, i, all) => all.findIndex((q) => q.join() === p.join()) === i,
	);
	return Array.from({ length: count }, (_, i) => order[i % order.length]).flat();
}

// Under load n8n's SQLite ping can time out and every route answers 503 for a while: retried.
async function retried(n8n, read) {
	for (let t0 = Date.now(); ; await sleep(1000)) {
		try {
			return await read();
		} catch (e) {
			if (n8n.process.exitCode !== null || Date.now() - t0 > 180000) throw e;
		}
	}
}
const countExecutions = async (n8n, id) =>
	(await retried(n8n, () => n8n.listExecutions(id))).length;
const running = async (n8n) =>
	(await retried(n8n, () => n8n.apiGet('/executions?status=running&limit=250'))).data.length;
const untilIdle = async (n8n) => {
	for (const t0 = Date.now(); (await running(n8n)) > 0 && Date.now() - t0 < 60000; )
		await sleep(200);
};

/** Waits until nothing runs and the counts stood still 1.5 s (5 s while short of `expected`). */
async function settle(n8n, ids, expected) {
	const t0 = Date.now();
	let last;
	let since = Date.now();
	for (;;) {
		const counts = {};
		for (const [target, id] of Object.entries(ids)) counts[target] = await countExecutions(n8n, id);
		if (JSON.stringify(counts) !== last) [last, since] = [JSON.stringify(counts), Date.now()];
		const reached = Object.keys(ids).every((t) => counts[t] >= expected[t]);
		if ((await running(n8n)) === 0 && Date.now() - since >= (reached ? 1500 : 5000)) return counts;
		if (Date.now() - t0 > 300000) return { ...counts, stillMoving: true };
		await sleep(500);
	}
}

/** n8n's count of expression isolates taken from its pool; null where it has none (1.x, legacy). */
async function isolatesAcquired(baseUrl) {
	const res = await fetch(`${baseUrl}/metrics`);
	const text = await res.text();
	const counts = [
		...text.matchAll(/^n8n_expression_pool_acquired_total(?:\{[^}]*\})?\s+([0-9.e+]+)/gm),
	];
	return res.ok && counts.length ? counts.reduce((sum, m) => sum + Number(m[1]), 0) : null;
}

/** Peak resident memory of a process in MiB (Linux), or NaN. */
function peakMiB(pid) {
	const status = fs.existsSync(`/proc/${pid}/status`)
		? fs.readFileSync(`/proc/${pid}/status`, 'utf8')
		: '';
	return Number(/^VmHWM:\s+(\d+)/m.exec(status)?.[1] ?? NaN) / 1024;
}

export const loadAverage = () =>
	fs.existsSync('/proc/loadavg')
		? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
		: '?';

/** Runs one configuration; { context, results: [sequential, burst] }, each { label, [target]: figures }. */
export async function runConfiguration(cfg, log) {
	const T = cfg.targets;
	const flows = {
		K: triggerWorkflow({
			id: 'kakaoBenchTrig01',
			name: 'Bench Kakao Channel Trigger',
			typeVersion: cfg.triggerVersion,
		}),
		W: webhookWorkflow({ id: 'kakaoBenchHook01', name: 'Bench n8n Webhook' }),
		E: triggerWorkflow({
			...{ id: 'kakaoBenchFloor1', name: 'Bench empty community trigger' },
			...{ type: `${FLOOR}.floorTrigger`, typeVersion: cfg.triggerVersion, credential: null },
		}),
	};
	const adminKey = 'b'.repeat(32); // the format of a Kakao admin key
	const context = { loadBefore: loadAverage(), config: cfg };
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-webhook-'));
	let n8n;
	let dispatcher;
	try {
		const credential = apiCredential({
			adminKey,
			restApiKey: 'r'.repeat(32),
			baseUrl: 'https://kapi.kakao.com',
		});
		n8n = await startN8n({
			flavor: cfg.flavor,
			workflows: T.map((t) => flows[t].workflow),
			credentials: [credential],
			packageTarball: packPackage(work),
			extraPackages: T.includes('E') ? [packFloorPackage(work)] : [],
			// no pruning: it must not delete what is being counted
			env: {
				EXECUTIONS_DATA_PRUNE: 'false',
				N8N_METRICS: 'true',
				N8N_EXPRESSION_ENGINE_OBSERVABILITY_ENABLED: 'true',
				...cfg.env,
			},
		});
		context.n8n = (await n8n.restGet('/rest/settings')).data?.versionCli;
		log(`n8n ${context.n8n} (pid ${n8n.process.pid}) at ${n8n.baseUrl}`);
		dispatcher = new Pool(n8n.baseUrl, { connections: cfg.burstSize, pipelining: 1 });
		const ids = Object.fromEntries(T.map((t) => [t, flows[t].workflow.id]));
		const request = (t, stats) => ({
			dispatcher,
			path: `/webhook/${flows[t].path}`,
			body: BODY,
			adminKey,
			stats,
		});
		const statsFor = () => Object.fromEntries(T.map((t) => [t, newStats()]));
		// Warm-up, one at a time; every answer must be a 2XX or the run means nothing.
		const warm = statsFor();
		for (const t of rotation(cfg.warmup, T)) await post(request(t, warm[t]));
		for (const t of T.filter((t) => warm[t].ok !== cfg.warmup || warm[t].ignored))
			throw new Error(
				`warm-up of ${t} failed: ${warm[t].ok}/${cfg.warmup} 2xx, ${JSON.stringify(warm[t].errors)}`,
			);
		let counts = await settle(n8n, ids, Object.fromEntries(T.map((t) => [t, cfg.warmup])));
		// Isolates per request: each target alone, one request at a time, executions drained.
		const isolates = {};
		for (const t of cfg.isolates > 0 ? T : []) {
			const i0 = await isolatesAcquired(n8n.baseUrl);
			const stats = newStats();
			for (let i = 0; i < cfg.isolates; i++) await post(request(t, stats));
			await untilIdle(n8n);
			await sleep(300);
			const i1 = await isolatesAcquired(n8n.baseUrl);
			isolates[t] = i0 === null || i1 === null ? NaN : (i1 - i0) / cfg.isolates;
			counts = await settle(n8n, ids, { ...counts, [t]: counts[t] + stats.ok });
		}
		const results = [];
		const phase = async (label, rounds, send) => {
			const stats = statsFor();
			for (const [i, t] of rotation(rounds, T).entries()) await send(t, stats[t], i);
			const after = await settle(
				n8n,
				ids,
				Object.fromEntries(T.map((t) => [t, counts[t] + stats[t].ok])),
			);
			const result = { label, stillMoving: after.stillMoving, isolates };
			for (const t of T) result[t] = { ...summarize(stats[t]), executions: after[t] - counts[t] };
			log(
				`${label}: executions ${T.map((t) => `${t} ${result[t].executions}/${result[t].ok}`).join(', ')}`,
			);
			counts = after;
			results.push(result);
		};
		if (cfg.sequential > 0)
			await phase('sequential', cfg.sequential, (t, stats) => post(request(t, stats)));
		if (cfg.burstRounds > 0)
			await phase(`burst ${cfg.burstSize}`, cfg.burstRounds, async (t, stats, i) => {
				await burst({ ...request(t, stats), size: cfg.burstSize });
				await untilIdle(n8n);
				log(`  burst ${i + 1} ${t} done`);
				await sleep(cfg.burstPauseMs);
			});
		Object.assign(context, { loadAfter: loadAverage(), peakMiB: peakMiB(n8n.process.pid) });
		return { context, results };
	} finally {
		await dispatcher?.destroy().catch(() => {}); // close() would wait for answers that may never come
		await n8n?.stop();
		fs.rmSync(work, { recursive: true, force: true });
	}
}
