// Command line of npm run bench:webhook (see webhook.mjs for what it measures).
import fs from 'node:fs';
import { parseArgs } from 'node:util';

export const USAGE = `npm run bench:webhook -- [options]
  --targets K,W,E        K our trigger, W n8n's Webhook node, E a do-nothing community trigger
  --sequential 100       requests per target, one at a time (0: skip)
  --burst-rounds 8       rounds per target of --burst-size simultaneous posts (0: skip)
  --burst-size 50        --burst-pause-ms 1000 (pause after each round, once n8n is idle)
  --steady-seconds 0     per target, open loop at --rate 50/s in --slice-seconds 5 slices
  --isolates 20          sequential requests per target counted on n8n's /metrics (0: skip)
  --warmup 10            per target, not counted
  --env KEY=VALUE        n8n setting, repeatable (N8N_EXPRESSION_ENGINE=legacy, ...)
  --runtime-dir DIR      a runtime root laid out like .n8n-runtime (a patched copy); default: pinned
  --label TEXT           name of this configuration in the table
  --trigger-version 2    typeVersion of K and E in the workflows
  --timeout-ms 30000     --max-inflight 256   --max-rss-mib 8192   --json out.json   --keep
N8N_FLAVOR=1 runs n8n 1.123.81. npm run build must have run (the package is packed from dist/).`;

const { values: opts } = parseArgs({
	options: {
		targets: { type: 'string', default: 'K,W,E' },
		sequential: { type: 'string', default: '100' },
		'burst-rounds': { type: 'string', default: '8' },
		'burst-size': { type: 'string', default: '50' },
		'burst-pause-ms': { type: 'string', default: '1000' },
		'steady-seconds': { type: 'string', default: '0' },
		rate: { type: 'string', default: '50' },
		'slice-seconds': { type: 'string', default: '5' },
		isolates: { type: 'string', default: '20' },
		warmup: { type: 'string', default: '10' },
		env: { type: 'string', multiple: true, default: [] },
		'runtime-dir': { type: 'string' },
		label: { type: 'string' },
		'trigger-version': { type: 'string', default: '2' },
		'max-inflight': { type: 'string', default: '256' },
		'timeout-ms': { type: 'string', default: '30000' },
		'max-rss-mib': { type: 'string', default: '8192' },
		json: { type: 'string' },
		keep: { type: 'boolean', default: false },
		help: { type: 'boolean', short: 'h', default: false },
	},
});

if (opts.help) {
	process.stdout.write(`${USAGE}\n`);
	process.exit(0);
}

function num(name, { min = 0, int = false } = {}) {
	const v = Number(opts[name]);
	if (!Number.isFinite(v) || v < min || (int && !Number.isInteger(v))) {
		throw new Error(
			`--${name} must be a number >= ${min}${int ? ' (integer)' : ''}, got ${opts[name]}`,
		);
	}
	return v;
}

const targets = opts.targets
	.split(',')
	.map((t) => t.trim().toUpperCase())
	.filter(Boolean);
if (
	!targets.length ||
	targets.some((t) => !['K', 'W', 'E'].includes(t)) ||
	new Set(targets).size !== targets.length
) {
	throw new Error(`--targets takes distinct letters among K, W, E, got ${opts.targets}`);
}
if (opts['runtime-dir'] && !fs.existsSync(opts['runtime-dir']))
	throw new Error(`--runtime-dir ${opts['runtime-dir']} does not exist`);

const env = Object.fromEntries(
	opts.env.map((kv) => {
		const i = kv.indexOf('=');
		if (i < 1) throw new Error(`--env wants KEY=VALUE, got ${kv}`);
		return [kv.slice(0, i), kv.slice(i + 1)];
	}),
);

export const cfg = {
	flavor: process.env.N8N_FLAVOR || '2',
	targets,
	sequential: num('sequential', { int: true }),
	burstRounds: num('burst-rounds', { int: true }),
	burstSize: num('burst-size', { min: 1, int: true }),
	burstPauseMs: num('burst-pause-ms'),
	steadySeconds: num('steady-seconds'),
	rate: num('rate', { min: 0.1 }),
	sliceSeconds: num('slice-seconds', { min: 0.1 }),
	isolates: num('isolates', { int: true }),
	warmup: num('warmup', { int: true }),
	env,
	runtimeDir: opts['runtime-dir'],
	label: opts.label,
	triggerVersion: num('trigger-version', { min: 1, int: true }),
	maxInflight: num('max-inflight', { min: 1, int: true }),
	timeoutMs: num('timeout-ms', { min: 1 }),
	maxRssMiB: num('max-rss-mib', { min: 1 }),
	json: opts.json,
	keep: opts.keep,
};
