/**
 * Remembers recently seen `X-Kakao-Resource-ID`s so a repeated delivery starts nothing.
 *
 * An id is remembered for `ttlMs` (24 h) or until `maxSize` (10,000) newer ids have been recorded,
 * whichever comes first. A Map answers "seen?" and an insertion-ordered queue (array + head index)
 * says which id is oldest, so eviction pops from the front: every operation is O(1) amortised.
 * (Popping the front of the Map itself is not: V8 leaves deleted Map slots in place until it
 * rehashes, so finding the first live entry again and again becomes linear.)
 */
export const DEDUPE_MAX_IDS = 10_000;
export const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;

export class RecentIds {
	/** id -> time it was recorded (ms). */
	private readonly entries = new Map<string, number>();

	/** Ids and record times in insertion order; live from `head` on. */
	private queueIds: string[] = [];

	private queueTimes: number[] = [];

	private head = 0;

	constructor(
		readonly maxSize = DEDUPE_MAX_IDS,
		readonly ttlMs = DEDUPE_TTL_MS,
		private readonly now: () => number = Date.now,
	) {
		if (!Number.isInteger(maxSize) || maxSize < 1) throw new RangeError('maxSize must be >= 1');
		if (!(ttlMs > 0)) throw new RangeError('ttlMs must be > 0');
	}

	get size(): number {
		return this.entries.size;
	}

	/** Whether `id` was recorded less than `ttlMs` ago (and not pushed out by newer ids). */
	has(id: string): boolean {
		const recordedAt = this.entries.get(id);
		return recordedAt !== undefined && !this.expired(recordedAt, this.now());
	}

	/**
	 * Records `id` unless it is already known. Returns true when it was a duplicate (nothing
	 * recorded), false when it was new. Synchronous, so two concurrent deliveries of one id cannot
	 * both pass.
	 */
	checkAndAdd(id: string): boolean {
		const now = this.now();
		this.evict(now);
		const recordedAt = this.entries.get(id);
		if (recordedAt !== undefined && !this.expired(recordedAt, now)) return true;
		// An expired entry still in the Map (only when the clock went back) is overwritten; its old
		// queue slot no longer matches the Map and is skipped when it reaches the front.
		this.entries.set(id, now);
		this.queueIds.push(id);
		this.queueTimes.push(now);
		this.evict(now);
		return false;
	}

	private expired(recordedAt: number, now: number): boolean {
		return now - recordedAt >= this.ttlMs;
	}

	/** Pops the front while it is stale, expired, or over the size limit. */
	private evict(now: number): void {
		while (this.head < this.queueIds.length) {
			const id = this.queueIds[this.head];
			const recordedAt = this.queueTimes[this.head];
			const live = this.entries.get(id) === recordedAt;
			if (live && !this.expired(recordedAt, now) && this.entries.size <= this.maxSize) break;
			if (live) this.entries.delete(id);
			this.head++;
		}
		// Compact once the consumed prefix is at least half of the queue: amortised O(1).
		if (this.head > 1024 && this.head * 2 >= this.queueIds.length) {
			this.queueIds = this.queueIds.slice(this.head);
			this.queueTimes = this.queueTimes.slice(this.head);
			this.head = 0;
		}
	}
}

/**
 * A small LRU of stores, one per trigger (workflow id + node id + mode), so two workflows listening
 * to the same Kakao app do not suppress each other's deliveries. Bounded: at most `maxStores`
 * stores, the least recently used one dropped first.
 *
 * Why a module-level store and not `getWorkflowStaticData('node')`: static data is written to the
 * database only after an execution, so ids of deliveries that start nothing would not survive
 * anyway, every execution would rewrite up to 10,000 ids into the workflow row, and webhook() would
 * depend on that I/O. The price: the memory is per n8n process. It is lost on restart, and in queue
 * mode with several webhook processes (or several mains) a duplicate that reaches a different
 * process than the first delivery is not caught. Kakao documents no retries, so duplicates are
 * rare to begin with.
 */
export class RecentIdsRegistry {
	private readonly stores = new Map<string, RecentIds>();

	constructor(
		readonly maxStores = 100,
		private readonly create: () => RecentIds = () => new RecentIds(),
	) {}

	get size(): number {
		return this.stores.size;
	}

	get(key: string): RecentIds {
		let store = this.stores.get(key);
		if (store !== undefined) {
			this.stores.delete(key);
		} else {
			store = this.create();
		}
		this.stores.set(key, store);
		while (this.stores.size > this.maxStores) {
			this.stores.delete(this.stores.keys().next().value as string);
		}
		return store;
	}

	clear(): void {
		this.stores.clear();
	}
}

/** The process-wide registry the trigger uses. */
export const recentIdsRegistry = new RecentIdsRegistry();

export function dedupeKey(workflowId: string | undefined, nodeId: string, mode: string): string {
	// Test-URL deliveries ("Listen for test event", mode "manual") get their own store, so testing
	// with a real id never hides a later production delivery of it.
	return JSON.stringify([workflowId ?? '', nodeId, mode === 'manual' ? 'test' : 'production']);
}
