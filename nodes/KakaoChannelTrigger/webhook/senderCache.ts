/**
 * Kakao's callback addresses, kept in this process per credential and workflow (the key the
 * admin key cache uses), so a webhook request almost never waits for Kakao:
 * - a list is used for `refreshAfterMs` (24 h); after that, a request that uses it starts a
 *   background refresh and goes on with the list it has;
 * - a refresh that fails keeps the last good list, and no new fetch starts for `failureHoldMs`;
 * - with no list yet, a request starts the fetch (or joins the one under way) and waits for it at
 *   most `waitMs`; past that it gets no list (the fetch goes on, for the next request);
 * - concurrent requests share one fetch.
 */
import type { InboundIpList } from './inboundIps';

/** One fetch of the list: undefined when it failed (the fetch says why in the log). */
export type FetchInboundIps = () => Promise<InboundIpList | undefined>;

interface Entry {
	list?: { value: InboundIpList; fetchedAt: number };
	inFlight?: Promise<void>;
	failedAt?: number;
}

export interface SenderCacheOptions {
	refreshAfterMs?: number;
	failureHoldMs?: number;
	maxEntries?: number;
	now?: () => number;
}

export const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;
export const FAILURE_HOLD_MS = 60_000;

const listOf = (entry: Entry): InboundIpList | undefined => entry.list?.value;

/** Resolves when `promise` settles or after `ms`, whichever comes first (never rejects). */
function within(promise: Promise<void>, ms: number): Promise<void> {
	const signal = AbortSignal.timeout(ms);
	const timeUp = new Promise<void>((resolve) =>
		signal.addEventListener('abort', () => resolve(), { once: true }),
	);
	return Promise.race([promise, timeUp]);
}

export class SenderCache {
	readonly refreshAfterMs: number;

	readonly failureHoldMs: number;

	private readonly maxEntries: number;

	private readonly now: () => number;

	private readonly entries = new Map<string, Entry>();

	constructor(options: SenderCacheOptions = {}) {
		this.refreshAfterMs = options.refreshAfterMs ?? REFRESH_AFTER_MS;
		this.failureHoldMs = options.failureHoldMs ?? FAILURE_HOLD_MS;
		this.maxEntries = options.maxEntries ?? 1_000;
		this.now = options.now ?? (() => Date.now());
	}

	/** The list to judge a request by, or undefined when there is none within `waitMs`. */
	async current(
		key: string,
		fetch: FetchInboundIps,
		waitMs: number,
	): Promise<InboundIpList | undefined> {
		const entry = this.entry(key);
		if (entry.list !== undefined) {
			if (this.now() - entry.list.fetchedAt >= this.refreshAfterMs) this.start(entry, fetch);
			return entry.list.value;
		}
		this.start(entry, fetch);
		if (entry.inFlight !== undefined) await within(entry.inFlight, waitMs);
		// Read again: the fetch may have settled while this request waited.
		return listOf(entry);
	}

	/** Starts a first fetch ahead of the first request (on activation); never waits for it. */
	prefetch(key: string, fetch: FetchInboundIps): void {
		const entry = this.entry(key);
		if (entry.list === undefined) this.start(entry, fetch);
	}

	clear(): void {
		this.entries.clear();
	}

	private entry(key: string): Entry {
		let entry = this.entries.get(key);
		if (entry === undefined) {
			entry = {};
			this.entries.set(key, entry);
			// Bounded: the oldest key goes first (a process rarely sees more than a few).
			if (this.entries.size > this.maxEntries) {
				this.entries.delete(this.entries.keys().next().value as string);
			}
		}
		return entry;
	}

	private start(entry: Entry, fetch: FetchInboundIps): void {
		const startedAt = this.now();
		if (entry.inFlight !== undefined) return;
		if (entry.failedAt !== undefined && startedAt - entry.failedAt < this.failureHoldMs) return;
		const settle = (value: InboundIpList | undefined) => {
			if (value !== undefined) {
				entry.list = { value, fetchedAt: startedAt };
				entry.failedAt = undefined;
			} else {
				// The last good list (if any) stays in use.
				entry.failedAt = this.now();
			}
			entry.inFlight = undefined;
		};
		// then(fetch): a fetch that throws at once fails like one that answers undefined.
		entry.inFlight = Promise.resolve()
			.then(fetch)
			.then(settle, () => settle(undefined));
	}
}

/** One per process, like the admin key cache. */
export const senderCache = new SenderCache();
