import { chunk, IndexedGroups } from '../../../../nodes/KakaoChannel/helpers/batch';

describe('chunk', () => {
	it('splits into consecutive chunks of at most size elements', () => {
		expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
		expect(chunk([1, 2, 3, 4], 2)).toEqual([
			[1, 2],
			[3, 4],
		]);
		expect(chunk([1], 200)).toEqual([[1]]);
		expect(chunk([], 3)).toEqual([]);
	});

	it('4,500 by 2,000 is 2000/2000/500 and 450 by 200 is 200/200/50, in order', () => {
		const list = Array.from({ length: 4500 }, (_, k) => k);
		const chunks = chunk(list, 2000);
		expect(chunks.map((c) => c.length)).toEqual([2000, 2000, 500]);
		expect(chunks.flat()).toEqual(list);
		expect(chunk(list.slice(0, 450), 200).map((c) => c.length)).toEqual([200, 200, 50]);
	});

	it('does not change the input', () => {
		const list = Object.freeze([1, 2, 3]);
		expect(chunk(list, 2)).toEqual([[1, 2], [3]]);
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
