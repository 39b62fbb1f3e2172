import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { chunk, IndexedGroups, runBatches } from '../../helpers/batch';
import { ItemValueReader } from '../../helpers/itemValues';
import { getChannelId, getFileId } from '../../helpers/params';
import { toFieldValue } from '../../helpers/schema';
import { describeUserIdRule, normalizeUserId, type UserType } from '../../helpers/userId';
import { ensureNodeError } from '../../helpers/nodeError';
import { kakaoApiRequest } from '../../transport';

/** Kakao takes at most 2,000 users per add call; delete is batched the same way. */
export const USERS_PER_CALL = 2000;

/** Batch calls in flight at once: enough to hide Kakao's latency, few enough to be polite. */
export const CONCURRENT_CALLS = 4;

export const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '={{ $json.user_id }}',
	description:
		'The service user ID or phone number of each input item. All items are sent together, 2,000 users per call to Kakao.',
};

interface UserEntry {
	id: string;
	field?: IDataObject;
}

interface Group {
	channelPublicId: string;
	fileId: number;
	userType: UserType;
	users: IndexedGroups<UserEntry>;
	inputItems: number;
}

/** Reads every item, validates it, and gathers the users per channel, file and user type. */
export function collectUsers(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	withFields: boolean,
): { groups: Group[]; failed: INodeExecutionData[] } {
	const groups = new Map<string, Group>();
	const failed: INodeExecutionData[] = [];
	const reader = new ItemValueReader(this, items);
	for (let i = 0; i < items.length; i++) {
		try {
			const channelPublicId = getChannelId.call(this, i, reader);
			const fileId = getFileId.call(this, i, reader);
			const userType = reader.get('userType', i, 'app') as UserType;
			const raw = reader.get('userId', i, '');
			const id = normalizeUserId(userType, raw);
			if (!id) {
				throw new NodeOperationError(this.getNode(), `User ID "${String(raw)}" of item ${i} is not valid for user type "${userType}"`, {
					itemIndex: i,
					description: `Give ${describeUserIdRule(userType)}.`,
				});
			}
			const entry: UserEntry = { id };
			if (withFields) entry.field = readFields.call(this, i, reader);
			const key = `${channelPublicId}|${fileId}|${userType}`;
			let group = groups.get(key);
			if (!group) {
				group = { channelPublicId, fileId, userType, users: new IndexedGroups<UserEntry>(), inputItems: 0 };
				groups.set(key, group);
			}
			group.inputItems++;
			// A repeated user is sent once, with the values of its last item.
			group.users.add(id, entry, i, (_previous, next) => next);
		} catch (error) {
			if (!this.continueOnFail()) throw ensureNodeError(this.getNode(), error, i);
			failed.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	return { groups: [...groups.values()], failed };
}

function readFields(this: IExecuteFunctions, itemIndex: number, reader: ItemValueReader): IDataObject {
	type Pair = { name?: unknown; value?: unknown };
	const fields = reader.raw('fields') as { field?: Pair[] } | string | undefined;
	if (typeof fields === 'string') {
		// The whole collection is an expression: let n8n evaluate it for this item.
		const evaluated = ((this.getNodeParameter('fields', itemIndex, {}) as { field?: Pair[] }) ?? {}).field ?? [];
		return toFieldObject.call(this, evaluated, itemIndex, (_k, value) => value);
	}
	const pairs = fields?.field ?? [];
	return toFieldObject.call(this, pairs, itemIndex, (k, value, part) =>
		reader.resolve(`field.${k}.${part}`, value, `fields.field[${k}].${part}`, itemIndex, ''),
	);
}

function toFieldObject(
	this: IExecuteFunctions,
	pairs: Array<{ name?: unknown; value?: unknown }>,
	itemIndex: number,
	resolve: (k: number, raw: unknown, part: 'name' | 'value') => unknown,
): IDataObject {
	const field: IDataObject = {};
	for (let k = 0; k < pairs.length; k++) {
		const name = resolve(k, pairs[k].name, 'name');
		const value = resolve(k, pairs[k].value, 'value');
		const key = String(name ?? '').trim();
		if (!key) {
			throw new NodeOperationError(this.getNode(), `A field of item ${itemIndex} has an empty name`, {
				itemIndex,
				description: 'Give every field the schema key it fills, such as 연령.',
			});
		}
		field[key] = toFieldValue(value);
	}
	return field;
}

export interface BatchSpec {
	operation: 'add' | 'delete';
	path: string;
	body: (group: Group, batch: UserEntry[]) => IDataObject;
	counts: (answer: unknown) => IDataObject;
}

/** Sends each group in batches and returns one summary item per group that accounts for every user. */
export async function sendInBatches(
	this: IExecuteFunctions,
	groups: Group[],
	spec: BatchSpec,
): Promise<INodeExecutionData[]> {
	const returnData: INodeExecutionData[] = [];
	for (const group of groups) {
		const entries = group.users.values();
		const batches = chunk(entries, USERS_PER_CALL);
		const pairedItem = entries.flatMap((entry) => entry.itemIndexes).sort((a, b) => a - b).map((item) => ({ item }));
		const outcomes = await runBatches(batches, CONCURRENT_CALLS, async (batch) =>
			await kakaoApiRequest.call(this, {
				method: 'POST',
				path: spec.path,
				body: spec.body(group, batch.map((entry) => entry.value)),
				itemIndex: batch[0].itemIndexes[0],
			}),
		);
		const report: IDataObject[] = outcomes.map((outcome, b) => {
			const users = batches[b].length;
			if (outcome.status === 'sent') return { batch: b + 1, users, status: 'sent', ...spec.counts(outcome.value) };
			if (outcome.status === 'failed') return { batch: b + 1, users, status: 'failed', error: (outcome.error as Error).message };
			return { batch: b + 1, users, status: 'not sent' };
		});
		const firstFailure = outcomes.find((outcome) => outcome.status === 'failed');
		let error: Error | undefined;
		if (firstFailure?.status === 'failed') {
			const nodeError = ensureNodeError(this.getNode(), firstFailure.error);
			error = nodeError;
			if (!this.continueOnFail()) {
				const sentUsers = report.filter((entry) => entry.status === 'sent').reduce((sum, entry) => sum + (entry.users as number), 0);
				const progress = `${report.filter((entry) => entry.status === 'failed').length} of ${batches.length} batch(es) failed; ${sentUsers} user(s) were sent in the batches that succeeded, and ${entries.length - sentUsers} user(s) were not.`;
				nodeError.description = [nodeError.description, progress].filter(Boolean).join(' ');
				throw nodeError;
			}
		}
		returnData.push({ json: summarize(group, spec.operation, report, error), pairedItem });
	}
	return returnData;
}

function summarize(group: Group, operation: string, report: IDataObject[], error?: Error): IDataObject {
	const sum = (key: string) => report.reduce((total, entry) => total + (typeof entry[key] === 'number' ? (entry[key] as number) : 0), 0);
	const sent = report.filter((entry) => entry.status === 'sent');
	const summary: IDataObject = {
		operation,
		channel_public_id: group.channelPublicId,
		file_id: group.fileId,
		user_type: group.userType,
		input_items: group.inputItems,
		unique_users: group.users.size,
		duplicate_users_merged: group.inputItems - group.users.size,
		users_sent: sent.reduce((total, entry) => total + (entry.users as number), 0),
		users_not_sent: report.filter((entry) => entry.status !== 'sent').reduce((total, entry) => total + (entry.users as number), 0),
		calls: report.filter((entry) => entry.status !== 'not sent').length,
	};
	if (operation === 'add') {
		summary.request_count = sum('request_count');
		summary.success_count = sum('success_count');
		summary.not_added_count = (summary.request_count as number) - (summary.success_count as number);
	}
	summary.batches = report;
	if (error) summary.error = error.message;
	return summary;
}
