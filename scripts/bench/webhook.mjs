// npm run bench:webhook: the Kakao Channel Trigger (K) against n8n's own Webhook node (W) on one
// running n8n, with the same Kakao payload and headers: one request at a time, bursts of
// simultaneous posts, then a steady open-loop rate (last, as it may overload n8n). The targets
// alternate (K W W K ...: requests, rounds, 5 s slices) so drift and leftover executions favour
// neither. Prints a markdown table with PASS/MISS against the targets of the issue:
//   K/W latency and throughput within 5%, steady p99 < 300 ms, executions = accepted requests.
//
//   node scripts/bench/webhook.mjs [--steady-seconds 60] [--rate 50] [--burst-rounds 5]
//     [--burst-size 50] [--sequential 100] [--slice-seconds 5] [--warmup 10] [--max-inflight 256]
//     [--timeout-ms 10000] [--burst-pause-ms 2000] [--max-rss-mib 8192] [--env KEY=VALUE ...]
//     [--json out.json] [--keep]
// N8N_FLAVOR=1 runs it on n8n 1.x; --env passes settings to n8n (e.g. N8N_EXPRESSION_ENGINE=legacy).
// `npm run build` must have run (dist/ is what n8n loads).
import { execFileSync } from 'node:child_process';
import crypto, { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

import { startN8n } from '../n8n/n8n-server.mjs';
import { abba, burst, errorCount, newStats, percentile, post, steady } from './webhook-load.mjs';
import { cpuMs, cpuSnapshot, loadAverage, memoryMiB, otherLoad, otherN8nProcesses } from './webhook-proc.mjs';

const PKG = 'n8n-nodes-kakao-channel';
const TARGETS = { p99Ms: 300, ratio: 0.05 };
const log = (msg) => process.stderr.write(`[bench:webhook] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const { values: opts } = parseArgs({
  options: {
    'steady-seconds': { type: 'string', default: '60' }, // per target
    rate: { type: 'string', default: '50' }, // requests/s while a target's slice runs
    'slice-seconds': { type: 'string', default: '5' },
    'burst-rounds': { type: 'string', default: '5' }, // per target
    'burst-size': { type: 'string', default: '50' },
    'burst-pause-ms': { type: 'string', default: '2000' },
    sequential: { type: 'string', default: '100' }, // per target, one request at a time
    env: { type: 'string', multiple: true, default: [] },
    warmup: { type: 'string', default: '10' }, // per target, not counted
    'max-inflight': { type: 'string', default: '256' },
    'timeout-ms': { type: 'string', default: '10000' },
    'max-rss-mib': { type: 'string', default: '8192' }, // stop the steady load above this n8n RSS
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  process.stdout.write(fs.readFileSync(new URL(import.meta.url), 'utf8').split('\n').slice(0, 13).join('\n') + '\n');
  process.exit(0);
}
const num = (name, { min = 0, int = false } = {}) => {
  const v = Number(opts[name]);
  if (!Number.isFinite(v) || v < min || (int && !Number.isInteger(v))) throw new Error(`--${name} must be a number >= ${min}${int ? ' (integer)' : ''}, got ${opts[name]}`);
  return v;
};
const cfg = {
  flavor: process.env.N8N_FLAVOR || '2',
  steadySeconds: num('steady-seconds'),
  rate: num('rate', { min: 0.1 }),
  sliceSeconds: num('slice-seconds', { min: 0.1 }),
  burstRounds: num('burst-rounds', { int: true }),
  burstSize: num('burst-size', { min: 1, int: true }),
  burstPauseMs: num('burst-pause-ms'),
  sequential: num('sequential', { int: true }),
  env: Object.fromEntries(
    opts.env.map((kv) => {
      const i = kv.indexOf('=');
      if (i < 1) throw new Error(`--env wants KEY=VALUE, got ${kv}`);
      return [kv.slice(0, i), kv.slice(i + 1)];
    }),
  ),
  warmup: num('warmup', { int: true }),
  maxInflight: num('max-inflight', { min: 1, int: true }),
  timeoutMs: num('timeout-ms', { min: 1 }),
  maxRssMiB: num('max-rss-mib', { min: 1 }),
};

// The sample request of Kakao's webhook docs (docs/kakao-api.md#webhook-body).
const BODY = JSON.stringify({
  event: 'added',
  id: '1111',
  id_type: 'app_user_id',
  channel_public_id: '_FLX',
  channel_uuid: '@ad',
  updated_at: '2020-01-01T00:00:00Z',
});

function workflows() {
  const credential = { id: 'kakaoBenchCred01', name: 'Kakao bench', type: 'kakaoChannelApi' };
  const settings = { executionOrder: 'v1', saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' };
  const kHook = randomUUID();
  const wHook = randomUUID();
  const K = {
    id: 'kakaoBenchTrig01',
    name: 'Bench Kakao Channel Trigger',
    active: false,
    settings,
    connections: {},
    nodes: [
      {
        id: randomUUID(),
        name: 'Kakao Channel Trigger',
        type: `${PKG}.kakaoChannelTrigger`,
        typeVersion: 1,
        position: [0, 0],
        webhookId: kHook,
        parameters: { events: ['added', 'blocked'] },
        credentials: { kakaoChannelApi: { id: credential.id, name: credential.name } },
      },
    ],
  };
  // Same shape of path as the trigger's (<uuid>/webhook), POST, answered as soon as received.
  const W = {
    id: 'kakaoBenchHook01',
    name: 'Bench n8n Webhook',
    active: false,
    settings,
    connections: {},
    nodes: [
      {
        id: randomUUID(),
        name: 'Webhook',
        type: 'n8n-nodes-base.webhook',
        typeVersion: 2,
        position: [0, 0],
        webhookId: wHook,
        parameters: { httpMethod: 'POST', path: `${wHook}/webhook`, responseMode: 'onReceived', options: {} },
      },
    ],
  };
  return { K, W, credential, paths: { K: `/webhook/${kHook}/webhook`, W: `/webhook/${wHook}/webhook` } };
}

// ---- executions, counted through the public API (250 per page, no data) ----

// Under load n8n's SQLite ping times out and every route answers 503 "Database is not ready!"
// for a while; such answers (and refused connections) are retried, counted, and reported.
const apiTrouble = { retries: 0, samples: new Set() };
async function api(n8n, p, timeoutMs = 180000) {
  const t0 = Date.now();
  for (;;) {
    try {
      return await n8n.apiGet(p);
    } catch (e) {
      if (n8n.process.exitCode !== null || Date.now() - t0 > timeoutMs) throw e;
      apiTrouble.retries++;
      apiTrouble.samples.add(String(e.message).match(/HTTP \d+ .{0,60}/)?.[0] ?? String(e.message).slice(0, 80));
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
  const page = await api(n8n, '/executions?status=running&limit=250');
  return page.data.length;
}

/**
 * Waits until nothing runs and the counts stand still (1.5 s once each workflow has `expected`
 * executions, `quietMs` before that); gives up after `timeoutMs` and says so.
 */
async function settle(n8n, expected, { timeoutMs = 300000, quietMs = 5000 } = {}) {
  const t0 = Date.now();
  let last = null;
  let lastChange = Date.now();
  for (;;) {
    const running = await runningCount(n8n);
    const counts = {};
    for (const [key, id] of Object.entries(n8n.bench.ids)) counts[key] = await countExecutions(n8n, id);
    const sig = JSON.stringify(Object.values(counts).map((c) => c.total));
    if (sig !== last) {
      last = sig;
      lastChange = Date.now();
    }
    // Answered requests whose executions are still being saved, or requests n8n still works on
    // after the client gave up: wait for the counts to stand still, longer when short of 2xx.
    const reached = Object.entries(expected).every(([k, n]) => counts[k].total >= n);
    if (running === 0 && Date.now() - lastChange >= (reached ? 1500 : quietMs)) return { counts, settled: true, ms: Date.now() - t0 };
    if (Date.now() - t0 > timeoutMs) return { counts, settled: false, ms: Date.now() - t0 };
    await sleep(500);
  }
}

async function untilIdle(n8n, timeoutMs = 60000) {
  const t0 = Date.now();
  while ((await runningCount(n8n)) > 0 && Date.now() - t0 < timeoutMs) await sleep(200);
}

// ---- formatting ----

const fmt = (v, digits = 0) => (v === Infinity ? '∞' : Number.isFinite(v) ? v.toFixed(digits) : '—');
const sorted = (a) => [...a].sort((x, y) => x - y);

function summarize(stats) {
  const lat = sorted(stats.latencies);
  return {
    requests: stats.sent,
    ok: stats.ok,
    ignored: stats.ignored,
    errors: errorCount(stats),
    errorKinds: stats.errors,
    samples: stats.samples,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
    max: lat.length ? lat[lat.length - 1] : NaN,
    okIn3s: lat.filter((l) => l <= 3000).length, // what Kakao counts as delivered
    throughput: stats.wallMs > 0 ? stats.ok / (stats.wallMs / 1000) : NaN,
    maxInflight: stats.maxInflight,
    cpuMsPerReq: stats.sent ? stats.cpuMs / stats.sent : NaN,
    wallSeconds: stats.wallMs / 1000,
    // A/A noise: the same target's alternate slices (or rounds) against each other.
    split: splitHalf(stats.sliceLatencies),
  };
}

function splitHalf(slices) {
  if (slices.length < 2) return null;
  const even = sorted(slices.filter((_, i) => i % 2 === 0).flat());
  const odd = sorted(slices.filter((_, i) => i % 2 === 1).flat());
  return { p50: percentile(even, 50) / percentile(odd, 50), p99: percentile(even, 99) / percentile(odd, 99) };
}

const mark = (ok) => (ok ? 'PASS' : 'MISS');

function table(results) {
  const head = ['phase', 'target', 'requests', '2xx', '2xx ≤3 s', 'errors', 'p50 ms', 'p99 ms', 'max ms', 'req/s', 'max in-flight', 'executions', 'n8n CPU ms/req', 'checks'];
  const rows = [head, head.map(() => '---')];
  for (const r of results) {
    for (const t of ['K', 'W']) {
      const s = r[t];
      const checks = [];
      if (r.phase === 'steady') checks.push(`p99<${TARGETS.p99Ms} ${mark(s.p99 < TARGETS.p99Ms)}`);
      checks.push(`exec=2xx ${mark(s.executions === s.ok)}`);
      const name = t === 'K' ? 'K Kakao trigger' : 'W n8n Webhook';
      rows.push([r.label, name, s.requests, s.ok, s.okIn3s, s.errors, fmt(s.p50, 1), fmt(s.p99, 1), fmt(s.max, 1), fmt(s.throughput, 1), s.maxInflight, `${s.executions}${r.settled ? '' : ' (still moving)'}`, fmt(s.cpuMsPerReq, 2), checks.join(', ')]);
    }
    // A ratio of two failed percentiles (∞) means nothing: shown as — and checked as n/a.
    const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
    const p50 = ratio(r.K.p50, r.W.p50);
    const p99 = ratio(r.K.p99, r.W.p99);
    const thr = ratio(r.K.throughput, r.W.throughput);
    const cpu = ratio(r.K.cpuMsPerReq, r.W.cpuMsPerReq);
    const lim = TARGETS.ratio;
    const check = (v, ok) => (Number.isFinite(v) ? mark(ok) : 'n/a');
    rows.push([
      r.label,
      '**K/W**',
      '',
      '',
      '',
      '',
      `**${fmt(p50, 3)}**`,
      `**${fmt(p99, 3)}**`,
      '',
      `**${fmt(thr, 3)}**`,
      '',
      '',
      fmt(cpu, 3),
      `p50 ${check(p50, p50 <= 1 + lim)}, p99 ${check(p99, p99 <= 1 + lim)}, req/s ${check(thr, thr >= 1 - lim)}`,
    ]);
  }
  return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

// ---- main ----

async function main() {
  const { K, W, credential, paths } = workflows();
  const adminKey = crypto.randomBytes(16).toString('hex'); // the format of a Kakao admin key
  const context = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model?.trim(),
    memGiB: os.totalmem() / 2 ** 30,
    clientNode: process.version,
    undici: JSON.parse(fs.readFileSync(new URL('../../node_modules/undici/package.json', import.meta.url), 'utf8')).version,
    loadBefore: loadAverage(),
    config: cfg,
  };
  log(`config ${JSON.stringify(cfg)}; load average ${context.loadBefore}`);
  const othersAtStart = otherN8nProcesses();
  if (othersAtStart.length) log(`other n8n processes on this machine: ${othersAtStart.map((p) => p.pid).join(', ')}`);

  let n8n;
  let dispatcher;
  let rssTimer;
  try {
    n8n = await startN8n({
      flavor: cfg.flavor,
      workflows: [K, W],
      credentials: [{ ...credential, data: { adminKey, restApiKey: crypto.randomBytes(16).toString('hex'), baseUrl: 'https://kapi.kakao.com' } }],
      // Pruning (10,000 executions or 14 days by default) must not delete what is being counted.
      env: { EXECUTIONS_DATA_PRUNE: 'false', ...cfg.env },
      keepUserFolder: opts.keep,
    });
    n8n.bench = { ids: { K: K.id, W: W.id } };
    const pid = n8n.process.pid;
    const settings = await n8n.restGet('/rest/settings').catch(() => null);
    context.n8n = settings?.data?.versionCli ?? '?';
    context.flavor = n8n.flavor;
    try {
      context.n8nNode = execFileSync(n8n.process.spawnfile, ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      context.n8nNode = '?';
    }
    context.startup = n8n.timings;
    context.rssAfterStart = memoryMiB(pid)?.rss;
    log(`n8n ${context.n8n} (${n8n.flavor}.x, pid ${pid}) at ${n8n.baseUrl}; K ${paths.K}, W ${paths.W}`);

    dispatcher = new Pool(n8n.baseUrl, { connections: Math.max(cfg.maxInflight, cfg.burstSize), pipelining: 1 });
    const base = { dispatcher, body: BODY, adminKey, timeoutMs: cfg.timeoutMs };

    // Warm-up, alternating, one at a time; every answer must be a 2xx or the run means nothing.
    const warm = { K: newStats(), W: newStats() };
    for (let i = 0; i < cfg.warmup; i++) {
      for (const t of ['K', 'W']) await post({ ...base, path: paths[t], stats: warm[t] });
    }
    for (const t of ['K', 'W']) {
      if (warm[t].ok !== cfg.warmup || warm[t].ignored) {
        throw new Error(`warm-up of ${t} failed: ${warm[t].ok}/${cfg.warmup} 2xx, ${warm[t].ignored} ignored, errors ${JSON.stringify(warm[t].errors)}`);
      }
    }
    let base0 = await settle(n8n, { K: cfg.warmup, W: cfg.warmup });
    log(`warm-up done (${cfg.warmup} each); executions ${base0.counts.K.total}/${base0.counts.W.total}`);
    context.rssAfterWarmup = memoryMiB(pid)?.rss;

    const cpuBefore = cpuSnapshot();
    const tRun = Date.now();
    let rssMax = 0;
    let rssNow = 0;
    rssTimer = setInterval(() => {
      rssNow = memoryMiB(pid)?.rss ?? 0;
      rssMax = Math.max(rssMax, rssNow);
    }, 1000);
    rssTimer.unref();
    const results = [];

    const countPhase = async (label, stats, before) => {
      const expected = { K: before.counts.K.total + stats.K.ok, W: before.counts.W.total + stats.W.ok };
      const after = await settle(n8n, expected);
      if (!after.settled) log(`${label}: executions did not settle within the timeout`);
      const out = { label, phase: label.split(' ')[0], settleMs: after.ms, settled: after.settled };
      for (const t of ['K', 'W']) {
        out[t] = summarize(stats[t]);
        out[t].executions = after.counts[t].total - before.counts[t].total;
        out[t].executionStatus = Object.fromEntries(
          Object.entries(after.counts[t].byStatus).map(([k, v]) => [k, v - (before.counts[t].byStatus[k] ?? 0)]),
        );
      }
      log(`${label}: executions K ${out.K.executions}/${out.K.ok} 2xx, W ${out.W.executions}/${out.W.ok} 2xx (settled in ${(after.ms / 1000).toFixed(1)} s)`);
      return { out, after };
    };

    // Sequential: one request at a time, K W W K ..., the cost of one request without queueing.
    if (cfg.sequential > 0) {
      const order = abba(cfg.sequential * 2);
      const stats = { K: newStats(), W: newStats() };
      log(`sequential: ${cfg.sequential} per target, one at a time (KWWK...)`);
      for (const t of order) {
        const c0 = cpuMs(pid);
        const { latency } = await post({ ...base, path: paths[t], stats: stats[t] });
        stats[t].cpuMs += cpuMs(pid) - c0;
        stats[t].wallMs += latency ?? 0;
      }
      for (const t of ['K', 'W']) stats[t].sliceLatencies = [stats[t].latencies.filter((_, i) => i % 2 === 0), stats[t].latencies.filter((_, i) => i % 2 === 1)];
      const { out, after } = await countPhase('sequential', stats, base0);
      results.push(out);
      base0 = after;
    }

    // Bursts: `burstSize` posts in one tick, rounds K W W K ..., drained and paused in between.
    // They run before the steady phase, which can overload n8n and leave it slow for a while.
    if (cfg.burstRounds > 0) {
      const order = abba(cfg.burstRounds * 2);
      const stats = { K: newStats(), W: newStats() };
      log(`burst: ${cfg.burstRounds} rounds of ${cfg.burstSize} per target (${order.join('')})`);
      for (const [i, t] of order.entries()) {
        const c0 = cpuMs(pid);
        const r = await burst({ ...base, path: paths[t], size: cfg.burstSize, stats: stats[t] });
        await untilIdle(n8n);
        stats[t].cpuMs += cpuMs(pid) - c0;
        const last = stats[t].sliceLatencies.at(-1);
        log(`  round ${i + 1} ${t}: wall ${r.wallMs.toFixed(0)} ms, p50 ${fmt(percentile(sorted(last), 50))} ms, max ${fmt(Math.max(...last))} ms`);
        await sleep(cfg.burstPauseMs);
      }
      const { out, after } = await countPhase(`burst ${cfg.burstSize}`, stats, base0);
      out.phase = 'burst';
      results.push(out);
      base0 = after;
    }

    // Steady: open loop at `rate` per slice, slices K W W K ..., `steadySeconds` per target.
    if (cfg.steadySeconds > 0) {
      const sliceSeconds = Math.min(cfg.sliceSeconds, cfg.steadySeconds);
      const perTarget = Math.ceil(cfg.steadySeconds / sliceSeconds - 1e-9);
      const order = abba(perTarget * 2);
      // When the duration is no multiple of the slice, the last slice of each target is shorter:
      // those are the last two slices, one per target in ABBA order.
      const lastSeconds = cfg.steadySeconds - (perTarget - 1) * sliceSeconds;
      const seconds = order.map((_, i) => (i >= order.length - 2 ? lastSeconds : sliceSeconds));
      const stats = { K: newStats(), W: newStats() };
      let cpuMark = cpuMs(pid);
      let cpuTarget = null;
      log(`steady: ${cfg.rate}/s, ${perTarget} slices of ${sliceSeconds} s per target (${order.join('')}), ${(cfg.steadySeconds * 2).toFixed(0)} s in all`);
      const run = await steady({
        ...base,
        targets: paths,
        order,
        rate: cfg.rate,
        sliceSeconds: seconds,
        maxInflight: cfg.maxInflight,
        statsFor: (t) => stats[t],
        // An overloaded n8n 2.x grows by GiBs (isolates pile up); spare the other users of the machine.
        shouldStop: () => {
          if (rssNow <= cfg.maxRssMiB) return null;
          if (!context.rssAbort) log(`steady: n8n RSS ${rssNow.toFixed(0)} MiB > --max-rss-mib ${cfg.maxRssMiB}: the rest is not sent`);
          context.rssAbort = rssNow;
          return `not sent: n8n RSS over ${cfg.maxRssMiB} MiB`;
        },
        onSlice: (index, target) => {
          const now = cpuMs(pid);
          if (cpuTarget) stats[cpuTarget].cpuMs += now - cpuMark;
          cpuMark = now;
          cpuTarget = target;
        },
      });
      context.steadyLag = { p99: run.lagP99, max: run.lagMax };
      const { out, after } = await countPhase(`steady ${cfg.rate}/s`, stats, base0);
      out.phase = 'steady';
      results.push(out);
      base0 = after;
    }

    clearInterval(rssTimer);
    const mem = memoryMiB(pid);
    context.rssEnd = mem?.rss;
    context.rssPeak = mem?.peak;
    context.rssMaxSampled = rssMax;
    context.apiTrouble = { retries: apiTrouble.retries, samples: [...apiTrouble.samples] };
    context.loadAfter = loadAverage();
    context.runSeconds = (Date.now() - tRun) / 1000;
    context.otherLoad = otherLoad(cpuBefore, cpuSnapshot(), { ownPids: [process.pid], ownGroups: [pid] });
    context.otherN8n = [...new Set([...othersAtStart, ...otherN8nProcesses([pid])].map((p) => `${p.pid}`))];

    print(context, results);
    if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ context, results }, null, 2) + '\n');
  } finally {
    clearInterval(rssTimer);
    await dispatcher?.destroy().catch(() => {}); // close() would wait for answers that may never come
    await n8n?.stop();
    if (opts.keep && n8n) log(`kept ${n8n.userFolder}`);
  }
}

function print(context, results) {
  const c = context;
  const lines = [];
  lines.push(`## Webhook benchmark: Kakao Channel Trigger (K) vs n8n Webhook node (W)`);
  lines.push('');
  lines.push(`- machine: ${c.cores} cores (${c.cpu}), ${fmt(c.memGiB, 1)} GiB; load average ${c.loadBefore} before, ${c.loadAfter} after`);
  lines.push(`- n8n ${c.n8n} (${c.flavor}.x) on Node ${c.n8nNode}; client Node ${c.clientNode}, undici ${c.undici}, SQLite; n8n env: ${JSON.stringify({ EXECUTIONS_DATA_PRUNE: 'false', ...c.config.env })}`);
  lines.push(
    `- n8n main RSS: ${fmt(c.rssAfterStart)} MiB after start, ${fmt(c.rssAfterWarmup)} MiB after warm-up, ${fmt(c.rssEnd)} MiB at the end, peak ${fmt(c.rssPeak)} MiB (VmHWM)`,
  );
  const cfg = c.config;
  lines.push(
    `- sequential: ${cfg.sequential} per target, one at a time; steady: open loop ${cfg.rate} req/s, ${cfg.steadySeconds} s per target in ${Math.min(cfg.sliceSeconds, cfg.steadySeconds)} s slices K W W K ...; burst: ${cfg.burstRounds} rounds of ${cfg.burstSize} simultaneous posts per target, K W W K ..., drained + ${cfg.burstPauseMs} ms between rounds; warm-up ${cfg.warmup} per target`,
  );
  if (c.rssAbort) lines.push(`- **steady load stopped early**: n8n RSS reached ${fmt(c.rssAbort)} MiB (> --max-rss-mib ${cfg.maxRssMiB}); the requests left were not sent and count as errors`);
  if (c.steadyLag) lines.push(`- client scheduling lag (steady): p99 ${fmt(c.steadyLag.p99, 1)} ms, max ${fmt(c.steadyLag.max, 1)} ms`);
  const other = c.otherLoad;
  const share = other ? (other.totalMs / 1000 / c.runSeconds) * 100 : NaN;
  lines.push(
    `- other processes during the ${fmt(c.runSeconds)} s run: ${fmt(other?.totalMs / 1000, 1)} CPU-s (${fmt(share)}% of one core)${other?.top.length ? `, top: ${other.top.slice(0, 3).map((r) => `${r.cmdline.split(' ').slice(0, 3).join(' ')} ${fmt(r.ms / 1000, 1)} s`).join('; ')}` : ''}`,
  );
  if (c.apiTrouble.retries) lines.push(`- n8n's API refused ${c.apiTrouble.retries} polls while executions drained (retried): ${c.apiTrouble.samples.join(' | ')}`);
  if (c.otherN8n.length) lines.push(`- other n8n processes seen: pids ${c.otherN8n.join(', ')}`);
  lines.push('');
  lines.push(table(results));
  lines.push('');
  lines.push(
    `Targets: K/W p50 and p99 <= ${1 + TARGETS.ratio}, K/W req/s >= ${1 - TARGETS.ratio} (one-sided: K faster is no miss); steady p99 < ${TARGETS.p99Ms} ms; executions = 2xx. Latency: dispatch to last byte, over all requests sent, a request without a 2xx answer counting as ∞; req/s: 2xx / wall time of that target's slices or rounds; n8n CPU: main process user+system per request sent, attributed by slice/round.`,
  );
  for (const r of results) {
    for (const t of ['K', 'W']) {
      const s = r[t];
      const notes = [];
      if (s.errors) notes.push(`errors ${JSON.stringify(s.errorKinds)}`);
      for (const [kind, body] of Object.entries(s.samples)) notes.push(`${kind} e.g. ${JSON.stringify(body)}`);
      if (s.ignored) notes.push(`${s.ignored} 2xx answered "ignored"`);
      if (s.ok > s.okIn3s) notes.push(`${s.ok - s.okIn3s} 2xx came after Kakao's 3 s limit`);
      const st = Object.entries(s.executionStatus).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(', ');
      notes.push(`execution status: ${st || 'none'}`);
      if (s.split) notes.push(`A/A split (alternate ${{ steady: 'slices', burst: 'rounds', sequential: 'requests' }[r.phase]} of ${t}): p50 ${fmt(s.split.p50, 3)}, p99 ${fmt(s.split.p99, 3)}`);
      lines.push(`- ${r.label} ${t}: ${notes.join('; ')}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  // A handle left open by a failure must not keep the run alive after n8n was stopped.
  .finally(() => setTimeout(() => process.exit(), 2000).unref());
