/**
 * The admin key of each credential, kept in this process so a webhook request does not read the
 * credential from n8n every time. In n8n 2.x every such read is a database query, a decryption and
 * a fresh expression isolate (n8n's `CredentialsHelper.applyDefaultsAndOverwrites`), which is most
 * of what our trigger costs beyond n8n's own Webhook node (see docs/upstream-n8n-webhook-isolates.md).
 *
 * Rules, per credential id:
 * - an entry is used for at most `ttlMs` after its read started, so a rotated key stops working
 *   within that bound even if nobody calls with the new key;
 * - from `refreshAfterMs` on, a request that uses the entry starts a background re-read;
 * - concurrent requests share one read in flight;
 * - a key that does not match may re-read at once (a rotated key works at once), but at most once
 *   per `mismatchIntervalMs`, so forged requests cannot force a read each;
 * - a failed read is remembered for `failureHoldMs` and fails closed meanwhile.
 */

export interface AdminKeyCacheOptions {
	ttlMs?: number;
	refreshAfterMs?: number;
	mismatchIntervalMs?: number;
	failureHoldMs?: number;
	maxEntries?: number;
	now?: () => number;
}

/** What the credential gave for the admin key (not checked here), or that it could not be read. */
export type AdminKeyLookup = { ok: true; adminKey: unknown } | { ok: false };

export type ReadAdminKey = () => Promise<unknown>;

interface Entry {
	value?: { adminKey: unknown; readAt: number };
	failedAt?: number;
	inFlight?: Promise<AdminKeyLookup>;
	lastMismatchRead?: number;
}

export const ADMIN_KEY_TTL_MS = 60_000;

export class AdminKeyCache {
	readonly ttlMs: number;

	readonly refreshAfterMs: number;

	readonly mismatchIntervalMs: number;

	readonly failureHoldMs: number;

	private readonly maxEntries: number;

	private readonly now: () => number;

	private readonly entries = new Map<string, Entry>();

	constructor(options: AdminKeyCacheOptions = {}) {
		this.ttlMs = options.ttlMs ?? ADMIN_KEY_TTL_MS;
		this.refreshAfterMs = options.refreshAfterMs ?? 45_000;
		this.mismatchIntervalMs = options.mismatchIntervalMs ?? 1_000;
		this.failureHoldMs = options.failureHoldMs ?? 1_000;
		this.maxEntries = options.maxEntries ?? 1_000;
		this.now = options.now ?? (() => Date.now());
	}

	/** The cached key when fresh enough, else the result of one (shared) read. */
	async get(credentialId: string, read: ReadAdminKey): Promise<AdminKeyLookup> {
		const entry = this.entry(credentialId);
		const now = this.now();
		if (entry.value !== undefined && now - entry.value.readAt < this.ttlMs) {
			if (now - entry.value.readAt >= this.refreshAfterMs && entry.inFlight === undefined) {
				// Background: the request goes on with the current key; a failure leaves it to expire.
				void this.startRead(entry, read);
			}
			return { ok: true, adminKey: entry.value.adminKey };
		}
		if (entry.inFlight !== undefined) return await entry.inFlight;
		if (entry.failedAt !== undefined && now - entry.failedAt < this.failureHoldMs)
			return { ok: false };
		return await this.startRead(entry, read);
	}

	/**
	 * After a key that did not match: a fresh read, or the one in flight, unless this credential
	 * was re-read for a mismatch less than `mismatchIntervalMs` ago (then null: answer with what
	 * is known).
	 */
	async reread(credentialId: string, read: ReadAdminKey): Promise<AdminKeyLookup | null> {
		const entry = this.entry(credentialId);
		if (entry.inFlight !== undefined) return await entry.inFlight;
		const now = this.now();
		if (
			entry.lastMismatchRead !== undefined &&
			now - entry.lastMismatchRead < this.mismatchIntervalMs
		) {
			return null;
		}
		entry.lastMismatchRead = now;
		return await this.startRead(entry, read);
	}

	/** Forgets every credential (tests, or a process that wants a cold start). */
	clear(): void {
		this.entries.clear();
	}

	get size(): number {
		return this.entries.size;
	}

	private entry(credentialId: string): Entry {
		let entry = this.entries.get(credentialId);
		if (entry === undefined) {
			entry = {};
			this.entries.set(credentialId, entry);
			// Bounded: the oldest credential goes first (a process rarely sees more than a few).
			if (this.entries.size > this.maxEntries) {
				const oldest = this.entries.keys().next().value as string;
				this.entries.delete(oldest);
			}
		}
		return entry;
	}

	private startRead(entry: Entry, read: ReadAdminKey): Promise<AdminKeyLookup> {
		const startedAt = this.now();
		const settle = (lookup: AdminKeyLookup): AdminKeyLookup => {
			if (lookup.ok) {
				// The read reflects the credential as it was when it started: the bound counts from then.
				entry.value = { adminKey: lookup.adminKey, readAt: startedAt };
				entry.failedAt = undefined;
			} else {
				entry.failedAt = this.now();
			}
			entry.inFlight = undefined;
			return lookup;
		};
		// then(read): a read that throws at once fails like one that rejects.
		const inFlight = Promise.resolve()
			.then(read)
			.then(
				(adminKey): AdminKeyLookup => settle({ ok: true, adminKey }),
				// The error can name the credential; callers only learn that it is not available.
				(): AdminKeyLookup => settle({ ok: false }),
			);
		entry.inFlight = inFlight;
		return inFlight;
	}
}

/** One per process: n8n builds a new node instance for every request. */
export const adminKeyCache = new AdminKeyCache();
