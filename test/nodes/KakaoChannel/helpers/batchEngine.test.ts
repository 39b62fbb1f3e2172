// The batch engine on its own: the transport call is replaced by one that refuses the call holding
// user u4 with -10 (and sends the others), and the context is a small fake.
import type { IExecuteFunctions } from 'n8n-workflow';

import {
	runBatchOperation,
	type BatchOperation,
} from '../../../../nodes/KakaoChannel/helpers/batchEngine';
import { describeItems, describeUnsent } from '../../../../nodes/KakaoChannel/helpers/batchReport';
import { KakaoApiError } from '../../../../nodes/KakaoChannel/transport/kakaoApiError';

const calls: string[][] = [];
const QUOTA = 'Kakao API error -10: quota exceeded';
const node = {
	id: 'n',
	name: 'Kakao Channel',
	type: 'kakaoChannel',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: { userId: '={{ $json.id }}', group: '={{ $json.group }}' },
};
jest.mock('../../../../nodes/KakaoChannel/transport', () => ({
	...jest.requireActual('../../../../nodes/KakaoChannel/transport'),
	kakaoApiCall: async ({ body: { users } }: { body: { users: string[] } }) => {
		calls.push(users);
		if (!users.includes('u4')) return { value: users.length, attempts: 1, resent: 0 };
		const facts = { outcome: 'rejected', kakaoCode: -10, attempts: 1, resent: 0 } as const;
		throw new KakaoApiError(node, { message: QUOTA }, { message: QUOTA }, facts);
	},
}));
const context = {
	getNode: () => node,
	continueOnFail: () => false,
} as unknown as IExecuteFunctions;
/** Users "u<n>" in groups; 3 users per call. */
const operation: BatchOperation<string, string> = {
	usersPerCall: 3,
	readItem(i, reader) {
		const id = String(reader.get('userId', i, ''));
		const group = String(reader.get('group', i, 'g'));
		return { groupKey: group, group, userKey: id, user: id };
	},
	request: (group, users) => ({
		method: 'POST',
		path: `/${group}`,
		body: { users },
		answer: { kind: 'empty' },
	}),
};

// Merging, chunking, grouping, continue on fail and the batch statuses are asserted through the
// engine (actions/relation/checkMany.test.ts, actions/customerFileUser/*.test.ts, actions/inputs.test.ts,
// faults/campaign.test.ts); what is left here has no engine run that shows it.
it('runBatchOperation without continueOnFail: throws the first error, naming unsent users and input items, and later groups are not sent', async () => {
	const items = ['u1', 'u2', 'u3', 'u4'].map((id) => ({ json: { id, group: 'g' } }));
	items.push({ json: { id: 'z', group: 'later' } });
	const error = await runBatchOperation(context, items, operation).then(
		() => undefined,
		(e: KakaoApiError) => e,
	);
	expect(error?.message).toBe(QUOTA);
	expect(error?.description).toBe(
		'1 of 3 batch(es) failed; 3 user(s) were sent in the batches that succeeded, and 2 user(s) were not sent. Input items not sent: 3-4.',
	);
	expect(calls).toEqual([['u1', 'u2', 'u3'], ['u4']]);
});

describe('describeItems / describeUnsent', () => {
	it.each([
		[[], ''],
		[[4], '4'],
		[[0, 1, 2, 5, 7, 8], '0-2, 5, 7-8'],
		[[3, 1, 2, 2], '1-3'],
	])('%j -> "%s"', (indexes, text) => {
		expect(describeItems(indexes)).toBe(text);
	});
	it('counts unknown users among the unsent and says so', () => {
		const batch = (status: string, ...itemIndexes: number[][]) => ({
			status,
			users: itemIndexes.map((indexes) => ({ itemIndexes: indexes })),
		});
		const batches = [batch('sent', [0]), batch('unknown', [1, 4], [2]), batch('not sent', [3])];
		expect(describeUnsent(batches)).toBe(
			'1 of 3 batch(es) failed; 1 user(s) were sent in the batches that succeeded, and 3 user(s) were not sent (2 of them with an unknown outcome: Kakao may have acted on them). Input items not sent: 1-4.',
		);
	});
});
