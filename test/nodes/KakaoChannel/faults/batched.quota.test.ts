// Fault campaign: the monthly quota (-10) runs out in the middle of a batched run. Five batches;
// the third is refused at once, the others take 300 ms, so exactly batches 1, 2 and 4 (in flight
// with it) go through and batch 5 is never sent. The output must say which users were which.
import type { IDataObject } from 'n8n-workflow';

import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import {
	ADD_USERS_PATH,
	CHANNEL,
	DELETE_USERS_PATH,
	MULTI_PATH,
	apiCredentials,
	expectNoSecrets,
	expectNodeError,
	pairedOf,
	rl,
} from '../../../support/engineHelpers';

const emu = useKakaoEmulator();

const QUOTA = 'Kakao API error -10: quota exceeded';
const NOT_SENT = `Not sent: an earlier batch failed (${QUOTA})`;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** -10 for the batch holding `marker`, 300 ms for every other call. */
function quotaOnThirdBatch(path: string, marker: string) {
	emu.injectFault({ fault: { kind: 'kakao', code: -10 }, path, match: marker, times: 1 });
	emu.injectFault({ fault: { kind: 'latency', ms: 300 }, path, times: Infinity });
}

describe('Check Many Users: 1,000 users in 5 batches of 200', () => {
	const ids = range(0, 1000).map((k) => String(40000 + k));
	const run = (continueOnFail: boolean) =>
		runKakaoNode({
			parameters: {
				resource: 'relation',
				operation: 'checkMany',
				userId: '={{ $json.id }}',
				options: { channels: CHANNEL },
			},
			items: ids.map((id) => ({ id })),
			credentials: apiCredentials(emu),
			continueOnFail,
		});
	beforeEach(() => {
		for (const id of ids)
			emu.addUser({
				id,
				relations: {
					[CHANNEL]: {
						relation: 'ADDED',
						created_at: '2025-01-01T00:00:00Z',
						updated_at: '2025-01-02T00:00:00Z',
					},
				},
			});
		quotaOnThirdBatch(MULTI_PATH, 'target_ids=40400');
	});

	it('continue on fail: batches 1, 2, 4 checked; batch 3 failed with -10; batch 5 not sent; each user paired with its item', async () => {
		const result = await run(true);
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.status).sort()).toEqual([200, 200, 200, 400]);
		expect(result.output).toHaveLength(1000);
		result.output!.forEach((item, k) => {
			const batch = Math.floor(k / 200) + 1;
			expect(pairedOf([item])[0]).toEqual([k]);
			if (batch === 3)
				expect(item.json).toEqual({
					user_id: ids[k],
					checked: false,
					error: QUOTA,
					status: 'failed',
					batch: 3,
					kakao_code: -10,
				});
			else if (batch === 5)
				expect(item.json).toEqual({
					user_id: ids[k],
					checked: false,
					error: NOT_SENT,
					status: 'not sent',
					batch: 5,
				});
			else
				expect(item.json).toEqual({
					user_id: ids[k],
					channel_public_id: CHANNEL,
					channel_uuid: '@테스트',
					relation: 'ADDED',
					created_at: '2025-01-01T00:00:00Z',
					updated_at: '2025-01-02T00:00:00Z',
					checked: true,
				});
		});
	});

	it('without continue on fail: the error names how many users and which input items were not sent', async () => {
		const result = await run(false);
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe(QUOTA);
		expect(error.description).toContain(
			'1 of 5 batch(es) failed; 600 user(s) were sent in the batches that succeeded, and 400 user(s) were not sent. Input items not sent: 400-599, 800-999.',
		);
	});
});

describe.each([
	['Add', 'add', ADD_USERS_PATH],
	['Delete', 'delete', DELETE_USERS_PATH],
] as const)(
	'Customer File User > %s: 8,001 users in 5 batches (2,000 x 4 + 1)',
	(_name, operation, path) => {
		const ids = range(0, 8001).map((k) => String(50000 + k));
		const run = (continueOnFail: boolean) =>
			runKakaoNode({
				parameters: {
					resource: 'customerFileUser',
					operation,
					channel: rl(CHANNEL),
					fileId: rl('437', 'list'),
					userType: 'app',
					userId: '={{ $json.id }}',
					...(operation === 'add'
						? { fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] } }
						: {}),
				},
				items: ids.map((id) => ({ id, age: 30 })),
				credentials: apiCredentials(emu),
				continueOnFail,
			});
		beforeEach(() => {
			for (const id of ids) emu.addUser({ id, relations: { [CHANNEL]: { relation: 'ADDED' } } });
			quotaOnThirdBatch(path, operation === 'add' ? '"id":"54000"' : '"54000"');
		});

		it('continue on fail: the summary counts 6,000 sent and 2,001 not sent, per batch; every unsent user has an error item paired with its item', async () => {
			const result = await run(true);
			expect(result.error).toBeUndefined();
			const sent = (batch: number) => ({
				batch,
				users: 2000,
				status: 'sent',
				...(operation === 'add' ? { request_count: 2000, success_count: 2000 } : {}),
			});
			expect(result.output![0].json).toEqual({
				operation,
				channel_public_id: CHANNEL,
				file_id: 437,
				user_type: 'app',
				input_items: 8001,
				unique_users: 8001,
				duplicate_users_merged: 0,
				users_sent: 6000,
				users_not_sent: 2001,
				users_outcome_unknown: 0,
				users_resent: 0,
				calls: 4,
				...(operation === 'add'
					? { request_count: 6000, success_count: 6000, not_added_count: 0 }
					: {}),
				batches: [
					sent(1),
					sent(2),
					{ batch: 3, users: 2000, status: 'failed', error: QUOTA, kakao_code: -10 },
					sent(4),
					{ batch: 5, users: 1, status: 'not sent' },
				],
				error: QUOTA,
			});
			expect(pairedOf(result.output!.slice(0, 1))).toEqual([
				[...range(0, 4000), ...range(6000, 8000)],
			]);
			const unsent = [...range(4000, 6000), 8000];
			expect(result.output!.slice(1).map((item) => item.json)).toEqual(
				unsent.map(
					(k): IDataObject =>
						k === 8000
							? { error: NOT_SENT, user_id: ids[k], status: 'not sent', batch: 5 }
							: { error: QUOTA, user_id: ids[k], status: 'failed', batch: 3, kakao_code: -10 },
				),
			);
			expect(pairedOf(result.output!.slice(1))).toEqual(unsent.map((k) => [k]));
			if (operation === 'add') expect(emu.files(CHANNEL)[0].members.size).toBe(2 + 6000);
			expectNoSecrets(result, emu);
		});

		it('without continue on fail: the error names how many users and which input items were not sent', async () => {
			const result = await run(false);
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toBe(QUOTA);
			expect(error.description).toContain(
				'1 of 5 batch(es) failed; 6000 user(s) were sent in the batches that succeeded, and 2001 user(s) were not sent. Input items not sent: 4000-5999, 8000.',
			);
		});
	},
);
