// npm run bench:webhook:all: webhook.mjs once per configuration of the README table, one after
// the other on this machine, then one summary with the targets of issue 13 checked.
//   node scripts/bench/webhook-matrix.mjs [--configs defaults,lazy,legacy,n8n1,patched] [-- webhook.mjs options]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { fmt } from './webhook-stats.mjs';
import { ratios } from './webhook-table.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, '../..');

export const CONFIGS = {
	defaults: { label: '2.41.1 defaults', args: [] },
	lazy: {
		label: '2.41.1 LAZY_ACQUIRE=true',
		args: ['--env', 'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true'],
	},
	legacy: { label: '2.41.1 legacy engine', args: ['--env', 'N8N_EXPRESSION_ENGINE=legacy'] },
	n8n1: { label: '1.123.81 (legacy engine)', args: [], flavor: '1' },
	patched: {
		label: '2.41.1 patched',
		args: ['--runtime-dir', path.join(REPO, '.n8n-runtime-patched')],
		prepare: 'patched-runtime.mjs',
	},
	patchedLazy: {
		label: '2.41.1 patched + LAZY_ACQUIRE',
		args: [
			'--runtime-dir',
			path.join(REPO, '.n8n-runtime-patched'),
			'--env',
			'N8N_EXPRESSION_ENGINE_LAZY_ACQUIRE=true',
		],
		prepare: 'patched-runtime.mjs',
	},
};

// Issue 13: K/E <= 1.05 on defaults; K/W <= 1.05 at p50 and max with lazy acquire; nothing over
// 3 s with the legacy engine; executions = accepted everywhere.
const LIMIT = 1.05;
function checks(key, run) {
	const out = [];
	const [seq, bur] = [
		run.results.find((r) => r.label === 'sequential'),
		run.results.find((r) => r.label.startsWith('burst')),
	];
	const within = (name, other, fields) => {
		for (const [phase, r] of [
			['seq', seq],
			['burst', bur],
		]) {
			const q = r && ratios(r, other);
			if (!q) continue;
			for (const f of fields.filter((f) => phase === 'burst' || f === 'p50'))
				out.push(`${name} ${phase} ${f} ${fmt(q[f], 2)} ${q[f] <= LIMIT ? 'PASS' : 'MISS'}`);
		}
	};
	if (key === 'defaults') within('K/E', 'E', ['p50', 'max']);
	if (key === 'lazy') within('K/W', 'W', ['p50', 'max']);
	if (key === 'legacy' && bur)
		for (const t of run.context.config.targets)
			out.push(`${t} over 3 s: ${bur[t].over3s} ${bur[t].over3s === 0 ? 'PASS' : 'MISS'}`);
	const mismatched = run.results.flatMap((r) =>
		run.context.config.targets
			.filter((t) => r[t].executions !== r[t].ok)
			.map((t) => `${r.label} ${t}`),
	);
	out.push(
		`executions = accepted ${mismatched.length ? `MISS (${mismatched.join(', ')})` : 'PASS'}`,
	);
	return out;
}

function summary(runs) {
	const head = [
		'configuration',
		'target',
		'seq p50',
		'seq p99',
		'burst p50',
		'burst p99',
		'burst max',
		'over 3 s',
		'isolates/req',
		'executions / 2xx',
	];
	const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
	for (const { key, run } of runs) {
		const label = CONFIGS[key].label;
		if (!run) {
			lines.push(`| ${label} | failed | | | | | | | | |`);
			continue;
		}
		const seq = run.results.find((r) => r.label === 'sequential');
		const bur = run.results.find((r) => r.label.startsWith('burst'));
		const T = run.context.config.targets;
		for (const t of T) {
			const exec = run.results.reduce((a, r) => a + r[t].executions, 0);
			const ok = run.results.reduce((a, r) => a + r[t].ok, 0);
			const over = run.results.reduce((a, r) => a + r[t].over3s, 0);
			lines.push(
				`| ${label} | ${t} | ${fmt(seq?.[t].p50)} | ${fmt(seq?.[t].p99)} | ${fmt(bur?.[t].p50)} | ${fmt(bur?.[t].p99)} | ${fmt(bur?.[t].max)} | ${over} | ${fmt(seq?.isolates?.[t], 1)} | ${exec} / ${ok} |`,
			);
		}
		for (const o of T.filter((t) => t !== 'K')) {
			const [qs, qb] = [seq && ratios(seq, o), bur && ratios(bur, o)];
			lines.push(
				`| ${label} | **K/${o}** | **${fmt(qs?.p50, 2)}** | ${fmt(qs?.p99, 2)} | **${fmt(qb?.p50, 2)}** | ${fmt(qb?.p99, 2)} | **${fmt(qb?.max, 2)}** | | | |`,
			);
		}
	}
	return lines.join('\n');
}

function main() {
	const argv = process.argv.slice(2);
	const i = argv.indexOf('--configs');
	const keys =
		i >= 0 ? argv.splice(i, 2)[1].split(',') : ['defaults', 'lazy', 'legacy', 'n8n1', 'patched'];
	const bad = keys.filter((k) => !CONFIGS[k]);
	if (bad.length)
		throw new Error(
			`unknown configuration ${bad.join(', ')}; known: ${Object.keys(CONFIGS).join(', ')}`,
		);
	const passThrough = argv.filter((a) => a !== '--');
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-matrix-'));
	const runs = [];
	const loadBefore = fs.readFileSync('/proc/loadavg', 'utf8').trim();
	for (const key of keys) {
		const c = CONFIGS[key];
		if (c.prepare) spawnSync(process.execPath, [path.join(here, c.prepare)], { stdio: 'inherit' });
		const json = path.join(work, `${key}.json`);
		const env = { ...process.env, N8N_FLAVOR: c.flavor ?? '2' };
		const r = spawnSync(
			process.execPath,
			[
				path.join(here, 'webhook.mjs'),
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
		summary(runs),
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

main();
