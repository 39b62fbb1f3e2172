import {
	DEDUPE_MAX_IDS,
	DEDUPE_TTL_MS,
	RecentIds,
	RecentIdsRegistry,
	dedupeKey,
} from '../../../../nodes/KakaoChannelTrigger/webhook/dedupe';

function clock(start = 1_700_000_000_000) {
	let now = start;
	return {
		now: () => now,
		advance: (ms: number) => {
			now += ms;
		},
		set: (ms: number) => {
			now = ms;
		},
	};
}

describe('RecentIds', () => {
	it('defaults to 10,000 ids and 24 hours', () => {
		const ids = new RecentIds();
		expect(ids.maxSize).toBe(10_000);
		expect(ids.ttlMs).toBe(24 * 60 * 60 * 1000);
		expect(DEDUPE_MAX_IDS).toBe(10_000);
		expect(DEDUPE_TTL_MS).toBe(86_400_000);
	});

	it('reports a second delivery of an id as a duplicate', () => {
		const ids = new RecentIds();
		expect(ids.checkAndAdd('a')).toBe(false);
		expect(ids.checkAndAdd('a')).toBe(true);
		expect(ids.checkAndAdd('b')).toBe(false);
		expect(ids.has('a')).toBe(true);
		expect(ids.has('c')).toBe(false);
		expect(ids.size).toBe(2);
	});

	it('remembers an id for the whole TTL and forgets it after', () => {
		const c = clock();
		const ids = new RecentIds(100, DEDUPE_TTL_MS, c.now);
		ids.checkAndAdd('a');
		c.advance(DEDUPE_TTL_MS - 1);
		expect(ids.checkAndAdd('a')).toBe(true);
		c.advance(1);
		expect(ids.has('a')).toBe(false);
		expect(ids.checkAndAdd('a')).toBe(false);
	});

	it('does not extend the TTL on a duplicate', () => {
		const c = clock();
		const ids = new RecentIds(100, 1000, c.now);
		ids.checkAndAdd('a');
		c.advance(900);
		expect(ids.checkAndAdd('a')).toBe(true);
		c.advance(100);
		expect(ids.checkAndAdd('a')).toBe(false);
	});

	it('keeps only the newest maxSize ids (oldest evicted first)', () => {
		const ids = new RecentIds(3, DEDUPE_TTL_MS);
		for (const id of ['a', 'b', 'c', 'd']) ids.checkAndAdd(id);
		expect(ids.size).toBe(3);
		expect(ids.has('a')).toBe(false);
		expect(ids.has('b')).toBe(true);
		expect(ids.has('d')).toBe(true);
	});

	it('is bounded at 10,000 ids by default, within 24 hours', () => {
		const ids = new RecentIds();
		for (let i = 0; i < 10_050; i++) ids.checkAndAdd(`id-${i}`);
		expect(ids.size).toBe(10_000);
		expect(ids.has('id-49')).toBe(false);
		expect(ids.has('id-50')).toBe(true);
		expect(ids.checkAndAdd('id-10049')).toBe(true);
	});

	it('drops expired ids when new ones arrive, so memory follows the traffic', () => {
		const c = clock();
		const ids = new RecentIds(1000, 1000, c.now);
		for (let i = 0; i < 500; i++) ids.checkAndAdd(`old-${i}`);
		c.advance(1000);
		ids.checkAndAdd('new');
		expect(ids.size).toBe(1);
	});

	it('copes with a clock that goes back', () => {
		const c = clock(10_000);
		const ids = new RecentIds(10, 1000, c.now);
		ids.checkAndAdd('a');
		c.set(5_000);
		expect(ids.checkAndAdd('a')).toBe(true);
		c.set(20_000);
		expect(ids.checkAndAdd('a')).toBe(false);
	});

	it('stays at its bound after many more ids than it keeps', () => {
		const ids = new RecentIds();
		for (let i = 0; i < 200_000; i++) ids.checkAndAdd(`id-${i}`);
		expect(ids.size).toBe(10_000);
		expect(ids.checkAndAdd('id-199999')).toBe(true);
		expect(ids.checkAndAdd('id-0')).toBe(false);
	});

	it('refuses nonsense limits', () => {
		expect(() => new RecentIds(0)).toThrow(RangeError);
		expect(() => new RecentIds(1.5)).toThrow(RangeError);
		expect(() => new RecentIds(10, 0)).toThrow(RangeError);
	});
});

describe('RecentIdsRegistry', () => {
	it('returns the same store for the same key and separate ones for others', () => {
		const registry = new RecentIdsRegistry();
		const a = registry.get('a');
		a.checkAndAdd('x');
		expect(registry.get('a')).toBe(a);
		expect(registry.get('b').has('x')).toBe(false);
	});

	it('holds at most maxStores stores, dropping the least recently used', () => {
		const registry = new RecentIdsRegistry(2);
		const a = registry.get('a');
		registry.get('b');
		registry.get('a'); // a is now the most recent
		registry.get('c'); // evicts b
		expect(registry.size).toBe(2);
		expect(registry.get('a')).toBe(a);
		const b = registry.get('b');
		expect(b.size).toBe(0);
	});

	it('clear() empties it', () => {
		const registry = new RecentIdsRegistry();
		registry.get('a');
		registry.clear();
		expect(registry.size).toBe(0);
	});
});

describe('dedupeKey', () => {
	it('separates workflows, nodes and test vs production', () => {
		const keys = new Set([
			dedupeKey('w1', 'n1', 'webhook'),
			dedupeKey('w2', 'n1', 'webhook'),
			dedupeKey('w1', 'n2', 'webhook'),
			dedupeKey('w1', 'n1', 'manual'),
		]);
		expect(keys.size).toBe(4);
		expect(dedupeKey('w1', 'n1', 'webhook')).toBe(dedupeKey('w1', 'n1', 'trigger'));
	});

	it('cannot be confused by separators inside ids', () => {
		expect(dedupeKey('a:b', 'c', 'webhook')).not.toBe(dedupeKey('a', 'b:c', 'webhook'));
	});
});
