// The admin key cache on a test clock, with reads that resolve when the test says so: every bound
// (60 s, refresh from 45 s, one mismatch re-read a second, 1 s failure hold) and the sharing of one
// read are checked by counting reads. Through the node: KakaoChannelTrigger.webhook.test.ts.
import { AdminKeyCache } from '../../../../nodes/KakaoChannelTrigger/webhook/adminKeyCache';
import {
	authorizeWithCache,
	CREDENTIAL_UNAVAILABLE,
} from '../../../../nodes/KakaoChannelTrigger/webhook/authorize';
import { VERIFY_FAILURES } from '../../../../nodes/KakaoChannelTrigger/webhook/verify';

const OK = { ok: true };
const WRONG_KEY = { ok: false, reason: VERIFY_FAILURES.wrongKey };
const UNAVAILABLE = { ok: false, reason: CREDENTIAL_UNAVAILABLE };
const flush = () => new Promise((resolve) => setImmediate(resolve));
const times = <T>(count: number, make: () => Promise<T>) =>
	Promise.all(Array.from({ length: count }, make));

// A cache on a test clock over a credential store holding `initialKey`, whose reads can be held
// open (`block` until `open`) and whose key can change (`set`); `check(key)` is one request.
function setup(initialKey: string, options: { refreshAfterMs?: number; maxEntries?: number } = {}) {
	let [now, key, hold] = [1_000_000, initialKey as string | Error, null as Promise<void> | null];
	let release = () => {};
	const cache = new AdminKeyCache({ now: () => now, ...options });
	const state = {
		reads: 0,
		cache,
		advance: (ms: number) => (now += ms),
		set: (next: string | Error) => (key = next),
		block: () => (hold = new Promise<void>((resolve) => (release = resolve))),
		open: () => [release(), (hold = null)],
		read: async (): Promise<unknown> => {
			state.reads++;
			if (hold) await hold;
			if (key instanceof Error) throw key;
			return key;
		},
		check: (sent: string | undefined, credentialId = 'cred') =>
			authorizeWithCache(sent && `KakaoAK ${sent}`, credentialId, state.read, cache),
		/** One request `ms` later. */
		after: (ms: number, sent: string) => (state.advance(ms), state.check(sent)),
	};
	return state;
}

it('shares one read among concurrent requests on a cold cache, then answers from memory; a missing header or a wrong scheme never re-reads', async () => {
	const s = setup('key-1');
	s.block();
	const pending = times(50, () => s.check('key-1'));
	await flush();
	expect(s.reads).toBe(1);
	s.open();
	expect(await pending).toEqual(Array(50).fill(OK));
	for (let i = 0; i < 100; i++) expect(await s.check('key-1')).toEqual(OK);
	await s.check(undefined);
	await authorizeWithCache('Bearer key-1', 'cred', s.read, s.cache);
	expect(s.reads).toBe(1);
});
it('keeps credentials apart', async () => {
	const cache = new AdminKeyCache({ now: () => 1_000_000 });
	const [a, b] = [setup('key-a'), setup('key-b')];
	const check = (key: string, id: string, read: () => Promise<unknown>) =>
		authorizeWithCache(`KakaoAK ${key}`, id, read, cache);
	expect(await check('key-a', 'a', a.read)).toEqual(OK);
	expect(await check('key-b', 'b', b.read)).toEqual(OK);
	expect((await check('key-a', 'b', b.read)).ok).toBe(false);
});
it('refreshes in the background from 45 s, once, without making the request wait', async () => {
	const s = setup('key-1');
	await s.check('key-1');
	await s.after(44_999, 'key-1');
	expect(s.reads).toBe(1);
	s.advance(1);
	s.block();
	// 20 requests at 45 s: all answered from the entry while one refresh runs.
	expect(await times(20, () => s.check('key-1'))).toEqual(Array(20).fill(OK));
	expect(s.reads).toBe(2);
	s.open();
	await flush();
	// The refreshed entry counts from its own read (at 45 s): no new read until 45 s + 45 s.
	expect([await s.after(44_000, 'key-1'), s.reads]).toEqual([OK, 2]);
});
it('never uses an entry older than 60 s: an old key is refused after the bound', async () => {
	// No background refresh, to see the hard bound alone.
	const s = setup('old-key', { refreshAfterMs: Infinity });
	await s.check('old-key');
	s.set('new-key');
	expect(await s.after(59_999, 'old-key')).toEqual(OK);
	expect(await s.after(1, 'old-key')).toEqual(WRONG_KEY);
	// The read at 60 s, then the one mismatch re-read that second allows.
	expect(s.reads).toBe(3);
});
it('forged keys force at most one read per second per credential, even when concurrent', async () => {
	const s = setup('real-key');
	await s.check('real-key');
	for (let second = 0; second < 5; second++) {
		const forged = await Promise.all(Array.from({ length: 100 }, (_, i) => s.check(`forged-${i}`)));
		expect(forged).toEqual(Array(100).fill(WRONG_KEY));
		for (let i = 0; i < 20; i++) await s.check('forged');
		await s.after(999, 'forged');
		s.advance(1);
	}
	// The first read, then one per second of forged traffic; real traffic is unaffected.
	expect(s.reads).toBe(1 + 5);
	expect(await s.check('real-key')).toEqual(OK);
});
it('a failed read fails closed, is held for 1 s, then read again', async () => {
	const s = setup('key-1');
	s.set(new Error('Credential with ID "cred" does not exist'));
	expect(await times(30, () => s.check('key-1'))).toEqual(Array(30).fill(UNAVAILABLE));
	expect(s.reads).toBe(1);
	expect([await s.after(999, 'key-1'), s.reads]).toEqual([UNAVAILABLE, 1]);
	s.set('key-1');
	expect([await s.after(1, 'key-1'), s.reads]).toEqual([OK, 2]);
});
it('an expired entry whose re-read fails is not used: 401, never a pass', async () => {
	const s = setup('key-1', { refreshAfterMs: Infinity });
	await s.check('key-1');
	s.set(new Error('database is locked'));
	expect(await s.after(60_000, 'key-1')).toEqual(UNAVAILABLE);
});
it('a failed background refresh keeps the entry only until its 60 s are up', async () => {
	const s = setup('key-1');
	await s.check('key-1');
	s.set(new Error('database is locked'));
	expect(await s.after(50_000, 'key-1')).toEqual(OK);
	await flush();
	expect((await s.after(10_000, 'key-1')).ok).toBe(false);
});
it('an empty key in the credential fails closed, and adding one works at once', async () => {
	const s = setup('');
	expect(await s.check('key-1')).toEqual({ ok: false, reason: VERIFY_FAILURES.noAdminKey });
	s.set('key-1');
	expect(await s.after(1_000, 'key-1')).toEqual(OK);
});
it('without a credential id it reads every time; with one, it holds a bounded number', async () => {
	const s = setup('key-1', { maxEntries: 10 });
	for (let i = 0; i < 3; i++) await authorizeWithCache('KakaoAK key-1', undefined, s.read);
	expect(s.reads).toBe(3);
	for (let i = 0; i < 50; i++) await s.check('key-1', `cred-${i}`);
	expect(s.cache.size).toBe(10);
});
