// What the webhook benchmark sends and reads: load generation (one POST, bursts of simultaneous
// POSTs; undici is the client), the three targets' workflows, executions counted through
// n8n's public API, n8n's expression-isolate counter, and n8n's memory and CPU from /proc (Linux;
// readers return null where /proc is not there). E, the floor for any community trigger, is a
// package with one trigger that only hands the body on, packed with npm like ours.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

import { triggerWorkflow, webhookWorkflow } from '../sandbox/workflows.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The sample request of Kakao's webhook docs (docs/kakao-api.md), as every target gets it. */
export const SAMPLE_EVENT = {
	event: 'added',
	id: '1111',
	id_type: 'app_user_id',
	channel_public_id: '_FLX',
	channel_uuid: '@ad',
	updated_at: '2020-01-01T00:00:00Z',
};

/** Per-target counters; one per (phase, target). */
export function newStats() {
	return {
		sent: 0,
		ok: 0, // 2xx
		ignored: 0, // 2xx whose body says the trigger ignored it (would start no execution)
		// ms per request sent; a request without a 2xx answer (non-2xx, timeout, error, dropped) counts
		// as Infinity, so it sits above every percentile it can affect instead of vanishing.
		latencies: [],
		errors: {}, // kind -> count: HTTP <status>, timeout, connection codes, dropped (in-flight cap)
		samples: {}, // kind -> the first answer body (or error message) of that kind, shortened
		inflight: 0,
		maxInflight: 0,
		wallMs: 0, // summed over this target's slices or rounds
		cpuMs: 0, // n8n main CPU attributed to this target's slices or rounds
		sliceLatencies: [], // one array per slice or round, for the split-half noise estimate
	};
}

const bump = (s, kind, sample) => {
	s.errors[kind] = (s.errors[kind] ?? 0) + 1;
	if (sample !== undefined && !(kind in s.samples)) s.samples[kind] = String(sample).slice(0, 160);
};

/** Headers Kakao sends, with a fresh X-Kakao-Resource-ID; the same set goes to every target. */
export function kakaoHeaders(adminKey, body) {
	return {
		authorization: `KakaoAK ${adminKey}`,
		'x-kakao-resource-id': crypto.randomBytes(18).toString('base64url'), // 24 chars, like Kakao's
		'user-agent': 'KakaoOpenAPI/1.0',
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(body)),
	};
}

/**
 * One POST. Latency runs from the dispatch to the last byte of the answer. Resolves with
 * { end, latency } (end in performance.now() ms) and never rejects: failures are counted.
 */
export async function post({ dispatcher, path, body, adminKey, timeoutMs, stats, slice }) {
	const headers = kakaoHeaders(adminKey, body);
	stats.sent++;
	stats.inflight++;
	stats.maxInflight = Math.max(stats.maxInflight, stats.inflight);
	const t0 = performance.now();
	try {
		const res = await dispatcher.request({
			path,
			method: 'POST',
			headers,
			body,
			headersTimeout: timeoutMs,
			bodyTimeout: timeoutMs,
		});
		const text = await res.body.text();
		const end = performance.now();
		const latency = end - t0;
		const ok = res.statusCode >= 200 && res.statusCode < 300;
		stats.latencies.push(ok ? latency : Infinity);
		slice?.push(ok ? latency : Infinity);
		if (ok) {
			stats.ok++;
			if (text.includes('"ignored"')) stats.ignored++;
		} else bump(stats, `HTTP ${res.statusCode}`, text);
		return { end, latency };
	} catch (e) {
		const code = e?.code ?? e?.name ?? 'error';
		bump(stats, /TIMEOUT/.test(code) ? 'timeout' : code, e?.message);
		stats.latencies.push(Infinity);
		slice?.push(Infinity);
		return { end: performance.now(), latency: null };
	} finally {
		stats.inflight--;
	}
}

/** `size` POSTs dispatched in the same tick; wall time is the first dispatch to the last answer. */
export async function burst({ dispatcher, path, size, adminKey, body, timeoutMs, stats }) {
	const slice = [];
	const t0 = performance.now();
	const results = await Promise.all(
		Array.from({ length: size }, () =>
			post({ dispatcher, path, body, adminKey, timeoutMs, stats, slice }),
		),
	);
	const wall = Math.max(...results.map((r) => r.end)) - t0;
	stats.wallMs += wall;
	stats.sliceLatencies.push(slice);
	return { wallMs: wall };
}

export const FLOOR_PACKAGE = 'n8n-nodes-bench-floor';
export const FLOOR_NODE_TYPE = `${FLOOR_PACKAGE}.floorTrigger`;

const NODE_SOURCE = `'use strict';
class FloorTrigger {
  constructor() {
    this.description = {
      displayName: 'Floor Trigger',
      name: 'floorTrigger',
      group: ['trigger'],
      version: [1, 2],
      defaultVersion: 2,
      description: 'Starts the workflow with the request body and does nothing else',
      defaults: { name: 'Floor Trigger' },
      inputs: [],
      outputs: ['main'],
      webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', responseData: 'noData', path: 'webhook' }],
      properties: [],
    };
  }
  async webhook() {
    return { workflowData: [[{ json: this.getBodyData() }]] };
  }
}
module.exports = { FloorTrigger };
`;

/** Writes the package into `dir`/floor and packs it there; returns the tarball's path. */
export function buildFloorPackage(dir) {
	const root = path.join(dir, 'floor');
	fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
	fs.writeFileSync(path.join(root, 'dist', 'FloorTrigger.node.js'), NODE_SOURCE);
	const pkg = {
		name: FLOOR_PACKAGE,
		version: '1.0.0',
		description: 'Benchmark floor: a community trigger that does nothing',
		license: 'MIT',
		keywords: ['n8n-community-node-package'],
		main: 'index.js',
		files: ['dist'],
		n8n: { n8nNodesApiVersion: 1, credentials: [], nodes: ['dist/FloorTrigger.node.js'] },
	};
	fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
	const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	return path.join(dir, name);
}

/** One workflow per target, each a single start node on <uuid>/webhook, POST, answered on receipt. */
export function workflows({ triggerVersion = 2 } = {}) {
	const K = triggerWorkflow({
		id: 'kakaoBenchTrig01',
		name: 'Bench Kakao Channel Trigger',
		typeVersion: triggerVersion,
	});
	const W = webhookWorkflow({ id: 'kakaoBenchHook01', name: 'Bench n8n Webhook' });
	const E = triggerWorkflow({
		id: 'kakaoBenchFloor1',
		name: 'Bench empty community trigger',
		type: FLOOR_NODE_TYPE,
		typeVersion: triggerVersion,
		credential: null,
	});
	const targets = { K, W, E };
	return {
		list: Object.fromEntries(Object.entries(targets).map(([t, d]) => [t, d.workflow])),
		paths: Object.fromEntries(Object.entries(targets).map(([t, d]) => [t, `/webhook/${d.path}`])),
	};
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

// Clock ticks per second for /proc/<pid>/stat. 100 on every mainstream Linux build (USER_HZ).
const TICKS_PER_SECOND = 100;

function read(file) {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch {
		return null;
	}
}

/** VmRSS and VmHWM (peak RSS) of a process, in MiB, or null. */
export function memoryMiB(pid) {
	const status = pid ? read(`/proc/${pid}/status`) : null;
	if (!status) return null;
	const kib = (field) =>
		Number(status.match(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm'))?.[1] ?? NaN);
	return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

// Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses).
function statFields(text) {
	const close = text.lastIndexOf(')');
	return { comm: text.slice(text.indexOf('(') + 1, close), rest: text.slice(close + 2).split(' ') };
}

/** User+system CPU time of one process, in ms, or null. */
export function cpuMs(pid) {
	const text = pid ? read(`/proc/${pid}/stat`) : null;
	if (!text) return null;
	const { rest } = statFields(text);
	// rest[0] is field 3 (state): utime is field 14, stime field 15.
	return ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS_PER_SECOND;
}

/** CPU ms (user+system) of every process now, keyed by pid, with its group and name. */
export function cpuSnapshot() {
	const out = new Map();
	let pids = [];
	try {
		pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
	} catch {
		return out;
	}
	for (const pid of pids) {
		const text = read(`/proc/${pid}/stat`);
		if (!text) continue;
		const { comm, rest } = statFields(text);
		const cmdline = (read(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
		out.set(Number(pid), {
			comm,
			cmdline,
			pgid: Number(rest[2]),
			ms: ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS_PER_SECOND,
		});
	}
	return out;
}

/**
 * CPU used between two snapshots by processes that are neither ours (this process, or n8n's
 * process group) nor kernel threads, largest first: the concurrent load on the machine.
 */
export function otherLoad(before, after, { ownPids = [], ownGroups = [] } = {}) {
	const rows = [];
	for (const [pid, now] of after) {
		if (ownPids.includes(pid) || ownGroups.includes(now.pgid) || !now.cmdline) continue;
		const was = before.get(pid);
		const ms = now.ms - (was && was.comm === now.comm ? was.ms : 0);
		if (ms > 0) rows.push({ pid, ms, cmdline: now.cmdline.slice(0, 100) });
	}
	rows.sort((a, b) => b.ms - a.ms);
	return { totalMs: rows.reduce((s, r) => s + r.ms, 0), top: rows.slice(0, 5) };
}

/** Other `n8n start` processes on the machine (another engineer's n8n, say). */
export function otherN8nProcesses(ownGroups = []) {
	const rows = [];
	for (const [pid, p] of cpuSnapshot()) {
		if (ownGroups.includes(p.pgid) || pid === process.pid) continue;
		if (/\bn8n\b.*\bstart\b/.test(p.cmdline) || /n8n\/bin\/n8n/.test(p.cmdline))
			rows.push({ pid, cmdline: p.cmdline.slice(0, 120) });
	}
	return rows;
}

export function loadAverage() {
	return read('/proc/loadavg')?.split(' ').slice(0, 3).join(' ') ?? null;
}
