/**
 * Remembers recently seen `X-Kakao-Resource-ID`s, per trigger, so a repeated delivery starts
 * nothing. One store for the whole process, with three bounds:
 *
 * - an id is remembered for `ttlMs` (24 h) at most;
 * - each trigger keeps at most `maxIdsPerTrigger` (10,000) ids, its oldest dropped first, so one
 *   busy trigger cannot push out the ids of the others;
 * - all triggers together keep at most `maxIdsTotal` (100,000) ids, the oldest across all triggers
 *   dropped first.
 *
 * The number of triggers is not bounded by itself: a trigger holds memory only while it has ids,
 * so any number of triggers keep catching their repeats until the total bound is reached.
 *
 * Every id sits in two doubly linked lists, all ids in the order they were recorded and its
 * trigger's ids in that order, so dropping the oldest (of all, or of one trigger) and unlinking an
 * id are O(1). (Popping the front of a Map is not: V8 leaves deleted slots in place until it
 * rehashes, so finding the first live entry again and again becomes linear.)
 *
 * Why a module-level store and not `getWorkflowStaticData('node')`: static data is written to the
 * database only after an execution, so ids of deliveries that start nothing would not survive
 * anyway, every execution would rewrite up to 10,000 ids into the workflow row, and webhook() would
 * depend on that I/O. The price: the memory is per n8n process. It is lost on restart, and in queue
 * mode with several webhook processes (or several mains) a duplicate that reaches a different
 * process than the first delivery is not caught. Kakao documents no retries, so duplicates are
 * rare to begin with.
 */
export const DEDUPE_MAX_IDS_PER_TRIGGER = 10_000;
export const DEDUPE_MAX_IDS_TOTAL = 100_000;
export const DEDUPE_TTL_MS = 24 * 60 * 60 * 1000;

interface Entry {
	id: string;
	recordedAt: number;
	trigger: TriggerIds;
	older?: Entry;
	newer?: Entry;
	olderInTrigger?: Entry;
	newerInTrigger?: Entry;
}

interface TriggerIds {
	key: string;
	ids: Map<string, Entry>;
	oldest?: Entry;
	newest?: Entry;
}

export interface RecentDeliveriesLimits {
	maxIdsPerTrigger?: number;
	maxIdsTotal?: number;
	ttlMs?: number;
	now?: () => number;
}

export class RecentDeliveries {
	readonly maxIdsPerTrigger: number;

	readonly maxIdsTotal: number;

	readonly ttlMs: number;

	private readonly now: () => number;

	private readonly triggers = new Map<string, TriggerIds>();

	private oldest?: Entry;

	private newest?: Entry;

	private total = 0;

	constructor(limits: RecentDeliveriesLimits = {}) {
		this.maxIdsPerTrigger = limits.maxIdsPerTrigger ?? DEDUPE_MAX_IDS_PER_TRIGGER;
		this.maxIdsTotal = limits.maxIdsTotal ?? DEDUPE_MAX_IDS_TOTAL;
		this.ttlMs = limits.ttlMs ?? DEDUPE_TTL_MS;
		this.now = limits.now ?? Date.now;
		for (const bound of [this.maxIdsPerTrigger, this.maxIdsTotal]) {
			if (!Number.isInteger(bound) || bound < 1) throw new RangeError('id bounds must be >= 1');
		}
		if (!(this.ttlMs > 0)) throw new RangeError('ttlMs must be > 0');
	}

	/** Ids held, across all triggers. */
	get size(): number {
		return this.total;
	}

	/** Triggers holding at least one id. */
	get triggerCount(): number {
		return this.triggers.size;
	}

	/** Ids held for one trigger. */
	sizeOf(triggerKey: string): number {
		return this.triggers.get(triggerKey)?.ids.size ?? 0;
	}

	/** Whether `triggerKey` recorded `id` less than `ttlMs` ago (and it was not pushed out). */
	has(triggerKey: string, id: string): boolean {
		const entry = this.triggers.get(triggerKey)?.ids.get(id);
		return entry !== undefined && !this.expired(entry, this.now());
	}

	/**
	 * Records `id` for `triggerKey` unless it is already known. Returns true when it was a duplicate
	 * (nothing recorded), false when it was new. Synchronous, so two concurrent deliveries of one id
	 * cannot both pass.
	 */
	checkAndAdd(triggerKey: string, id: string): boolean {
		const now = this.now();
		this.dropExpired(now);
		let trigger = this.triggers.get(triggerKey);
		const known = trigger?.ids.get(id);
		if (known !== undefined) {
			if (!this.expired(known, now)) return true;
			// Expired but not yet dropped: only when the clock went back. Recorded again below.
			this.remove(known);
			trigger = this.triggers.get(triggerKey);
		}
		if (trigger === undefined) {
			trigger = { key: triggerKey, ids: new Map() };
			this.triggers.set(triggerKey, trigger);
		}
		this.append(trigger, id, now);
		while (trigger.ids.size > this.maxIdsPerTrigger) this.remove(trigger.oldest!);
		while (this.total > this.maxIdsTotal) this.remove(this.oldest!);
		return false;
	}

	clear(): void {
		this.triggers.clear();
		this.oldest = undefined;
		this.newest = undefined;
		this.total = 0;
	}

	private expired(entry: Entry, now: number): boolean {
		return now - entry.recordedAt >= this.ttlMs;
	}

	private dropExpired(now: number): void {
		while (this.oldest !== undefined && this.expired(this.oldest, now)) this.remove(this.oldest);
	}

	private append(trigger: TriggerIds, id: string, now: number): void {
		const entry: Entry = { id, recordedAt: now, trigger, older: this.newest };
		if (this.newest !== undefined) this.newest.newer = entry;
		else this.oldest = entry;
		this.newest = entry;
		entry.olderInTrigger = trigger.newest;
		if (trigger.newest !== undefined) trigger.newest.newerInTrigger = entry;
		else trigger.oldest = entry;
		trigger.newest = entry;
		trigger.ids.set(id, entry);
		this.total++;
	}

	private remove(entry: Entry): void {
		if (entry.older !== undefined) entry.older.newer = entry.newer;
		else this.oldest = entry.newer;
		if (entry.newer !== undefined) entry.newer.older = entry.older;
		else this.newest = entry.older;
		const trigger = entry.trigger;
		if (entry.olderInTrigger !== undefined)
			entry.olderInTrigger.newerInTrigger = entry.newerInTrigger;
		else trigger.oldest = entry.newerInTrigger;
		if (entry.newerInTrigger !== undefined)
			entry.newerInTrigger.olderInTrigger = entry.olderInTrigger;
		else trigger.newest = entry.olderInTrigger;
		trigger.ids.delete(entry.id);
		this.total--;
		// A trigger with no ids left holds no memory.
		if (trigger.ids.size === 0) this.triggers.delete(trigger.key);
	}
}

/** The process-wide store the trigger uses. */
export const recentDeliveries = new RecentDeliveries();

export function dedupeKey(workflowId: string | undefined, nodeId: string, mode: string): string {
	// Test-URL deliveries ("manual" mode) get their own ids, so testing with a real id never hides a
	// later production delivery of it.
	return JSON.stringify([workflowId ?? '', nodeId, mode === 'manual' ? 'test' : 'production']);
}
