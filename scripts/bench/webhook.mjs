// npm run bench:webhook: the Kakao Channel Trigger (K) against n8n's own Webhook node (W) and a
// do-nothing community trigger (E, the floor for any community node) in one running n8n, each
// package installed from its npm pack tarball. Same Kakao payload and headers for all three, in
// alternating order (every permutation in turn): sequential posts, bursts of simultaneous posts,
// optionally a steady open-loop rate; isolates per request from n8n's /metrics; executions
// against accepted requests. Prints a markdown table with K/W and K/E; --help for the options.
// --all (npm run bench:webhook:all) runs it once per configuration of the README table.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';

import { packPackage, startN8n } from '../n8n/n8n-server.mjs';
import { REPO_ROOT } from '../n8n/runtime.mjs';
import { apiCredential } from '../sandbox/workflows.mjs';
import {
	apiTrouble,
	buildFloorPackage,
	burst,
	cpuMs,
	cpuSnapshot,
	isolatesAcquired,
	loadAverage,
	memoryMiB,
	METRICS_ENV,
	newStats,
	otherLoad,
	otherN8nProcesses,
	post,
	SAMPLE_EVENT,
	settle,
	untilIdle,
	workflows,
} from './webhook-measure.mjs';
import {
	checks,
	fmt,
	percentile,
	report,
	rotation,
	sorted,
	summarize,
	summary,
} from './webhook-report.mjs';

const USAGE = `npm run bench:webhook -- [options]
  --all                  every configuration of the README table in turn (npm run bench:webhook:all),
                         then one summary with the targets checked; --configs defaults,lazy,... picks some
  --targets K,W,E        K our trigger, W n8n's Webhook node, E a do-nothing community trigger
  --sequential 100       requests per target, one at a time (0: skip)
  --burst-rounds 8       rounds per target of --burst-size simultaneous posts (0: skip)
  --burst-size 50        --burst-pause-ms 1000 (pause after each round, once n8n is idle)
  --isolates 20          sequential requests per target counted on n8n's /metrics (0: skip)
  --warmup 10            per target, not counted
  --env KEY=VALUE        n8n setting, repeatable (N8N_EXPRESSION_ENGINE=legacy, ...)
  --runtime-dir DIR      a runtime root laid out like .n8n-runtime (a patched copy); default: pinned
  --label TEXT           name of this configuration in the table
  --trigger-version 2    typeVersion of K and E in the workflows
  --timeout-ms 30000     --json out.json   --keep (the n8n user folder)
N8N_FLAVOR=1 runs n8n 1.123.81. npm run build must have run (the package is packed from dist/).`;

// Numeric options: [name, default, minimum, whole number].
const NUMBERS = [
	['sequential', 100, 0, true],
	['burst-rounds', 8, 0, true],
	['burst-size', 50, 1, true],
	['burst-pause-ms', 1000, 0, false],
	['isolates', 20, 0, true],
	['warmup', 10, 0, true],
	['trigger-version', 2, 1, true],
	['timeout-ms', 30000, 1, false],
];
const { values: opts, tokens } = parseArgs({
	tokens: true,
	options: {
		...Object.fromEntries(
			NUMBERS.map(([name, d]) => [name, { type: 'string', default: String(d) }]),
		),
		targets: { type: 'string', default: 'K,W,E' },
		env: { type: 'string', multiple: true, default: [] },
		'runtime-dir': { type: 'string' },
		label: { type: 'string' },
		json: { type: 'string' },
		keep: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false },
		all: { type: 'boolean', default: false },
		configs: { type: 'string', default: 'defaults,lazy,legacy,n8n1,patched' },
	},
});
if (opts.help) {
	process.stdout.write(`${USAGE}\n`);
	process.exit(0);
}

const cfg = { flavor: process.env.N8N_FLAVOR || '2', runtimeDir: opts['runtime-dir'] };
for (const [name, , min, whole] of NUMBERS) {
	const v = Number(opts[name]);
	if (!Number.isFinite(v) || v < min || (whole && !Number.isInteger(v)))
		throw new Error(
			`--${name} must be a ${whole ? 'whole ' : ''}number >= ${min}, got ${opts[name]}`,
		);
	cfg[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = v;
}
cfg.targets = opts.targets.split(',').map((t) => t.trim().toUpperCase());
if (
	cfg.targets.some((t) => !'KWE'.includes(t) || !t) ||
	new Set(cfg.targets).size !== cfg.targets.length
)
	throw new Error(`--targets takes distinct letters among K, W, E, got ${opts.targets}`);
if (cfg.runtimeDir && !fs.existsSync(cfg.runtimeDir))
	throw new Error(`--runtime-dir ${cfg.runtimeDir} does not exist`);
cfg.env = Object.fromEntries(
	opts.env.map((kv) => {
		if (kv.indexOf('=') < 1) throw new Error(`--env wants KEY=VALUE, got ${kv}`);
		return [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)];
	}),
);
Object.assign(cfg, { label: opts.label, json: opts.json, keep: opts.keep });

const CONFIGS = {
	defaults: { label: '2.41.1 defaults', args: [] },
	lazy: {
		label: '2.41.1 LAZY_ACQUIRE=true',
		args: ['--env', 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true'],
	},
	legacy: { label: '2.41.1 legacy engine', args: ['--env', 'N8N_EXPRESSION_ENGINE=legacy'] },
	n8n1: { label: '1.123.81 (legacy engine)', args: [], flavor: '1' },
	patched: {
		label: '2.41.1 patched',
		args: ['--runtime-dir', path.join(REPO_ROOT, '.n8n-runtime-patched')],
		prepare: 'patched-runtime.mjs',
	},
	patchedLazy: {
		label: '2.41.1 patched + LAZY_ACQUIRE',
		args: [
			'--runtime-dir',
			path.join(REPO_ROOT, '.n8n-runtime-patched'),
			'--env',
			'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
		],
		prepare: 'patched-runtime.mjs',
	},
};

const log = (msg) =>
	process.stderr.write(`[bench:webhook${cfg.label ? ` ${cfg.label}` : ''}] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const T = cfg.targets;
const statsFor = () => Object.fromEntries(T.map((t) => [t, newStats()]));

const BODY = JSON.stringify(SAMPLE_EVENT);

function packPackages(work) {
	return { ours: packPackage(work), floor: buildFloorPackage(work) };
}

async function main() {
	const { list, paths } = workflows({ triggerVersion: cfg.triggerVersion });
	const adminKey = crypto.randomBytes(16).toString('hex'); // the format of a Kakao admin key
	const n8nEnv = { EXECUTIONS_DATA_PRUNE: 'false', ...METRICS_ENV, ...cfg.env };
	const context = {
		cores: os.cpus().length,
		cpu: os.cpus()[0]?.model?.trim(),
		memGiB: os.totalmem() / 2 ** 30,
		clientNode: process.version,
		undici: JSON.parse(
			fs.readFileSync(path.join(REPO_ROOT, 'node_modules/undici/package.json'), 'utf8'),
		).version,
		loadBefore: loadAverage(),
		config: cfg,
		n8nEnv,
	};
	log(`targets ${T.join(',')}; env ${JSON.stringify(cfg.env)}; load average ${context.loadBefore}`);
	const othersAtStart = otherN8nProcesses();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-webhook-'));
	let n8n;
	let dispatcher;
	try {
		const tarballs = packPackages(work);
		n8n = await startN8n({
			flavor: cfg.flavor,
			runtimeDir: cfg.runtimeDir,
			workflows: T.map((t) => list[t]),
			credentials: [
				apiCredential({
					adminKey,
					restApiKey: crypto.randomBytes(16).toString('hex'),
					baseUrl: 'https://kapi.kakao.com',
				}),
			],
			packageTarball: tarballs.ours,
			extraPackages: T.includes('E') ? [tarballs.floor] : [],
			env: n8nEnv, // no pruning: it must not delete what is being counted
			keepUserFolder: cfg.keep,
		});
		const ids = Object.fromEntries(T.map((t) => [t, list[t].id]));
		const pid = n8n.process.pid;
		context.n8n = (await n8n.restGet('/rest/settings').catch(() => null))?.data?.versionCli ?? '?';
		context.flavor = n8n.flavor;
		context.runtimeDir = cfg.runtimeDir ? n8n.runtimeDir : undefined;
		context.n8nNode = execFileSync(n8n.process.spawnfile, ['--version'], {
			encoding: 'utf8',
		}).trim();
		context.rssAfterStart = memoryMiB(pid)?.rss;
		log(`n8n ${context.n8n} (pid ${pid}) at ${n8n.baseUrl}`);

		dispatcher = new Pool(n8n.baseUrl, { connections: cfg.burstSize, pipelining: 1 });
		const base = { dispatcher, body: BODY, adminKey, timeoutMs: cfg.timeoutMs };

		// Warm-up, one at a time; every answer must be a 2xx or the run means nothing.
		const warm = statsFor();
		for (const t of rotation(cfg.warmup, T))
			await post({ ...base, path: paths[t], stats: warm[t] });
		for (const t of T) {
			if (warm[t].ok !== cfg.warmup || warm[t].ignored)
				throw new Error(
					`warm-up of ${t} failed: ${warm[t].ok}/${cfg.warmup} 2xx, errors ${JSON.stringify(warm[t].errors)} ${JSON.stringify(warm[t].samples)}`,
				);
		}
		let before = await settle(n8n, ids, Object.fromEntries(T.map((t) => [t, cfg.warmup])));

		// Isolates per request: each target alone, one request at a time, executions drained.
		const isolates = {};
		if (cfg.isolates > 0) {
			const s = statsFor();
			for (const t of T) {
				const i0 = await isolatesAcquired(n8n.baseUrl);
				for (let i = 0; i < cfg.isolates; i++) await post({ ...base, path: paths[t], stats: s[t] });
				await untilIdle(n8n);
				await sleep(300);
				const i1 = await isolatesAcquired(n8n.baseUrl);
				isolates[t] = i0 === null || i1 === null ? NaN : (i1 - i0) / cfg.isolates;
			}
			before = await settle(
				n8n,
				ids,
				Object.fromEntries(T.map((t) => [t, before.counts[t].total + s[t].ok])),
			);
			log(`isolates per request: ${T.map((t) => `${t} ${fmt(isolates[t], 2)}`).join(', ')}`);
		}

		const cpuBefore = cpuSnapshot();
		const tRun = Date.now();
		const results = [];
		const countPhase = async (label, stats) => {
			const expected = Object.fromEntries(T.map((t) => [t, before.counts[t].total + stats[t].ok]));
			const after = await settle(n8n, ids, expected);
			const out = { label, settled: after.settled, isolates };
			for (const t of T) {
				out[t] = summarize(stats[t]);
				out[t].executions = after.counts[t].total - before.counts[t].total;
				out[t].executionStatus = Object.fromEntries(
					Object.entries(after.counts[t].byStatus).map(([k, v]) => [
						k,
						v - (before.counts[t].byStatus[k] ?? 0),
					]),
				);
			}
			log(
				`${label}: executions ${T.map((t) => `${t} ${out[t].executions}/${out[t].ok}`).join(', ')} (settled in ${(after.ms / 1000).toFixed(1)} s)`,
			);
			before = after;
			results.push(out);
		};

		if (cfg.sequential > 0) {
			const stats = statsFor();
			for (const t of rotation(cfg.sequential, T)) {
				const c0 = cpuMs(pid);
				const { latency } = await post({ ...base, path: paths[t], stats: stats[t] });
				stats[t].cpuMs += cpuMs(pid) - c0;
				stats[t].wallMs += latency ?? 0;
			}
			for (const t of T)
				stats[t].sliceLatencies = [0, 1].map((half) =>
					stats[t].latencies.filter((_, i) => i % 2 === half),
				);
			await countPhase('sequential', stats);
		}

		if (cfg.burstRounds > 0) {
			const stats = statsFor();
			for (const [i, t] of rotation(cfg.burstRounds, T).entries()) {
				const c0 = cpuMs(pid);
				const r = await burst({ ...base, path: paths[t], size: cfg.burstSize, stats: stats[t] });
				await untilIdle(n8n);
				stats[t].cpuMs += cpuMs(pid) - c0;
				const last = sorted(stats[t].sliceLatencies.at(-1));
				log(
					`  burst ${i + 1} ${t}: wall ${r.wallMs.toFixed(0)} ms, p50 ${fmt(percentile(last, 50))} ms, max ${fmt(last.at(-1))} ms`,
				);
				await sleep(cfg.burstPauseMs);
			}
			await countPhase(`burst ${cfg.burstSize}`, stats);
		}

		const mem = memoryMiB(pid);
		Object.assign(context, {
			rssEnd: mem?.rss,
			rssPeak: mem?.peak,
			loadAfter: loadAverage(),
			runSeconds: (Date.now() - tRun) / 1000,
		});
		context.apiTrouble = { retries: apiTrouble.retries, samples: [...apiTrouble.samples] };
		context.otherLoad = otherLoad(cpuBefore, cpuSnapshot(), {
			ownPids: [process.pid],
			ownGroups: [pid],
		});
		context.otherN8n = [
			...new Set([...othersAtStart, ...otherN8nProcesses([pid])].map((p) => `${p.pid}`)),
		];
		process.stdout.write(report(context, results));
		if (cfg.json) fs.writeFileSync(cfg.json, JSON.stringify({ context, results }, null, 2) + '\n');
	} finally {
		await dispatcher?.destroy().catch(() => {}); // close() would wait for answers that may never come
		await n8n?.stop();
		if (cfg.keep && n8n) log(`kept ${n8n.userFolder}`);
		fs.rmSync(work, { recursive: true, force: true });
	}
}

(opts.all ? all : main)()
	.catch((e) => {
		console.error(e);
		process.exitCode = 1;
	})
	// A handle left open by a failure must not keep the run alive after n8n was stopped.
	.finally(() => setTimeout(() => process.exit(), 2000).unref());

/** --all: this file once per configuration, one after the other, then one summary. */
async function all() {
	const keys = opts.configs.split(',');
	const bad = keys.filter((k) => !CONFIGS[k]);
	if (bad.length)
		throw new Error(
			`unknown configuration ${bad.join(', ')}; known: ${Object.keys(CONFIGS).join(', ')}`,
		);
	// Every option given except --all and --configs goes to each run.
	const passThrough = tokens
		.filter((t) => t.kind === 'option' && !['all', 'configs'].includes(t.name))
		.map((t) => t.rawName + (t.value === undefined ? '' : `=${t.value}`));
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-matrix-'));
	const runs = [];
	const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').trim();
	for (const key of keys) {
		const c = CONFIGS[key];
		if (c.prepare)
			spawnSync(
				process.execPath,
				[path.join(path.dirname(fileURLToPath(import.meta.url)), c.prepare)],
				{ stdio: 'inherit' },
			);
		const json = path.join(work, `${key}.json`);
		const env = { ...process.env, N8N_FLAVOR: c.flavor ?? '2' };
		const r = spawnSync(
			process.execPath,
			[
				fileURLToPath(import.meta.url),
				'--label',
				c.label,
				'--json',
				json,
				...c.args,
				...passThrough,
			],
			{ stdio: ['ignore', 'inherit', 'inherit'], env },
		);
		runs.push({
			key,
			run: r.status === 0 && fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, 'utf8')) : null,
		});
	}
	const out = [
		'## Webhook benchmark, all configurations',
		'',
		`load average before ${loadBefore}, after ${fs.readFileSync('/proc/loadavg', 'utf8').trim()}`,
		'',
		summary(runs.map((r) => ({ ...r, label: CONFIGS[r.key].label }))),
		'',
	];
	for (const { key, run } of runs)
		if (run)
			out.push(
				`- ${CONFIGS[key].label} (load average ${run.context.loadBefore} before, ${run.context.loadAfter} after): ${checks(key, run).join('; ')}`,
			);
	process.stdout.write(out.join('\n') + '\n');
	fs.writeFileSync(path.join(work, 'summary.md'), out.join('\n') + '\n');
	process.stderr.write(`[bench:webhook:all] JSON and summary in ${work}\n`);
	if (runs.some((r) => !r.run)) process.exitCode = 1;
}
