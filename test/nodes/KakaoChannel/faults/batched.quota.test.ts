// Fault campaign: the monthly quota (-10) runs out in the middle of a batched run. Five batches;
// the third is refused at once, the others take 300 ms, so exactly batches 1, 2 and 4 (in flight
// with it) go through and batch 5 is never sent. The output must say which users were which.
import type { IDataObject } from 'n8n-workflow';
import { CHANNEL, PARAMS, PATHS } from '../../../support/demo';
import {
	expectNodeError,
	expectNoSecrets,
	pairedOf,
	useEngine,
} from '../../../support/engineHelpers';
import { summaryOf } from '../actions/customerFileUser/fileUsers';

const { emu, run } = useEngine();
const QUOTA = 'Kakao API error -10: quota exceeded';
const NOT_SENT = `Not sent: an earlier batch failed (${QUOTA})`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const usersFrom = (first: number, count: number) => range(0, count).map((k) => String(first + k));

/** -10 for the batch holding `marker`, 300 ms for every other call. */
function quotaOnThirdBatch(path: string, marker: string) {
	emu.injectFault({ fault: { kind: 'kakao', code: -10 }, path, match: marker, times: 1 });
	emu.injectFault({ fault: { kind: 'latency', ms: 300 }, path, times: Infinity });
}
const unsent = (sent: number, notSent: number, items: string) =>
	`1 of 5 batch(es) failed; ${sent} user(s) were sent in the batches that succeeded, and ${notSent} user(s) were not sent. Input items not sent: ${items}.`;

/** The error without continue on fail: how many users, and which input items, were not sent. */
async function expectQuotaError(items: IDataObject[], parameters: IDataObject, summary: string) {
	const error = expectNodeError(await run(parameters, items), 'NodeApiError', emu);
	expect(error.message).toBe(QUOTA);
	expect(error.description).toContain(summary);
}

describe('Check Many Users: 1,000 users in 5 batches of 200', () => {
	const ids = usersFrom(40000, 1000);
	const items = ids.map((id) => ({ id }));
	const parameters = PARAMS.checkMany({ options: { channels: CHANNEL } });
	const dates = { created_at: '2025-01-01T00:00:00Z', updated_at: '2025-01-02T00:00:00Z' };
	beforeEach(() => {
		for (const id of ids)
			emu.addUser({ id, relations: { [CHANNEL]: { relation: 'ADDED', ...dates } } });
		quotaOnThirdBatch(PATHS.multi, 'target_ids=40400');
	});
	it('continue on fail: batches 1, 2, 4 checked; batch 3 failed with -10; batch 5 not sent; each user paired with its item', async () => {
		const result = await run(parameters, items, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.status).sort()).toEqual([200, 200, 200, 400]);
		expect(pairedOf(result.output)).toEqual(ids.map((_, k) => [k]));
		const unchecked = { checked: false, status: 'failed', error: QUOTA, batch: 3, kakao_code: -10 };
		const notSent = { checked: false, status: 'not sent', error: NOT_SENT, batch: 5 };
		const relation = { channel_public_id: CHANNEL, channel_uuid: '@테스트', relation: 'ADDED' };
		expect(result.output!.map((item) => item.json)).toEqual(
			ids.map((user_id, k) => {
				const batch = Math.floor(k / 200) + 1;
				if (batch === 3) return { user_id, ...unchecked };
				if (batch === 5) return { user_id, ...notSent };
				return { user_id, ...relation, ...dates, checked: true };
			}),
		);
	});
	it('without continue on fail: the error names how many users and which input items were not sent', async () => {
		await expectQuotaError(items, parameters, unsent(600, 400, '400-599, 800-999'));
	});
});

describe.each([
	['Add', 'add', PATHS.addUsers, '"id":"54000"'],
	['Delete', 'delete', PATHS.deleteUsers, '"54000"'],
] as const)(
	'Customer File User > %s: 8,001 users in 5 batches (2,000 x 4 + 1)',
	(_name, operation, path, marker) => {
		const ids = usersFrom(50000, 8001);
		const items = ids.map((id) => ({ id, age: 30 }));
		const parameters = PARAMS[operation]();
		beforeEach(() => {
			for (const id of ids) emu.addUser({ id, relations: { [CHANNEL]: { relation: 'ADDED' } } });
			quotaOnThirdBatch(path, marker);
		});
		it('continue on fail: the summary counts 6,000 sent and 2,001 not sent, per batch; every unsent user has an error item paired with its item', async () => {
			const result = await run(parameters, items, { continueOnFail: true });
			expect(result.error).toBeUndefined();
			const added = (count: number) =>
				operation === 'add' ? { request_count: count, success_count: count } : {};
			const sent = (batch: number) => ({ batch, users: 2000, status: 'sent', ...added(2000) });
			expect(result.output![0].json).toEqual(
				summaryOf(operation, {
					input_items: 8001,
					users_sent: 6000,
					users_not_sent: 2001,
					calls: 4,
					...added(6000),
					...(operation === 'add' ? { not_added_count: 0 } : {}),
					batches: [
						sent(1),
						sent(2),
						{ batch: 3, users: 2000, status: 'failed', error: QUOTA, kakao_code: -10 },
						sent(4),
						{ batch: 5, users: 1, status: 'not sent' },
					],
					error: QUOTA,
				}),
			);
			expect(pairedOf(result.output!.slice(0, 1))).toEqual([
				[...range(0, 4000), ...range(6000, 8000)],
			]);
			const unsentItems = [...range(4000, 6000), 8000];
			expect(result.output!.slice(1).map((item) => item.json)).toEqual(
				unsentItems.map((k) =>
					k === 8000
						? { error: NOT_SENT, user_id: ids[k], status: 'not sent', batch: 5 }
						: { error: QUOTA, user_id: ids[k], status: 'failed', batch: 3, kakao_code: -10 },
				),
			);
			expect(pairedOf(result.output!.slice(1))).toEqual(unsentItems.map((k) => [k]));
			if (operation === 'add') expect(emu.files(CHANNEL)[0].members.size).toBe(2 + 6000);
			expectNoSecrets(result, emu);
		});
		it('without continue on fail: the error names how many users and which input items were not sent', async () => {
			await expectQuotaError(items, parameters, unsent(6000, 2001, '4000-5999, 8000'));
		});
	},
);
