/** Splits a list into consecutive chunks of at most `size` elements. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new Error(`Chunk size must be a positive integer, got ${size}`);
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) {
		chunks.push(list.slice(start, start + size));
	}
	return chunks;
}

/**
 * Groups values by key, keeping first-seen order and every input index that fed each key,
 * so that each output item can be paired with all the items it came from.
 */
export class IndexedGroups<V> {
	private readonly entries = new Map<string, { value: V; itemIndexes: number[] }>();

	add(key: string, value: V, itemIndex: number, merge?: (previous: V, next: V) => V): void {
		const existing = this.entries.get(key);
		if (existing) {
			existing.value = merge ? merge(existing.value, value) : existing.value;
			existing.itemIndexes.push(itemIndex);
		} else {
			this.entries.set(key, { value, itemIndexes: [itemIndex] });
		}
	}

	get size(): number {
		return this.entries.size;
	}

	get(key: string): { value: V; itemIndexes: number[] } | undefined {
		return this.entries.get(key);
	}

	keys(): string[] {
		return [...this.entries.keys()];
	}

	values(): Array<{ key: string; value: V; itemIndexes: number[] }> {
		return [...this.entries].map(([key, entry]) => ({ key, ...entry }));
	}
}
