/** Splits a list into consecutive chunks of at most `size` elements. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1)
		throw new Error(`Chunk size must be a positive integer, got ${size}`);
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

export type BatchOutcome<R> =
	| { status: 'sent'; value: R }
	| { status: 'failed'; error: unknown }
	| { status: 'not sent' };

/**
 * Sends batches with a few calls in flight, so the wait for Kakao overlaps instead of adding
 * up. After the first failure no new batch starts; every batch reports what happened to it.
 */
export async function runBatches<T, R>(
	batches: readonly T[],
	concurrency: number,
	send: (batch: T, index: number) => Promise<R>,
): Promise<Array<BatchOutcome<R>>> {
	const outcomes: Array<BatchOutcome<R>> = batches.map(() => ({ status: 'not sent' }));
	let next = 0;
	let stopped = false;
	const worker = async () => {
		while (!stopped && next < batches.length) {
			const index = next++;
			try {
				outcomes[index] = { status: 'sent', value: await send(batches[index], index) };
			} catch (error) {
				outcomes[index] = { status: 'failed', error };
				stopped = true;
			}
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, batches.length) }, worker));
	return outcomes;
}
