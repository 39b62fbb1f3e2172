// The load the webhook benchmarks send, and what they read from the answers: Kakao's signed
// deliveries (undici is the client), one at a time or in simultaneous bursts, every answer
// counted; latency runs from the dispatch to the last byte. A request without a 2XX answer (an
// error status, a timeout, a dropped connection) counts as Infinity, so it sits above every
// percentile it can affect instead of vanishing.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';

/** Kakao's limit: an answer later than this (or none) is a failed delivery. */
const KAKAO_LIMIT_MS = 3000;

/** Counters of one target in one phase. */
export const newStats = () => ({ ok: 0, ignored: 0, latencies: [], errors: {}, wallMs: 0 });

/** Headers Kakao sends, with a fresh X-Kakao-Resource-ID (24 characters, like Kakao's). */
export const kakaoHeaders = (adminKey, body) => ({
	authorization: `KakaoAK ${adminKey}`,
	'x-kakao-resource-id': crypto.randomBytes(18).toString('base64url'),
	'user-agent': 'KakaoOpenAPI/1.0',
	'content-type': 'application/json',
	'content-length': String(Buffer.byteLength(body)),
});

/** One delivery through `dispatcher` (an undici Pool); resolves when it ends, never rejects. */
export async function post({ dispatcher, path, body, adminKey, timeoutMs = 30000, stats }) {
	const t0 = performance.now();
	let kind;
	try {
		const headers = kakaoHeaders(adminKey, body);
		const options = {
			path,
			method: 'POST',
			headers,
			body,
			headersTimeout: timeoutMs,
			bodyTimeout: timeoutMs,
		};
		const res = await dispatcher.request(options);
		const text = await res.body.text();
		if (res.statusCode >= 200 && res.statusCode < 300) {
			stats.ok++;
			if (text.includes('"ignored"')) stats.ignored++; // the trigger answered but starts no run
			stats.latencies.push(performance.now() - t0);
			return performance.now();
		}
		kind = `HTTP ${res.statusCode} ${text.slice(0, 80)}`;
	} catch (e) {
		kind = /TIMEOUT/.test(e?.code) ? 'timeout' : (e?.code ?? e?.name ?? 'error');
	}
	stats.errors[kind] = (stats.errors[kind] ?? 0) + 1;
	stats.latencies.push(Infinity);
	return performance.now();
}

/** `size` deliveries dispatched in the same tick; the wall time runs to the last answer. */
export async function burst({ size, stats, ...request }) {
	const t0 = performance.now();
	const ends = await Promise.all(Array.from({ length: size }, () => post({ ...request, stats })));
	stats.wallMs += Math.max(...ends) - t0;
}

/** Nearest-rank percentile of an ascending array (p in 0..100); NaN when empty. */
export function percentile(sorted, p) {
	return sorted.length
		? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
		: NaN;
}

/** The figures the tables print for one target's counters. */
export function summarize(stats) {
	const lat = [...stats.latencies].sort((a, b) => a - b);
	return {
		...{ requests: lat.length, ok: stats.ok, ignored: stats.ignored, errors: stats.errors },
		p50: percentile(lat, 50),
		p99: percentile(lat, 99),
		max: lat.at(-1) ?? NaN,
		// late, failed or unanswered: what Kakao counts as not delivered
		over3s: lat.filter((l) => l > KAKAO_LIMIT_MS).length,
	};
}

/** A number for a table: ∞ for a failed request, — where there is none. */
export const fmt = (v, digits = 0) =>
	v === Infinity ? '∞' : Number.isFinite(v) ? v.toFixed(digits) : '—';

/** A markdown table: `|`-separated column names, then rows of cells. */
export const markdownTable = (columns, rows) =>
	[columns.split('|'), columns.split('|').map(() => '---'), ...rows]
		.map((cells) => `| ${cells.join(' | ')} |`)
		.join('\n');
