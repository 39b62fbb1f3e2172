import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	runBatchOperation,
	unsentFields,
	unsentReason,
	unsentUsers,
	type BatchOperation,
	type GroupResult,
} from '../../helpers/batchEngine';
import { getChannelId, getFileId } from '../../helpers/params';
import { describeUserIdRule, normalizeUserId, type UserType } from '../../helpers/userId';
import type { KakaoRequest } from '../../transport';
import { batchUserIdField, userTypeLabel } from '../common.descriptions';
import { readFields } from './fields';

/** Kakao takes at most 2,000 users per add call; delete is batched the same way. */
export const USERS_PER_CALL = 2000;

export const userIdField = batchUserIdField(
	'The service user ID or phone number of each input item. All items are sent together, 2,000 users per call to Kakao.',
	'e.g. {{ $json.user_id }}',
);

export interface FileTarget {
	channelPublicId: string;
	fileId: number;
	userType: UserType;
}

export interface FileUser {
	id: string;
	field?: IDataObject;
}

/** What differs between Add and Delete: the call, and the counts Kakao answers with. */
export interface FileUsersSpec {
	operation: 'add' | 'delete';
	withFields: boolean;
	/** Both POST the file, channel and user type as JSON, plus the batch's users as `users` gives them. */
	path: string;
	users: (users: FileUser[]) => IDataObject;
	answer: KakaoRequest['answer'];
	/**
	 * The counts in Kakao's answer to one batch (checked as counts by the answer's shape); each
	 * batch shows its own, and the summary adds them up (0 when no batch was sent), then adds the
	 * `derived` ones made from those totals.
	 */
	counts?: {
		names: readonly string[];
		derived?: (totals: Record<string, number>) => Record<string, number>;
	};
}

/** Runs Add or Delete: one summary per file, plus (with continueOnFail) an error item per unsent user. */
export async function executeFileUsers(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	spec: FileUsersSpec,
): Promise<INodeExecutionData[]> {
	const operation: BatchOperation<FileTarget, FileUser> = {
		usersPerCall: USERS_PER_CALL,
		readItem(i, reader) {
			const channelPublicId = getChannelId.call(this, i, reader);
			const fileId = getFileId.call(this, i, reader);
			const userType = reader.get('userType', i, 'app') as UserType;
			const raw = reader.get('userId', i, '');
			const id = normalizeUserId(userType, raw);
			if (!id) {
				throw new NodeOperationError(
					this.getNode(),
					`User ID "${String(raw)}" of item ${i} is not a valid ${userTypeLabel(userType)}`,
					{
						itemIndex: i,
						description: `Give ${describeUserIdRule(userType)}.`,
					},
				);
			}
			const user: FileUser = { id };
			if (spec.withFields) user.field = readFields.call(this, i, reader);
			return {
				groupKey: `${channelPublicId}|${fileId}|${userType}`,
				group: { channelPublicId, fileId, userType },
				userKey: id,
				user,
			};
		},
		request: (target, users) => ({
			method: 'POST',
			path: spec.path,
			body: {
				file_id: target.fileId,
				channel_public_id: target.channelPublicId,
				user_type: target.userType,
				...spec.users(users),
			},
			answer: spec.answer,
		}),
	};
	const { groups, inputErrors } = await runBatchOperation(this, items, operation);
	const returnData: INodeExecutionData[] = [];
	for (const result of groups) {
		returnData.push(summaryItem(result, spec));
		for (const { user, batch } of unsentUsers(result)) {
			returnData.push({
				json: {
					error: unsentReason(batch, result.error),
					user_id: user.key,
					...unsentFields(batch),
				},
				pairedItem: user.itemIndexes.map((item) => ({ item })),
			});
		}
	}
	return [...returnData, ...inputErrors];
}

/**
 * One summary per file. It is paired with the items whose users Kakao confirmed; when none
 * were, with all the file's items, so that it still links back to its input.
 */
function summaryItem(
	result: GroupResult<FileTarget, FileUser>,
	spec: FileUsersSpec,
): INodeExecutionData {
	const { group, batches } = result;
	const usersIn = (status: string) =>
		batches
			.filter((batch) => batch.status === status)
			.reduce((sum, batch) => sum + batch.users.length, 0);
	const sent = batches.filter((batch) => batch.status === 'sent');
	const summary: IDataObject = {
		operation: spec.operation,
		channel_public_id: group.channelPublicId,
		file_id: group.fileId,
		user_type: group.userType,
		input_items: result.inputItems,
		unique_users: result.uniqueUsers,
		duplicate_users_merged: result.inputItems - result.uniqueUsers,
		users_sent: usersIn('sent'),
		users_not_sent: usersIn('failed') + usersIn('not sent'),
		users_outcome_unknown: usersIn('unknown'),
		users_resent: batches
			.filter((batch) => batch.resent > 0)
			.reduce((sum, batch) => sum + batch.users.length, 0),
		calls: batches.filter((batch) => batch.status !== 'not sent').length,
		...(spec.counts ? totalCounts(spec.counts, sent) : {}),
	};
	summary.batches = batches.map((batch) => {
		const entry: IDataObject = {
			batch: batch.batch,
			users: batch.users.length,
			status: batch.status,
		};
		if (batch.status === 'sent' && spec.counts)
			Object.assign(entry, countsOf(spec.counts.names, batch.answer));
		if (batch.resent > 0) entry.resent_after_unknown_outcome = batch.resent;
		if (batch.error) entry.error = batch.error.message;
		if (batch.kakaoCode !== undefined) entry.kakao_code = batch.kakaoCode;
		return entry;
	});
	if (result.error) summary.error = result.error.message;
	const pairedFrom = sent.length > 0 ? sent : batches;
	const pairedItem = pairedFrom
		.flatMap((batch) => batch.users.flatMap((user) => user.itemIndexes))
		.sort((a, b) => a - b)
		.map((item) => ({ item }));
	return { json: summary, pairedItem };
}

function countsOf(names: readonly string[], answer: unknown): Record<string, number> {
	const record = answer as Record<string, number>;
	return Object.fromEntries(names.map((name) => [name, record[name]]));
}

function totalCounts(
	counts: NonNullable<FileUsersSpec['counts']>,
	sent: Array<{ answer?: unknown }>,
): IDataObject {
	const totals: Record<string, number> = Object.fromEntries(counts.names.map((name) => [name, 0]));
	for (const batch of sent) {
		const answer = countsOf(counts.names, batch.answer);
		for (const name of counts.names) totals[name] += answer[name];
	}
	return { ...totals, ...counts.derived?.(totals) };
}
