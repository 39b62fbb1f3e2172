// Markdown output of one webhook-benchmark run: per phase and target, then K/W and K/E ratios.
import { fmt, ratio } from './webhook-stats.mjs';
import { TARGET_NAMES } from './webhook-n8n.mjs';

const row = (cells) => `| ${cells.join(' | ')} |`;

/** The ratios K/other for p50, p99 and max of one phase. */
export function ratios(result, other) {
	const k = result.K;
	const o = result[other];
	if (!k || !o) return null;
	return { p50: ratio(k.p50, o.p50), p99: ratio(k.p99, o.p99), max: ratio(k.max, o.max) };
}

export function table(results, targets) {
	const head = [
		'phase',
		'target',
		'requests',
		'2xx',
		'over 3 s',
		'p50 ms',
		'p99 ms',
		'max ms',
		'executions',
		'isolates/req',
		'n8n CPU ms/req',
	];
	const rows = [row(head), row(head.map(() => '---'))];
	for (const r of results) {
		for (const t of targets) {
			const s = r[t];
			const exec = `${s.executions}${s.executions === s.ok ? '' : ` ≠ ${s.ok}`}${r.settled ? '' : ' (still moving)'}`;
			rows.push(
				row([
					r.label,
					TARGET_NAMES[t],
					s.requests,
					s.ok,
					s.over3s,
					fmt(s.p50, 1),
					fmt(s.p99, 1),
					fmt(s.max, 1),
					exec,
					fmt(r.isolates?.[t], 2),
					fmt(s.cpuMsPerReq, 1),
				]),
			);
		}
		for (const other of targets.filter((t) => t !== 'K')) {
			const q = targets.includes('K') ? ratios(r, other) : null;
			if (q)
				rows.push(
					row([
						r.label,
						`**K/${other}**`,
						'',
						'',
						'',
						`**${fmt(q.p50, 2)}**`,
						`**${fmt(q.p99, 2)}**`,
						`**${fmt(q.max, 2)}**`,
						'',
						'',
						'',
					]),
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
