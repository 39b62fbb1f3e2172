import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { chunk, IndexedGroups, runBatches } from '../../helpers/batch';
import { ItemValueReader } from '../../helpers/itemValues';
import { parseChannelListOrThrow } from '../../helpers/params';
import { normalizeAppUserId } from '../../helpers/userId';
import { ensureNodeError } from '../../helpers/nodeError';
import { kakaoApiRequest } from '../../transport';
import { flattenRelations, type KakaoUserRelations } from './shared';

/** Kakao checks at most 200 users per multi call. */
export const RELATIONS_PER_CALL = 200;

/** Batch calls in flight at once: enough to hide Kakao's latency, few enough to be polite. */
export const CONCURRENT_CALLS = 4;

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. {{ $json.user_id }}',
		description:
			'Service user ID (app user ID) of each input item. All items are checked together, 200 users per call to Kakao, and repeated IDs once.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Channels',
				name: 'channels',
				type: 'string',
				default: '',
				placeholder: '_ZeUTxl, https://pf.kakao.com/_xnrxjem',
				description:
					'Channels to check, as comma-separated IDs or URLs. Empty checks every channel connected to the app.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['relation'], operation: ['checkMany'] } }, properties);

interface UserEntry {
	userId: string;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const failed: INodeExecutionData[] = [];
	// Items that ask about the same channels share calls; usually that is one group.
	const groups = new Map<string, { channelIds: string[]; users: IndexedGroups<UserEntry> }>();
	const reader = new ItemValueReader(this, items);
	for (let i = 0; i < items.length; i++) {
		try {
			const options = reader.get('options', i, {}) as { channels?: unknown };
			const channelIds = parseChannelListOrThrow.call(this, options.channels ?? '', i, 'Channels');
			const raw = reader.get('userId', i, '');
			const userId = normalizeAppUserId(raw);
			if (!userId) {
				throw new NodeOperationError(this.getNode(), `User ID "${String(raw)}" of item ${i} is not a service user ID`, {
					itemIndex: i,
					description: 'Use the Kakao service user ID (app user ID): digits only, such as 1234567890.',
				});
			}
			const groupKey = channelIds.join(',');
			let group = groups.get(groupKey);
			if (!group) {
				group = { channelIds, users: new IndexedGroups<UserEntry>() };
				groups.set(groupKey, group);
			}
			group.users.add(userId, { userId }, i);
		} catch (error) {
			if (!this.continueOnFail()) throw ensureNodeError(this.getNode(), error, i);
			failed.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}

	const returnData: INodeExecutionData[] = [];
	for (const { channelIds, users } of groups.values()) {
		const pairedFor = (userId: string) => users.get(userId)!.itemIndexes.map((item) => ({ item }));
		const batches = chunk(users.keys(), RELATIONS_PER_CALL);
		const outcomes = await runBatches(batches, CONCURRENT_CALLS, async (batch) => {
			const qs: IDataObject = { target_id_type: 'user_id', target_ids: batch.join(',') };
			if (channelIds.length > 0) {
				qs.channel_ids = channelIds.join(',');
				qs.channel_id_type = 'channel_public_id';
			}
			return (await kakaoApiRequest.call(this, {
				method: 'GET',
				path: '/v2/api/talk/channels/multi',
				qs,
				itemIndex: users.get(batch[0])!.itemIndexes[0],
			})) as KakaoUserRelations[];
		});
		for (let b = 0; b < batches.length; b++) {
			const outcome = outcomes[b];
			if (outcome.status !== 'sent') {
				const firstFailure = outcomes.find((entry) => entry.status === 'failed');
				const cause = firstFailure?.status === 'failed' ? ensureNodeError(this.getNode(), firstFailure.error) : undefined;
				if (!this.continueOnFail() && cause) throw cause;
				const error = outcome.status === 'failed' ? (outcome.error as Error).message : `Not sent: an earlier batch failed (${cause?.message ?? 'unknown error'})`;
				for (const userId of batches[b]) {
					returnData.push({ json: { user_id: Number(userId), checked: false, error }, pairedItem: pairedFor(userId) });
				}
				continue;
			}
			const answered = new Map<string, KakaoUserRelations>();
			for (const entry of Array.isArray(outcome.value) ? outcome.value : []) {
				if (entry && entry.user_id !== undefined) answered.set(String(entry.user_id), entry);
			}
			for (const userId of batches[b]) {
				const entry = answered.get(userId);
				if (!entry) {
					returnData.push({
						json: {
							user_id: Number(userId),
							checked: false,
							reason: 'Kakao left this user out of its answer: not a Kakao Talk user, or not a user of this app',
						},
						pairedItem: pairedFor(userId),
					});
					continue;
				}
				for (const json of flattenRelations(entry, userId)) {
					returnData.push({ json: { ...json, checked: true }, pairedItem: pairedFor(userId) });
				}
			}
		}
	}
	return [...returnData, ...failed];
}
