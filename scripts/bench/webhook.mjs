// npm run bench:webhook: the Kakao Channel Trigger (K) against n8n's own Webhook node (W) and a
// do-nothing community trigger (E, the floor for any community node) in one running n8n, each
// package installed from its npm pack tarball. Same Kakao payload and headers for all three, in
// alternating order (every permutation in turn): sequential posts, bursts of simultaneous posts,
// optionally a steady open-loop rate; isolates per request from n8n's /metrics; executions
// against accepted requests. Prints a markdown table with K/W and K/E; --help for the options.
// webhook-matrix.mjs runs it once per configuration of the README table.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';

import { startN8n } from '../n8n/n8n-server.mjs';
import { REPO_ROOT } from '../n8n/runtime.mjs';
import { cfg } from './webhook-args.mjs';
import { buildFloorPackage } from './floor-package.mjs';
import { burst, newStats, post, steady } from './webhook-load.mjs';
import {
	apiTrouble,
	isolatesAcquired,
	METRICS_ENV,
	settle,
	untilIdle,
	workflows,
} from './webhook-n8n.mjs';
import {
	cpuMs,
	cpuSnapshot,
	loadAverage,
	memoryMiB,
	otherLoad,
	otherN8nProcesses,
} from './webhook-proc.mjs';
import { fmt, percentile, rotation, sorted, summarize } from './webhook-stats.mjs';
import { report } from './webhook-table.mjs';

const log = (msg) =>
	process.stderr.write(`[bench:webhook${cfg.label ? ` ${cfg.label}` : ''}] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const T = cfg.targets;
const statsFor = () => Object.fromEntries(T.map((t) => [t, newStats()]));

// The sample request of Kakao's webhook docs (docs/kakao-api.md).
const BODY = JSON.stringify({
	event: 'added',
	id: '1111',
	id_type: 'app_user_id',
	channel_public_id: '_FLX',
	channel_uuid: '@ad',
	updated_at: '2020-01-01T00:00:00Z',
});

function packPackages(work) {
	const ours = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: REPO_ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	return { ours: path.join(work, ours), floor: buildFloorPackage(work) };
}

async function main() {
	const { list, credential, paths } = workflows({ triggerVersion: cfg.triggerVersion });
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
				{
					...credential,
					data: {
						adminKey,
						restApiKey: crypto.randomBytes(16).toString('hex'),
						baseUrl: 'https://kapi.kakao.com',
					},
				},
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

		dispatcher = new Pool(n8n.baseUrl, {
			connections: Math.max(cfg.maxInflight, cfg.burstSize),
			pipelining: 1,
		});
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

		if (cfg.steadySeconds > 0) {
			const sliceSeconds = Math.min(cfg.sliceSeconds, cfg.steadySeconds);
			const order = rotation(Math.ceil(cfg.steadySeconds / sliceSeconds - 1e-9), T);
			const stats = statsFor();
			let cpuMark = cpuMs(pid);
			let cpuTarget = null;
			await steady({
				...base,
				targets: paths,
				order,
				rate: cfg.rate,
				sliceSeconds: order.map(() => sliceSeconds),
				maxInflight: cfg.maxInflight,
				statsFor: (t) => stats[t],
				shouldStop: () =>
					(memoryMiB(pid)?.rss ?? 0) > cfg.maxRssMiB
						? `not sent: n8n RSS over ${cfg.maxRssMiB} MiB`
						: null,
				onSlice: (_i, target) => {
					const now = cpuMs(pid);
					if (cpuTarget) stats[cpuTarget].cpuMs += now - cpuMark;
					cpuMark = now;
					cpuTarget = target;
				},
			});
			await countPhase(`steady ${cfg.rate}/s`, stats);
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

main()
	.catch((e) => {
		console.error(e);
		process.exitCode = 1;
	})
	// A handle left open by a failure must not keep the run alive after n8n was stopped.
	.finally(() => setTimeout(() => process.exit(), 2000).unref());
