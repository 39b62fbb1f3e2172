import type { InboundIpList } from '../../../../nodes/KakaoChannelTrigger/webhook/inboundIps';
import {
	FAILURE_HOLD_MS,
	REFRESH_AFTER_MS,
	SenderCache,
} from '../../../../nodes/KakaoChannelTrigger/webhook/senderCache';

const list = (updatedDate: string): InboundIpList => ({ ranges: [], updatedDate });

/** A fetch the test settles by hand, counting its calls. */
function controlledFetch() {
	const pending: Array<(value?: InboundIpList) => void> = [];
	const fetch = jest.fn(() => new Promise<InboundIpList | undefined>((ok) => pending.push(ok)));
	const tick = () => new Promise((resolve) => setImmediate(resolve));
	/** Answers the oldest fetch under way (it starts a tick after it is asked for). */
	const settle = async (value?: InboundIpList) => {
		await tick();
		pending.shift()!(value);
		await tick();
	};
	return { fetch, settle };
}

/** A cache on a test clock whose first fetch answered `first`; `get` is one request. */
async function primed(first: InboundIpList | undefined) {
	let now = 1_700_000_000_000;
	const control = controlledFetch();
	const cache = new SenderCache({ now: () => now });
	const get = () => cache.current('k', control.fetch, 5_000);
	const answer = get();
	await control.settle(first);
	return { ...control, advance: (ms: number) => (now += ms), get, first: await answer };
}

it('defaults: refresh after 24 h, no new fetch for 60 s after a failure', () => {
	const cache = new SenderCache();
	expect([cache.refreshAfterMs, cache.failureHoldMs]).toEqual([86_400_000, 60_000]);
	expect([REFRESH_AFTER_MS, FAILURE_HOLD_MS]).toEqual([86_400_000, 60_000]);
});
it('concurrent first requests share one fetch and all get its list', async () => {
	const [{ fetch, settle }, cache] = [controlledFetch(), new SenderCache()];
	const waiting = [1, 2, 3].map(() => cache.current('k', fetch, 5_000));
	await settle(list('2025-01-15'));
	expect(await Promise.all(waiting)).toEqual(Array(3).fill(list('2025-01-15')));
	expect(fetch).toHaveBeenCalledTimes(1);
});
it('a first request waits at most waitMs; the fetch goes on for the next one', async () => {
	const [{ fetch, settle }, cache, started] = [controlledFetch(), new SenderCache(), Date.now()];
	expect(await cache.current('k', fetch, 100)).toBeUndefined();
	expect(Date.now() - started).toBeLessThan(1_000);
	await settle(list('late'));
	expect(await cache.current('k', fetch, 100)).toEqual(list('late'));
	expect(fetch).toHaveBeenCalledTimes(1);
});
it('refreshes in the background after 24 h, answering with the list it has meanwhile', async () => {
	const { fetch, settle, advance, get, first } = await primed(list('day-1'));
	expect(first).toEqual(list('day-1'));
	advance(REFRESH_AFTER_MS - 1);
	expect([await get(), fetch.mock.calls.length]).toEqual([list('day-1'), 1]);
	advance(1);
	expect([await get(), fetch.mock.calls.length]).toEqual([list('day-1'), 2]);
	await settle(list('day-2'));
	expect(await get()).toEqual(list('day-2'));
});
it('keeps the last good list when a refresh fails, and tries again only after the hold', async () => {
	const { fetch, settle, advance, get } = await primed(list('good'));
	advance(REFRESH_AFTER_MS);
	await get();
	await settle(undefined); // the refresh failed
	advance(FAILURE_HOLD_MS - 1);
	expect([await get(), fetch.mock.calls.length]).toEqual([list('good'), 2]);
	advance(1);
	expect([await get(), fetch.mock.calls.length]).toEqual([list('good'), 3]);
});
it('without any list, a failure (no list, or a fetch that throws) answers undefined at once during the hold (fail closed)', async () => {
	const { fetch, get, first } = await primed(undefined);
	expect([first, await get(), fetch.mock.calls.length]).toEqual([undefined, undefined, 1]);
	const [cache, throws] = [new SenderCache(), jest.fn(() => Promise.reject(new Error('boom')))];
	const ask = () => cache.current('k', throws, 1_000);
	expect([await ask(), await ask(), throws.mock.calls.length]).toEqual([undefined, undefined, 1]);
});
it('prefetch starts a first fetch once, and never for a key that has a list', async () => {
	const [{ fetch, settle }, cache] = [controlledFetch(), new SenderCache()];
	cache.prefetch('k', fetch);
	cache.prefetch('k', fetch);
	await settle(list('early'));
	cache.prefetch('k', fetch);
	expect(await cache.current('k', fetch, 10)).toEqual(list('early'));
	expect(fetch).toHaveBeenCalledTimes(1);
});
it('keys are apart, and bounded in number', async () => {
	const cache = new SenderCache({ maxEntries: 2 });
	const fetchFor = (name: string) => async () => list(name);
	for (const key of ['a', 'b', 'c'])
		expect(await cache.current(key, fetchFor(key), 1_000)).toEqual(list(key));
	const again = jest.fn(fetchFor('a2'));
	expect(await cache.current('a', again, 1_000)).toEqual(list('a2'));
	expect(again).toHaveBeenCalledTimes(1);
});
