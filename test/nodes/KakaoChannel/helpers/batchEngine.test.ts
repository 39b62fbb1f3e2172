// The batch engine on its own: the transport call is replaced by a script of outcomes per batch,
// and the context is a small fake, so grouping, chunking, accounting and error text are checked
// without HTTP. (The engine tests under test/nodes/KakaoChannel/actions run the same code through n8n against the emulator.)
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	runBatchOperation,
	unsentFields,
	unsentReason,
	unsentUsers,
	type BatchOperation,
} from '../../../../nodes/KakaoChannel/helpers/batchEngine';
import { describeItems, describeUnsent } from '../../../../nodes/KakaoChannel/helpers/batchReport';
import { KakaoApiError } from '../../../../nodes/KakaoChannel/transport/kakaoApiError';

type Script = (users: string[]) => Promise<{ value: unknown; attempts: number; resent: number }>;
let script: Script;

jest.mock('../../../../nodes/KakaoChannel/transport', () => ({
	...jest.requireActual('../../../../nodes/KakaoChannel/transport'),
	kakaoApiCall: async (request: { body: { users: string[] } }) => await script(request.body.users),
}));

const node = {
	id: 'n',
	name: 'Kakao Channel',
	type: 'kakaoChannel',
	typeVersion: 1,
	position: [0, 0] as [number, number],
	parameters: { userId: '={{ $json.id }}', group: '={{ $json.group }}' },
};

function fakeContext(continueOnFail: boolean): IExecuteFunctions {
	return {
		getNode: () => node,
		continueOnFail: () => continueOnFail,
	} as unknown as IExecuteFunctions;
}

/** Users "u<n>" in groups; 3 users per call; a user named "bad" is refused as input. */
const operation: BatchOperation<string, string> = {
	usersPerCall: 3,
	readItem(i, reader) {
		const id = String(reader.get('userId', i, ''));
		if (id === 'bad')
			throw new NodeOperationError(
				this.getNode(),
				`User ID "bad" of item ${i} is not a service user ID`,
				{ itemIndex: i },
			);
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

const items = (...ids: string[]): INodeExecutionData[] =>
	ids.map((id) => ({ json: { id, group: 'g' } }));
const ok = async (users: string[]) => ({ value: users.length, attempts: 1, resent: 0 });
function failing(outcome: 'rejected' | 'unknown', message: string, kakaoCode?: number) {
	return new KakaoApiError(
		node,
		{ message },
		{ message },
		{
			outcome,
			kakaoCode,
			attempts: outcome === 'unknown' ? 4 : 1,
			resent: outcome === 'unknown' ? 3 : 0,
		},
	);
}

beforeEach(() => {
	script = ok;
});

describe('runBatchOperation', () => {
	it('merges repeated users, chunks by usersPerCall, and keeps every input item of a user', async () => {
		const seen: string[][] = [];
		script = async (users) => (seen.push(users), await ok(users));
		const { groups, inputErrors } = await runBatchOperation(
			fakeContext(false),
			items('u1', 'u2', 'u1', 'u3', 'u4'),
			operation,
		);
		expect(inputErrors).toEqual([]);
		expect(seen.sort()).toEqual([['u1', 'u2', 'u3'], ['u4']]);
		expect(groups).toHaveLength(1);
		expect(groups[0]).toMatchObject({ group: 'g', inputItems: 5, uniqueUsers: 4 });
		expect(
			groups[0].batches.map((batch) => [
				batch.batch,
				batch.status,
				batch.answer,
				batch.users.map((user) => [user.key, user.itemIndexes]),
			]),
		).toEqual([
			[
				1,
				'sent',
				3,
				[
					['u1', [0, 2]],
					['u2', [1]],
					['u3', [3]],
				],
			],
			[2, 'sent', 1, [['u4', [4]]]],
		]);
	});

	it('items of different groups are sent apart', async () => {
		const input = [
			{ json: { id: 'a', group: 'x' } },
			{ json: { id: 'b', group: 'y' } },
			{ json: { id: 'c', group: 'x' } },
		];
		const { groups } = await runBatchOperation(fakeContext(false), input, operation);
		expect(
			groups.map((group) => [
				group.group,
				group.batches.flatMap((batch) => batch.users.map((user) => user.key)),
			]),
		).toEqual([
			['x', ['a', 'c']],
			['y', ['b']],
		]);
	});

	it('continueOnFail: a bad item becomes an error item paired with it; the rest is sent', async () => {
		const { groups, inputErrors } = await runBatchOperation(
			fakeContext(true),
			items('u1', 'bad', 'u2'),
			operation,
		);
		expect(inputErrors).toEqual([
			{
				json: { error: 'User ID "bad" of item 1 is not a service user ID' },
				pairedItem: { item: 1 },
			},
		]);
		expect(groups[0].uniqueUsers).toBe(2);
	});

	it('without continueOnFail a bad item stops the run before any call', async () => {
		const calls: string[][] = [];
		script = async (users) => (calls.push(users), await ok(users));
		await expect(
			runBatchOperation(fakeContext(false), items('u1', 'bad'), operation),
		).rejects.toThrow('User ID "bad" of item 1');
		expect(calls).toEqual([]);
	});

	it('continueOnFail: a refused batch is "failed" with its Kakao code, an unknown one "unknown" with its re-sends', async () => {
		script = async (users) => {
			if (users[0] === 'u1')
				throw failing('rejected', 'Kakao API error -2: bad or missing parameter', -2);
			throw failing('unknown', 'Could not reach the Kakao API (tried 4 times)');
		};
		const { groups } = await runBatchOperation(
			fakeContext(true),
			items('u1', 'u2', 'u3', 'u4'),
			operation,
		);
		expect(
			groups[0].batches.map((batch) => [
				batch.status,
				batch.kakaoCode,
				batch.attempts,
				batch.resent,
			]),
		).toEqual([
			['failed', -2, 1, 0],
			['unknown', undefined, 4, 3],
		]);
		expect(groups[0].error?.message).toMatch(/^Kakao API error -2|^Could not reach/);
		const unsent = unsentUsers(groups[0]).map(({ user, batch }) => [
			user.key,
			unsentFields(batch),
			unsentReason(batch, groups[0].error),
		]);
		expect(unsent).toEqual([
			[
				'u1',
				{ status: 'failed', batch: 1, kakao_code: -2 },
				'Kakao API error -2: bad or missing parameter',
			],
			[
				'u2',
				{ status: 'failed', batch: 1, kakao_code: -2 },
				'Kakao API error -2: bad or missing parameter',
			],
			[
				'u3',
				{ status: 'failed', batch: 1, kakao_code: -2 },
				'Kakao API error -2: bad or missing parameter',
			],
			[
				'u4',
				{ status: 'unknown', batch: 2 },
				'Outcome unknown, Kakao may have acted: Could not reach the Kakao API (tried 4 times)',
			],
		]);
	});

	it('a read-only operation reports a lost answer as "failed", not "unknown"', async () => {
		script = async () => {
			throw failing('unknown', 'Kakao did not answer within 1 s (tried 2 times)');
		};
		const { groups } = await runBatchOperation(fakeContext(true), items('u1'), {
			...operation,
			readOnly: true,
		});
		expect(groups[0].batches[0].status).toBe('failed');
	});

	it('without continueOnFail: throws the first error, naming unsent users and input items, and later groups are not sent', async () => {
		const calls: string[][] = [];
		script = async (users) => {
			calls.push(users);
			if (users.includes('u4'))
				throw failing('rejected', 'Kakao API error -10: quota exceeded', -10);
			return await ok(users);
		};
		const input = [...items('u1', 'u2', 'u3', 'u4'), { json: { id: 'z', group: 'later' } }];
		const error = await runBatchOperation(fakeContext(false), input, operation).then(
			() => undefined,
			(e: KakaoApiError) => e,
		);
		expect(error?.message).toBe('Kakao API error -10: quota exceeded');
		expect(error?.description).toBe(
			'1 of 3 batch(es) failed; 3 user(s) were sent in the batches that succeeded, and 2 user(s) were not sent. Input items not sent: 3-4.',
		);
		expect(calls).toEqual([['u1', 'u2', 'u3'], ['u4']]);
	});
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
		expect(
			describeUnsent([batch('sent', [0]), batch('unknown', [1, 4], [2]), batch('not sent', [3])]),
		).toBe(
			'1 of 3 batch(es) failed; 1 user(s) were sent in the batches that succeeded, and 3 user(s) were not sent (2 of them with an unknown outcome: Kakao may have acted on them). Input items not sent: 1-4.',
		);
	});
});
