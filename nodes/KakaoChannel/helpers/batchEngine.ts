import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { KakaoApiError, kakaoApiCall, type KakaoRequest } from '../transport';
import { chunk, IndexedGroups, runBatches } from './batch';
import { describeUnsent } from './batchReport';
import { ItemValueReader } from './itemValues';
import { ensureNodeError } from '../transport/nodeError';

/** Batch calls in flight at once: enough to hide Kakao's latency, few enough to be polite. */
export const CONCURRENT_CALLS = 4;

/** What a batched operation says about itself; the engine does the rest. */
export interface BatchOperation<G, U> {
	usersPerCall: number;
	/** A read (relation check): a lost answer means "not checked", never "Kakao may have acted". */
	readOnly?: boolean;
	/** Reads one input item; throws a NodeOperationError naming the item when it is wrong. */
	readItem(
		this: IExecuteFunctions,
		itemIndex: number,
		reader: ItemValueReader,
	): { groupKey: string; group: G; userKey: string; user: U };
	/** The call for one batch of one group. */
	request(group: G, users: U[]): Omit<KakaoRequest, 'itemIndex'>;
}

/** `failed`: Kakao refused it (nothing done); `unknown`: Kakao may have acted; `not sent`: never sent. */
export type BatchStatus = 'sent' | 'failed' | 'unknown' | 'not sent';

export interface BatchUser<U> {
	key: string;
	value: U;
	itemIndexes: number[];
}

export interface BatchResult<U> {
	batch: number;
	users: Array<BatchUser<U>>;
	status: BatchStatus;
	/** Kakao's answer, when sent. */
	answer?: unknown;
	error?: Error;
	kakaoCode?: number;
	attempts: number;
	/** Times the batch was sent again after an attempt whose outcome was unknown. */
	resent: number;
}

export interface GroupResult<G, U> {
	group: G;
	inputItems: number;
	uniqueUsers: number;
	batches: Array<BatchResult<U>>;
	/** The first failure of the group, if any. */
	error?: Error;
}

/** Reads every item under continueOnFail, then groups, chunks and sends with bounded concurrency. */
export async function runBatchOperation<G, U>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BatchOperation<G, U>,
): Promise<{ groups: Array<GroupResult<G, U>>; inputErrors: INodeExecutionData[] }> {
	const { groups, inputErrors } = collect(context, items, operation);
	const results: Array<GroupResult<G, U>> = [];
	let stopped = false;
	for (const entry of groups) {
		const users = entry.users
			.values()
			.map(({ key, value, itemIndexes }) => ({ key, value, itemIndexes }));
		const batches = chunk(users, operation.usersPerCall);
		const outcomes = stopped
			? batches.map(() => ({ status: 'not sent' as const }))
			: await runBatches(
					batches,
					CONCURRENT_CALLS,
					async (batch) =>
						await kakaoApiCall.call(context, {
							...operation.request(
								entry.group,
								batch.map((user) => user.value),
							),
							itemIndex: batch[0].itemIndexes[0],
						}),
				);
		const report = outcomes.map((outcome, b): BatchResult<U> => {
			const base = { batch: b + 1, users: batches[b] };
			if (outcome.status === 'sent') {
				const { value, attempts, resent } = outcome.value;
				return { ...base, status: 'sent', answer: value, attempts, resent };
			}
			if (outcome.status === 'not sent')
				return { ...base, status: 'not sent', attempts: 0, resent: 0 };
			const error = ensureNodeError(context.getNode(), outcome.error);
			const kakao = error instanceof KakaoApiError ? error : undefined;
			return {
				...base,
				status: kakao?.outcome === 'unknown' && !operation.readOnly ? 'unknown' : 'failed',
				error,
				kakaoCode: kakao?.kakaoCode,
				attempts: kakao?.attempts ?? 1,
				resent: kakao?.resent ?? 0,
			};
		});
		const error = report.find((batch) => batch.error)?.error;
		results.push({
			group: entry.group,
			inputItems: entry.inputItems,
			uniqueUsers: users.length,
			batches: report,
			error,
		});
		// Without continueOnFail the run ends at the first failure: later groups are not sent.
		if (error && !context.continueOnFail()) stopped = true;
	}
	const firstError = results.find((result) => result.error)?.error;
	if (firstError && !context.continueOnFail()) throw withAccounting(context, firstError, results);
	return { groups: results, inputErrors };
}

interface CollectedGroup<G, U> {
	group: G;
	users: IndexedGroups<U>;
	inputItems: number;
}

function collect<G, U>(
	context: IExecuteFunctions,
	items: INodeExecutionData[],
	operation: BatchOperation<G, U>,
) {
	const groups = new Map<string, CollectedGroup<G, U>>();
	const inputErrors: INodeExecutionData[] = [];
	const reader = new ItemValueReader(context, items);
	for (let i = 0; i < items.length; i++) {
		try {
			const { groupKey, group, userKey, user } = operation.readItem.call(context, i, reader);
			let entry = groups.get(groupKey);
			if (!entry) {
				entry = { group, users: new IndexedGroups<U>(), inputItems: 0 };
				groups.set(groupKey, entry);
			}
			entry.inputItems++;
			// A repeated user is sent once, with the values of its last item.
			entry.users.add(userKey, user, i, (_previous, next) => next);
		} catch (error) {
			if (!context.continueOnFail()) throw ensureNodeError(context.getNode(), error, i);
			inputErrors.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	return { groups: [...groups.values()], inputErrors };
}

/** The run's first error, with how many users and which input items were not sent. */
function withAccounting<G, U>(
	context: IExecuteFunctions,
	error: Error,
	results: Array<GroupResult<G, U>>,
) {
	const nodeError = ensureNodeError(context.getNode(), error);
	const batches = results.flatMap((result) => result.batches);
	nodeError.description = [nodeError.description, describeUnsent(batches)]
		.filter(Boolean)
		.join(' ');
	return nodeError;
}

/** Every user the engine did not get through, with the input items that named it. */
export function unsentUsers<U>(
	result: GroupResult<unknown, U>,
): Array<{ user: BatchUser<U>; batch: BatchResult<U> }> {
	return result.batches
		.filter((batch) => batch.status !== 'sent')
		.flatMap((batch) => batch.users.map((user) => ({ user, batch })));
}

/** Why a user was not sent, in one line; the same words for every batched operation. */
export function unsentReason(batch: BatchResult<unknown>, firstError?: Error): string {
	if (batch.status === 'not sent')
		return `Not sent: an earlier batch failed (${firstError?.message ?? 'unknown error'})`;
	if (batch.status === 'unknown')
		return `Outcome unknown, Kakao may have acted: ${batch.error?.message ?? 'no answer'}`;
	return batch.error?.message ?? 'failed';
}

/** The accounting fields every unsent user's item carries. */
export function unsentFields(batch: BatchResult<unknown>): IDataObject {
	const fields: IDataObject = { status: batch.status, batch: batch.batch };
	if (batch.kakaoCode !== undefined) fields.kakao_code = batch.kakaoCode;
	return fields;
}
