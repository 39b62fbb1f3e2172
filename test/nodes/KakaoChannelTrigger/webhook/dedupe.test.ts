import {
	DEDUPE_MAX_IDS_PER_TRIGGER,
	DEDUPE_MAX_IDS_TOTAL,
	DEDUPE_TTL_MS,
	RecentDeliveries,
	dedupeKey,
} from '../../../../nodes/KakaoChannelTrigger/webhook/dedupe';

function clock(start = 1_700_000_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms), set: (ms: number) => (now = ms) };
}

const T = 'trigger-a';

describe('RecentDeliveries, one trigger', () => {
	it('defaults to 10,000 ids a trigger (the newest), 100,000 in all, 24 hours, and stays at its bound', () => {
		const ids = new RecentDeliveries();
		const defaults = [10_000, 100_000, 86_400_000];
		expect([ids.maxIdsPerTrigger, ids.maxIdsTotal, ids.ttlMs]).toEqual(defaults);
		expect([DEDUPE_MAX_IDS_PER_TRIGGER, DEDUPE_MAX_IDS_TOTAL, DEDUPE_TTL_MS]).toEqual(defaults);
		for (let i = 0; i < 10_050; i++) ids.checkAndAdd(T, `id-${i}`);
		expect(ids.sizeOf(T)).toBe(10_000);
		expect([ids.has(T, 'id-49'), ids.has(T, 'id-50')]).toEqual([false, true]);
		expect(ids.checkAndAdd(T, 'id-10049')).toBe(true);
		for (let i = 10_050; i < 200_000; i++) ids.checkAndAdd(T, `id-${i}`);
		expect(ids.size).toBe(10_000);
		expect(ids.checkAndAdd(T, 'id-199999')).toBe(true);
		expect(ids.checkAndAdd(T, 'id-0')).toBe(false);
	});
	it('reports a second delivery of an id as a duplicate; clear() empties it', () => {
		const ids = new RecentDeliveries();
		expect(['a', 'a', 'b'].map((id) => ids.checkAndAdd(T, id))).toEqual([false, true, false]);
		expect([ids.has(T, 'a'), ids.has(T, 'c'), ids.size]).toEqual([true, false, 2]);
		ids.clear();
		expect([ids.size, ids.triggerCount, ids.has(T, 'a')]).toEqual([0, 0, false]);
	});
	it('remembers an id for the whole TTL, not extended by a duplicate, and forgets it after', () => {
		const [c, short] = [clock(), clock()];
		const ids = new RecentDeliveries({ maxIdsPerTrigger: 100, now: c.now });
		ids.checkAndAdd(T, 'a');
		c.advance(DEDUPE_TTL_MS - 1);
		expect(ids.checkAndAdd(T, 'a')).toBe(true);
		c.advance(1);
		expect([ids.has(T, 'a'), ids.checkAndAdd(T, 'a')]).toEqual([false, false]);
		const quick = new RecentDeliveries({ ttlMs: 1000, now: short.now });
		quick.checkAndAdd(T, 'a');
		short.advance(900);
		expect(quick.checkAndAdd(T, 'a')).toBe(true);
		short.advance(100);
		expect(quick.checkAndAdd(T, 'a')).toBe(false);
	});
	it('keeps only the newest maxIdsPerTrigger ids (oldest evicted first)', () => {
		const ids = new RecentDeliveries({ maxIdsPerTrigger: 3 });
		for (const id of ['a', 'b', 'c', 'd']) ids.checkAndAdd(T, id);
		expect(ids.size).toBe(3);
		expect([ids.has(T, 'a'), ids.has(T, 'b'), ids.has(T, 'd')]).toEqual([false, true, true]);
	});
	it('drops expired ids when new ones arrive, so memory follows the traffic', () => {
		const c = clock();
		const ids = new RecentDeliveries({ ttlMs: 1000, now: c.now });
		for (let i = 0; i < 500; i++) ids.checkAndAdd(`t-${i % 7}`, `old-${i}`);
		c.advance(1000);
		ids.checkAndAdd(T, 'new');
		expect([ids.size, ids.triggerCount]).toEqual([1, 1]);
	});
	it('copes with a clock that goes back', () => {
		const c = clock(10_000);
		const ids = new RecentDeliveries({ maxIdsPerTrigger: 10, ttlMs: 1000, now: c.now });
		ids.checkAndAdd(T, 'a');
		c.set(5_000);
		expect(ids.checkAndAdd(T, 'a')).toBe(true);
		c.set(20_000);
		expect([ids.checkAndAdd(T, 'a'), ids.size]).toEqual([false, 1]);
	});
	it.each([{ maxIdsPerTrigger: 0 }, { maxIdsPerTrigger: 1.5 }, { maxIdsTotal: 0 }, { ttlMs: 0 }])(
		'refuses nonsense limits: %p',
		(limits) => expect(() => new RecentDeliveries(limits)).toThrow(RangeError),
	);
});
describe('RecentDeliveries, many triggers', () => {
	// Ids kept per trigger, 150 triggers in turn: KakaoChannelTrigger.webhook.test.ts, through n8n.
	it('drops the oldest ids across all triggers past the total bound', () => {
		const ids = new RecentDeliveries({ maxIdsPerTrigger: 10, maxIdsTotal: 5 });
		const deliveries = ['a:1', 'b:2', 'a:3', 'c:4', 'b:5', 'c:6'].map((key) => key.split(':'));
		for (const [trigger, id] of deliveries) ids.checkAndAdd(trigger, id);
		expect(ids.size).toBe(5);
		const kept = deliveries.filter(([trigger, id]) => ids.has(trigger, id));
		expect(kept).toEqual(deliveries.slice(1));
	});
	it("a busy trigger drops only its own oldest ids, never another trigger's", () => {
		const ids = new RecentDeliveries({ maxIdsPerTrigger: 100, maxIdsTotal: 1_000 });
		ids.checkAndAdd('quiet', 'kept');
		for (let i = 0; i < 5_000; i++) ids.checkAndAdd('busy', `id-${i}`);
		expect(ids.has('quiet', 'kept')).toBe(true);
		expect([ids.sizeOf('busy'), ids.size]).toEqual([100, 101]);
	});
	it('a trigger whose ids are all gone holds no memory', () => {
		const ids = new RecentDeliveries({ maxIdsPerTrigger: 10, maxIdsTotal: 2 });
		for (const trigger of ['a', 'b', 'c']) ids.checkAndAdd(trigger, '1');
		expect([ids.triggerCount, ids.sizeOf('a')]).toEqual([2, 0]);
	});
});

// Workflows, nodes, test and production apart: KakaoChannelTrigger.webhook.test.ts, through n8n.
it('dedupeKey: an activation trigger shares the production key; separators inside ids do not confuse it', () => {
	expect(dedupeKey('w1', 'n1', 'webhook')).toBe(dedupeKey('w1', 'n1', 'trigger'));
	expect(dedupeKey('a:b', 'c', 'webhook')).not.toBe(dedupeKey('a', 'b:c', 'webhook'));
});
