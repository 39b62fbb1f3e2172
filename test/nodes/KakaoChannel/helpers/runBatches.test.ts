import { runBatches } from '../../../../nodes/KakaoChannel/helpers/batch';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runBatches', () => {
	it('sends every batch with at most `concurrency` in flight and returns outcomes in batch order', async () => {
		let inFlight = 0;
		let maxInFlight = 0;
		const outcomes = await runBatches([1, 2, 3, 4, 5, 6, 7], 3, async (batch, index) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			for (let k = 0; k < 8 - batch; k++) await tick(); // later batches finish sooner
			inFlight--;
			return `${index}:${batch * 10}`;
		});
		expect(maxInFlight).toBe(3);
		expect(outcomes).toEqual(
			[1, 2, 3, 4, 5, 6, 7].map((batch, index) => ({
				status: 'sent',
				value: `${index}:${batch * 10}`,
			})),
		);
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
			{ status: 'not sent' },
			{ status: 'not sent' },
			{ status: 'not sent' },
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
