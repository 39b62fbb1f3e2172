import { chunk, IndexedGroups, runBatches } from '../../../../nodes/KakaoChannel/helpers/batch';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('chunk', () => {
	it('splits into consecutive chunks of at most size elements', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([1, 2, 3, 4], 2)).toEqual([
			[1, 2],
			[3, 4],
		]);
		expect(chunk([1], 200)).toEqual([[1]]);
		expect(chunk([], 3)).toEqual([]);
		expect(chunk(Object.freeze([1, 2, 3]), 2)).toEqual([[1, 2], [3]]); // the input is not changed
	});
	it('4,500 by 2,000 is 2000/2000/500 and 450 by 200 is 200/200/50, in order', () => {
		const list = Array.from({ length: 4500 }, (_, k) => k);
		const chunks = chunk(list, 2000);
		expect(chunks.map((c) => c.length)).toEqual([2000, 2000, 500]);
		expect(chunks.flat()).toEqual(list);
		expect(chunk(list.slice(0, 450), 200).map((c) => c.length)).toEqual([200, 200, 50]);
	});
	it.each([0, -1, 1.5, NaN])('refuses size %p', (size) => {
		expect(() => chunk([1], size)).toThrow('Chunk size must be a positive integer');
	});
});

describe('IndexedGroups', () => {
	it('keeps first-seen key order and every item index of each key', () => {
		const groups = new IndexedGroups<{ v: number }>();
		groups.add('b', { v: 1 }, 0);
		groups.add('a', { v: 2 }, 1);
		groups.add('b', { v: 3 }, 2);
		groups.add('b', { v: 4 }, 5);
		expect(groups.size).toBe(2);
		expect(groups.keys()).toEqual(['b', 'a']);
		expect(groups.get('b')).toEqual({ value: { v: 1 }, itemIndexes: [0, 2, 5] });
		expect(groups.get('zzz')).toBeUndefined();
		expect(groups.values()).toEqual([
			{ key: 'b', value: { v: 1 }, itemIndexes: [0, 2, 5] },
			{ key: 'a', value: { v: 2 }, itemIndexes: [1] },
		]);
	});
	it('merges values with the given function (such as "last one wins")', () => {
		const groups = new IndexedGroups<number>();
		groups.add('k', 1, 0, (_previous, next) => next);
		groups.add('k', 2, 1, (_previous, next) => next);
		groups.add('k', 3, 2, (previous, next) => previous + next);
		expect(groups.get('k')).toEqual({ value: 5, itemIndexes: [0, 1, 2] });
	});
});

describe('runBatches', () => {
	it('sends every batch with at most `concurrency` in flight and returns outcomes in batch order', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const [batches, value] = [[1, 2, 3, 4, 5, 6, 7], (b: number, i: number) => `${i}:${b * 10}`];
		const outcomes = await runBatches(batches, 3, async (batch, index) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			for (let k = 0; k < 8 - batch; k++) await tick(); // later batches finish sooner
			inFlight--;
			return value(batch, index);
		});
		expect(maxInFlight).toBe(3);
		expect(outcomes).toEqual(batches.map((b, i) => ({ status: 'sent', value: value(b, i) })));
	});
	it('starts no new batch after a failure; batches in flight finish; the rest are "not sent"', async () => {
		const started: number[] = [];
		const error = new Error('boom');
		const outcomes = await runBatches(['a', 'b', 'c', 'd', 'e'], 2, async (batch, index) => {
			started.push(index);
			if (batch === 'a') throw error;
			await tick();
			return batch;
		});
		expect(started).toEqual([0, 1]);
		expect(outcomes).toEqual([
			{ status: 'failed', error },
			{ status: 'sent', value: 'b' },
			...Array(3).fill({ status: 'not sent' }),
		]);
	});
	it('with concurrency 1 it is sequential', async () => {
		const order: string[] = [];
		await runBatches(['x', 'y', 'z'], 1, async (batch) => {
			order.push(`start ${batch}`);
			await tick();
			order.push(`end ${batch}`);
		});
		expect(order).toEqual(['start x', 'end x', 'start y', 'end y', 'start z', 'end z']);
	});
	it('no batches: no call', async () => {
		const send = jest.fn();
		expect(await runBatches([], 4, send)).toEqual([]);
		expect(send).not.toHaveBeenCalled();
	});
});
