// Numbers for the webhook benchmark: percentiles, per-target summaries, ratios, formatting.

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN when empty. */
export function percentile(sorted, p) {
	if (!sorted.length) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const sorted = (a) => [...a].sort((x, y) => x - y);
export const fmt = (v, digits = 0) =>
	v === Infinity ? '∞' : Number.isFinite(v) ? v.toFixed(digits) : '—';
/** a / b when both are finite and b > 0, else NaN (a ratio of two failed percentiles means nothing). */
export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : NaN);
export const errorCount = (s) => Object.values(s.errors).reduce((a, b) => a + b, 0);

/** Kakao's limit: an answer later than this (or none) counts as a failed delivery. */
export const KAKAO_LIMIT_MS = 3000;

/** The same target's alternate slices (or rounds, or requests) against each other: A/A noise. */
export function splitHalf(slices) {
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
