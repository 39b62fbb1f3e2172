import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import {
	runBatchOperation,
	unsentFields,
	unsentReason,
	type BatchOperation,
	type BatchResult,
} from '../../helpers/batchEngine';
import { parseChannelListOrThrow } from '../../helpers/params';
import { normalizeAppUserId, notAppUserIdError } from '../../helpers/userId';
import { ANSWERS } from '../../transport/answers';
import { batchUserIdField, channelListOption, optionsCollection } from '../common.descriptions';
import type { Authentication } from '../route';
import { flattenRelations, type KakaoUserRelations } from './shared';

/** Kakao checks at most 200 users per multi call. */
export const RELATIONS_PER_CALL = 200;

/** Its fields; the router shows them for this resource and operation only. */
export const properties: INodeProperties[] = [
	batchUserIdField(
		'The service user ID (app user ID) of each input item. All items are checked together, 200 users per call to Kakao; a repeated ID is checked once.',
		'e.g. {{ $json.user_id }}',
	),
	optionsCollection([
		channelListOption(
			'channels',
			'Channels',
			'Channels to check, as comma-separated IDs or URLs. Leave empty to check every channel connected to the app.',
		),
	]),
];

/** The app keys only: Kakao takes no Kakao Login token here. */
export const authentications: readonly Authentication[] = ['adminKey'];

/** Its name on the canvas, under the node: the list's name would be cut off there. */
export const subtitle = 'Check Many';

/** How the Operation list shows this operation. */
export const option: INodePropertyOptions = {
	name: 'Check Many Users',
	value: 'checkMany',
	description: 'Check the relations of all input users, 200 per call',
	action: 'Check the channel relations of many users',
};

// Items that ask about the same channels share calls; usually that is one group.
const checkMany: BatchOperation<string[], string> = {
	usersPerCall: RELATIONS_PER_CALL,
	readOnly: true,
	readItem(i, reader) {
		const options = reader.get('options', i, {}) as { channels?: unknown };
		const channelIds = parseChannelListOrThrow.call(this, options.channels ?? '', i, 'Channels');
		const raw = reader.get('userId', i, '');
		const userId = normalizeAppUserId(raw);
		if (!userId) throw notAppUserIdError(this.getNode(), raw, i, true);
		return { groupKey: channelIds.join(','), group: channelIds, userKey: userId, user: userId };
	},
	request(channelIds, userIds) {
		const qs: IDataObject = { target_id_type: 'user_id', target_ids: userIds.join(',') };
		if (channelIds.length > 0) {
			qs.channel_ids = channelIds.join(',');
			qs.channel_id_type = 'channel_public_id';
		}
		return { method: 'GET', path: '/v2/api/talk/channels/multi', qs, answer: ANSWERS.relations };
	},
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const { groups, inputErrors } = await runBatchOperation(this, items, checkMany);
	const returnData: INodeExecutionData[] = [];
	for (const { batches, error } of groups) {
		for (const batch of batches) returnData.push(...batchItems(batch, error));
	}
	return [...returnData, ...inputErrors];
}

/** One item per user and channel for a sent batch; one item per user (checked: false) otherwise. */
function batchItems(batch: BatchResult<string>, firstError?: Error): INodeExecutionData[] {
	const out: INodeExecutionData[] = [];
	const answered = new Map<string, KakaoUserRelations>();
	if (batch.status === 'sent') {
		for (const entry of batch.answer as KakaoUserRelations[])
			answered.set(String(entry.user_id), entry);
	}
	for (const user of batch.users) {
		const pairedItem = user.itemIndexes.map((item) => ({ item }));
		if (batch.status !== 'sent') {
			out.push({
				json: {
					user_id: user.key,
					checked: false,
					error: unsentReason(batch, firstError),
					...unsentFields(batch),
				},
				pairedItem,
			});
			continue;
		}
		const entry = answered.get(user.key);
		if (!entry) {
			const reason =
				'Kakao left this user out of its answer: not a Kakao Talk user, or not a user of this app';
			out.push({ json: { user_id: user.key, checked: false, reason }, pairedItem });
			continue;
		}
		for (const json of flattenRelations(entry, user.key))
			out.push({ json: { ...json, checked: true }, pairedItem });
	}
	return out;
}
