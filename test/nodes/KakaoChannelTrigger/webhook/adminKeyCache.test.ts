/**
 * The admin key cache on a fake clock, with reads that resolve when the test says so, so every
 * bound (60 s, refresh from 45 s, one mismatch re-read a second, 1 s failure hold) and the
 * sharing of one read by concurrent requests are checked by counting reads.
 */
import { AdminKeyCache } from '../../../../nodes/KakaoChannelTrigger/webhook/adminKeyCache';
import {
	authorizeWithCache,
	CREDENTIAL_UNAVAILABLE,
} from '../../../../nodes/KakaoChannelTrigger/webhook/authorize';
import { VERIFY_FAILURES } from '../../../../nodes/KakaoChannelTrigger/webhook/verify';

/** A credential store whose reads can be held open and whose key can change. */
function store(initialKey: string) {
	let key: string | Error = initialKey;
	let hold: Promise<void> | null = null;
	let release: () => void = () => {};
	const state = {
		reads: 0,
		set(next: string | Error) {
			key = next;
		},
		/** Reads started from now on wait until `open()`. */
		block() {
			hold = new Promise<void>((resolve) => (release = resolve));
		},
		open() {
			release();
			hold = null;
		},
		read: async (): Promise<unknown> => {
			state.reads++;
			const waitFor = hold;
			if (waitFor) await waitFor;
			if (key instanceof Error) throw key;
			return key;
		},
	};
	return state;
}

function clock() {
	let now = 1_000_000;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

const header = (key: string) => `KakaoAK ${key}`;
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('admin key cache', () => {
	it('reads once, then answers from memory until the entry is 60 s old', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now });
		const s = store('key-1');
		for (let i = 0; i < 100; i++) {
			expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual({
				ok: true,
			});
		}
		expect(s.reads).toBe(1);
	});

	it('shares one read among concurrent requests on a cold cache', async () => {
		const cache = new AdminKeyCache({ now: clock().now });
		const s = store('key-1');
		s.block();
		const pending = Array.from({ length: 50 }, () =>
			authorizeWithCache(header('key-1'), 'cred', s.read, cache),
		);
		await flush();
		expect(s.reads).toBe(1);
		s.open();
		const results = await Promise.all(pending);
		expect(results.every((r) => r.ok)).toBe(true);
		expect(s.reads).toBe(1);
	});

	it('keeps credentials apart', async () => {
		const cache = new AdminKeyCache({ now: clock().now });
		const a = store('key-a');
		const b = store('key-b');
		expect(await authorizeWithCache(header('key-a'), 'a', a.read, cache)).toEqual({ ok: true });
		expect(await authorizeWithCache(header('key-b'), 'b', b.read, cache)).toEqual({ ok: true });
		expect((await authorizeWithCache(header('key-a'), 'b', b.read, cache)).ok).toBe(false);
	});

	it('refreshes in the background from 45 s, once, without making the request wait', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now });
		const s = store('key-1');
		await authorizeWithCache(header('key-1'), 'cred', s.read, cache);
		t.advance(44_999);
		await authorizeWithCache(header('key-1'), 'cred', s.read, cache);
		expect(s.reads).toBe(1);
		t.advance(1);
		s.block();
		// 20 requests at 45 s: all answered from the entry while one refresh runs.
		const results = await Promise.all(
			Array.from({ length: 20 }, () => authorizeWithCache(header('key-1'), 'cred', s.read, cache)),
		);
		expect(results.every((r) => r.ok)).toBe(true);
		expect(s.reads).toBe(2);
		s.open();
		await flush();
		// The refreshed entry counts from its own read (at 45 s): no new read until 45 s + 45 s.
		t.advance(44_000);
		expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual({ ok: true });
		expect(s.reads).toBe(2);
	});

	it('never uses an entry older than 60 s: an old key is refused after the bound', async () => {
		const t = clock();
		// No background refresh, to see the hard bound alone.
		const cache = new AdminKeyCache({ now: t.now, refreshAfterMs: Infinity });
		const s = store('old-key');
		await authorizeWithCache(header('old-key'), 'cred', s.read, cache);
		s.set('new-key');
		t.advance(59_999);
		expect(await authorizeWithCache(header('old-key'), 'cred', s.read, cache)).toEqual({
			ok: true,
		});
		t.advance(1);
		expect(await authorizeWithCache(header('old-key'), 'cred', s.read, cache)).toEqual({
			ok: false,
			reason: VERIFY_FAILURES.wrongKey,
		});
		// The read at 60 s, then the one mismatch re-read that second allows.
		expect(s.reads).toBe(3);
	});

	it('a rotated key works at once: a mismatch re-reads before answering 401', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now });
		const s = store('old-key');
		await authorizeWithCache(header('old-key'), 'cred', s.read, cache);
		s.set('new-key');
		t.advance(10);
		expect(await authorizeWithCache(header('new-key'), 'cred', s.read, cache)).toEqual({
			ok: true,
		});
		expect(s.reads).toBe(2);
		// The re-read replaced the entry: the old key is refused from now on.
		expect((await authorizeWithCache(header('old-key'), 'cred', s.read, cache)).ok).toBe(false);
	});

	it('forged keys force at most one read per second per credential, even when concurrent', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now });
		const s = store('real-key');
		await authorizeWithCache(header('real-key'), 'cred', s.read, cache);
		for (let second = 0; second < 5; second++) {
			const forged = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					authorizeWithCache(header(`forged-${i}`), 'cred', s.read, cache),
				),
			);
			expect(forged.every((r) => !r.ok && r.reason === VERIFY_FAILURES.wrongKey)).toBe(true);
			for (let i = 0; i < 20; i++)
				await authorizeWithCache(header('forged'), 'cred', s.read, cache);
			t.advance(999);
			await authorizeWithCache(header('forged'), 'cred', s.read, cache);
			t.advance(1);
		}
		// The first read, then one per second of forged traffic.
		expect(s.reads).toBe(1 + 5);
		// Real traffic is unaffected.
		expect(await authorizeWithCache(header('real-key'), 'cred', s.read, cache)).toEqual({
			ok: true,
		});
	});

	it('a missing header or a wrong scheme never triggers a re-read', async () => {
		const cache = new AdminKeyCache({ now: clock().now });
		const s = store('key-1');
		await authorizeWithCache(header('key-1'), 'cred', s.read, cache);
		await authorizeWithCache(undefined, 'cred', s.read, cache);
		await authorizeWithCache('Bearer key-1', 'cred', s.read, cache);
		expect(s.reads).toBe(1);
	});

	it('a failed read fails closed, is held for 1 s, then read again', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now });
		const s = store('key-1');
		s.set(new Error('Credential with ID "cred" does not exist'));
		const unavailable = { ok: false, reason: CREDENTIAL_UNAVAILABLE };
		const burst = await Promise.all(
			Array.from({ length: 30 }, () => authorizeWithCache(header('key-1'), 'cred', s.read, cache)),
		);
		expect(burst.every((r) => JSON.stringify(r) === JSON.stringify(unavailable))).toBe(true);
		expect(s.reads).toBe(1);
		t.advance(999);
		expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual(unavailable);
		expect(s.reads).toBe(1);
		s.set('key-1');
		t.advance(1);
		expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual({ ok: true });
		expect(s.reads).toBe(2);
	});

	it('an expired entry whose re-read fails is not used: 401, never a pass', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now, refreshAfterMs: Infinity });
		const s = store('key-1');
		await authorizeWithCache(header('key-1'), 'cred', s.read, cache);
		s.set(new Error('database is locked'));
		t.advance(60_000);
		expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual({
			ok: false,
			reason: CREDENTIAL_UNAVAILABLE,
		});
	});

	it('a failed background refresh keeps the entry only until its 60 s are up', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now });
		const s = store('key-1');
		await authorizeWithCache(header('key-1'), 'cred', s.read, cache);
		s.set(new Error('database is locked'));
		t.advance(50_000);
		expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual({ ok: true });
		await flush();
		t.advance(10_000);
		expect((await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).ok).toBe(false);
	});

	it('an empty key in the credential fails closed, and adding one works at once', async () => {
		const t = clock();
		const cache = new AdminKeyCache({ now: t.now });
		const s = store('');
		expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual({
			ok: false,
			reason: VERIFY_FAILURES.noAdminKey,
		});
		s.set('key-1');
		t.advance(1_000);
		expect(await authorizeWithCache(header('key-1'), 'cred', s.read, cache)).toEqual({ ok: true });
	});

	it('without a credential id it reads every time', async () => {
		const s = store('key-1');
		for (let i = 0; i < 3; i++) await authorizeWithCache(header('key-1'), undefined, s.read);
		expect(s.reads).toBe(3);
	});

	it('holds a bounded number of credentials', async () => {
		const cache = new AdminKeyCache({ now: clock().now, maxEntries: 10 });
		const s = store('key-1');
		for (let i = 0; i < 50; i++)
			await authorizeWithCache(header('key-1'), `cred-${i}`, s.read, cache);
		expect(cache.size).toBe(10);
	});
});
