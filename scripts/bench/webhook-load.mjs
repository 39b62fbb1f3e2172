// Load generation for the webhook benchmark: one POST, an open-loop steady schedule over
// alternating slices, and bursts of simultaneous posts. undici is the client.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';

import { percentile } from './webhook-stats.mjs';

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

/**
 * Open-loop steady load: `rate` requests/s in slices (target `order[i]`, `sliceSeconds[i]` long),
 * back to back on one timeline. A request is sent at its due time whether or not earlier
 * ones were answered; when `maxInflight` requests are open the due request is dropped and counted.
 * `onSlice(index, target)` runs as each slice begins and once more (index = order.length) at the end.
 * Once `shouldStop()` returns a reason, the rest of the plan is not sent and counted under it.
 */
export async function steady({
	dispatcher,
	targets,
	order,
	rate,
	sliceSeconds,
	adminKey,
	body,
	timeoutMs,
	maxInflight,
	statsFor,
	onSlice,
	shouldStop,
}) {
	const interval = 1000 / rate;
	const plan = []; // { due (ms from start), target, slice }
	const sliceBounds = []; // { start, end } in ms from start
	let at = 0;
	order.forEach((target, slice) => {
		const seconds = sliceSeconds[slice];
		const n = Math.round(seconds * rate);
		for (let j = 0; j < n; j++) plan.push({ due: at + j * interval, target, slice });
		sliceBounds.push({ start: at, end: at + n * interval });
		at += n * interval;
	});

	const sliceLastEnd = order.map(() => 0);
	const sliceLatencies = order.map(() => []);
	const pending = [];
	let openTotal = 0;
	let lagMax = 0;
	const lags = [];
	const t0 = performance.now() + 20; // a little head start for the first timer
	let i = 0;
	let currentSlice = -1;

	await new Promise((resolve) => {
		const tick = () => {
			const now = performance.now();
			const stop = shouldStop?.();
			if (stop) {
				for (; i < plan.length; i++) {
					const stats = statsFor(plan[i].target);
					stats.sent++;
					stats.latencies.push(Infinity);
					sliceLatencies[plan[i].slice].push(Infinity);
					bump(stats, stop);
				}
			}
			while (i < plan.length && t0 + plan[i].due <= now) {
				const item = plan[i++];
				if (item.slice !== currentSlice) {
					currentSlice = item.slice;
					onSlice?.(item.slice, item.target);
				}
				const lag = now - (t0 + item.due);
				lags.push(lag);
				lagMax = Math.max(lagMax, lag);
				const stats = statsFor(item.target);
				if (openTotal >= maxInflight) {
					stats.sent++;
					stats.latencies.push(Infinity);
					sliceLatencies[item.slice].push(Infinity);
					bump(stats, 'dropped (in-flight cap)');
					continue;
				}
				openTotal++;
				pending.push(
					post({
						dispatcher,
						path: targets[item.target],
						body,
						adminKey,
						timeoutMs,
						stats,
						slice: sliceLatencies[item.slice],
					}).then(({ end }) => {
						openTotal--;
						sliceLastEnd[item.slice] = Math.max(sliceLastEnd[item.slice], end);
					}),
				);
			}
			if (i < plan.length) setTimeout(tick, Math.max(0, t0 + plan[i].due - performance.now()));
			else setTimeout(resolve, stop ? 0 : Math.max(0, t0 + at - performance.now())); // the last slice's full length
		};
		setTimeout(tick, Math.max(0, t0 - performance.now()));
	});
	onSlice?.(order.length, null);
	await Promise.all(pending);

	// A slice's wall time runs from its first due time to its end or its last answer, if later.
	order.forEach((target, slice) => {
		const { start, end } = sliceBounds[slice];
		const stats = statsFor(target);
		stats.wallMs += Math.max(end, sliceLastEnd[slice] - t0) - start;
		stats.sliceLatencies.push(sliceLatencies[slice]);
	});
	lags.sort((a, b) => a - b);
	return { lagP99: percentile(lags, 99), lagMax, seconds: at / 1000 };
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
