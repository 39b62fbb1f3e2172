// Numbers and tables of the webhook benchmark: percentiles, per-target summaries, K/W and K/E
// ratios, one run's markdown report, and the summary of every configuration (--all).
export const TARGET_NAMES = {
	K: 'K Kakao trigger',
	W: 'W n8n Webhook',
	E: 'E empty community trigger',
};

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN when empty. */
export function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const sorted = (a) => [...a].sort((x, y) => x - y);
export const fmt = (v, digits = 0) =>
	v === Infinity ? '∞' : Number.isFinite(v) ? v.toFixed(digits) : '—';
/** a / b when both are finite and b > 0, else NaN (a ratio of two failed percentiles means nothing). */
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
const errorCount = (s) => Object.values(s.errors).reduce((a, b) => a + b, 0);

/** Kakao's limit: an answer later than this (or none) counts as a failed delivery. */
const KAKAO_LIMIT_MS = 3000;

/** The same target's alternate slices (or rounds, or requests) against each other: A/A noise. */
function splitHalf(slices) {
	if (slices.length < 2) return null;
	const even = sorted(slices.filter((_, i) => i % 2 === 0).flat());
	const odd = sorted(slices.filter((_, i) => i % 2 === 1).flat());
	return {
		p50: percentile(even, 50) / percentile(odd, 50),
		p99: percentile(even, 99) / percentile(odd, 99),
	};
}

/** One target's counters (webhook-load.mjs newStats) as the figures the tables print. */
export function summarize(stats) {
	const lat = sorted(stats.latencies);
	const in3s = lat.filter((l) => l <= KAKAO_LIMIT_MS).length;
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
		okIn3s: in3s,
		over3s: lat.length - in3s, // late, failed or unanswered: what Kakao counts as not delivered
		throughput: stats.wallMs > 0 ? stats.ok / (stats.wallMs / 1000) : NaN,
		maxInflight: stats.maxInflight,
		cpuMsPerReq: stats.sent ? stats.cpuMs / stats.sent : NaN,
		wallSeconds: stats.wallMs / 1000,
		split: splitHalf(stats.sliceLatencies),
	};
}

/**
 * Target order for `count` rounds: cycles through every permutation of `targets`, so each target
 * is first, middle and last equally often (for two targets: K W W K ...), which cancels drift.
 */
export function rotation(count, targets = ['K', 'W']) {
	const perms = permutations(targets);
	// Cyclic shifts first, then their reverses: a prefix of whole shifts is already position-balanced.
	const shifts = targets.map((_, i) => [...targets.slice(i), ...targets.slice(0, i)]);
	const order = [...shifts, ...shifts.map((p) => [...p].reverse()), ...perms].filter(
		(p, i, all) => all.findIndex((q) => q.join() === p.join()) === i,
	);
	const out = [];
	for (let i = 0; out.length < count * targets.length; i++) out.push(...order[i % order.length]);
	return out;
}

function permutations(list) {
	if (list.length <= 1) return [list];
	return list.flatMap((x, i) =>
		permutations([...list.slice(0, i), ...list.slice(i + 1)]).map((p) => [x, ...p]),
	);
}

/** The ratios K/other for p50, p99 and max of one phase. */
export function ratios(result, other) {
	const k = result.K;
	const o = result[other];
	if (!k || !o) return null;
	return { p50: ratio(k.p50, o.p50), p99: ratio(k.p99, o.p99), max: ratio(k.max, o.max) };
}

/** Markdown header for `|`-separated column names. */
const header = (names) =>
	`| ${names.split('|').join(' | ')} |\n|${names
		.split('|')
		.map(() => '---')
		.join('|')}|`;

export function table(results, targets) {
	const rows = [
		header(
			'phase|target|requests|2xx|over 3 s|p50 ms|p99 ms|max ms|executions|isolates/req|n8n CPU ms/req',
		),
	];
	for (const r of results) {
		for (const t of targets) {
			const s = r[t];
			const exec = `${s.executions}${s.executions === s.ok ? '' : ` ≠ ${s.ok}`}${r.settled ? '' : ' (still moving)'}`;
			rows.push(
				`| ${r.label} | ${TARGET_NAMES[t]} | ${s.requests} | ${s.ok} | ${s.over3s} | ${fmt(s.p50, 1)} | ${fmt(s.p99, 1)} | ${fmt(s.max, 1)} | ${exec} | ${fmt(r.isolates?.[t], 2)} | ${fmt(s.cpuMsPerReq, 1)} |`,
			);
		}
		for (const other of targets.filter((t) => t !== 'K')) {
			const q = targets.includes('K') ? ratios(r, other) : null;
			if (q)
				rows.push(
					`| ${r.label} | **K/${other}** | | | | **${fmt(q.p50, 2)}** | **${fmt(q.p99, 2)}** | **${fmt(q.max, 2)}** | | | |`,
				);
		}
	}
	return rows.join('\n');
}

export function report(context, results) {
	const c = context;
	const cfg = c.config;
	const lines = [`## Webhook benchmark${cfg.label ? `: ${cfg.label}` : ''}`, ''];
	lines.push(
		`- machine: ${c.cores} cores (${c.cpu}), ${fmt(c.memGiB, 1)} GiB; load average ${c.loadBefore} before, ${c.loadAfter} after`,
	);
	lines.push(
		`- n8n ${c.n8n} (${c.flavor}.x${c.runtimeDir ? `, runtime ${c.runtimeDir}` : ''}) on Node ${c.n8nNode}; client Node ${c.clientNode}, undici ${c.undici}, SQLite; n8n env: ${JSON.stringify(c.n8nEnv)}`,
	);
	lines.push(
		`- packages installed from their npm pack tarballs; K and E at typeVersion ${cfg.triggerVersion}, W at 2`,
	);
	lines.push(
		`- sequential: ${cfg.sequential} per target; bursts: ${cfg.burstRounds} rounds of ${cfg.burstSize} simultaneous posts per target, drained + ${cfg.burstPauseMs} ms apart; order ${cfg.targets.join(' ')} rotated through every permutation; isolates: ${cfg.isolates} sequential requests per target on n8n's counter; warm-up ${cfg.warmup} per target`,
	);
	lines.push(
		`- n8n main RSS: ${fmt(c.rssAfterStart)} MiB after start, ${fmt(c.rssEnd)} MiB at the end, peak ${fmt(c.rssPeak)} MiB`,
	);
	const other = c.otherLoad;
	lines.push(
		`- other processes during the ${fmt(c.runSeconds)} s run: ${fmt(other?.totalMs / 1000, 1)} CPU-s (${fmt(other?.totalMs / 10 / c.runSeconds)}% of one core)`,
	);
	if (c.apiTrouble?.retries)
		lines.push(
			`- n8n's API refused ${c.apiTrouble.retries} polls while executions drained (retried): ${c.apiTrouble.samples.join(' | ')}`,
		);
	if (c.otherN8n?.length) lines.push(`- other n8n processes seen: pids ${c.otherN8n.join(', ')}`);
	lines.push('', table(results, cfg.targets), '');
	lines.push(
		'Latency: dispatch to last byte; a request without a 2xx counts as ∞. "over 3 s": answers later than Kakao\'s 3 s limit, or none. isolates/req: growth of n8n_expression_pool_acquired_total per request in a separate sequential run (— where n8n has no isolate pool). n8n CPU: main process, by slice.',
	);
	for (const r of results) {
		for (const t of cfg.targets) {
			const s = r[t];
			const notes = [];
			if (s.errors) notes.push(`errors ${JSON.stringify(s.errorKinds)}`);
			for (const [kind, body] of Object.entries(s.samples))
				notes.push(`${kind} e.g. ${JSON.stringify(body)}`);
			if (s.ignored) notes.push(`${s.ignored} 2xx answered "ignored"`);
			const st = Object.entries(s.executionStatus ?? {})
				.filter(([, v]) => v)
				.map(([k, v]) => `${k} ${v}`)
				.join(', ');
			if (st && st !== `success ${s.executions}`) notes.push(`execution status: ${st}`);
			if (s.split) notes.push(`A/A split p50 ${fmt(s.split.p50, 2)}, p99 ${fmt(s.split.p99, 2)}`);
			if (notes.length) lines.push(`- ${r.label} ${t}: ${notes.join('; ')}`);
		}
	}
	return lines.join('\n') + '\n';
}

// Issue 13: K/E <= 1.05 on defaults; K/W <= 1.05 at p50 and max with lazy acquire; nothing over
// 3 s with the legacy engine; executions = accepted everywhere.
const LIMIT = 1.05;
export function checks(key, run) {
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

/** One table of every configuration's run ({ key, label, run }; run null when it failed). */
export function summary(runs) {
	const lines = [
		header(
			'configuration|target|seq p50|seq p99|burst p50|burst p99|burst max|over 3 s|isolates/req|executions / 2xx',
		),
	];
	for (const { label, run } of runs) {
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
