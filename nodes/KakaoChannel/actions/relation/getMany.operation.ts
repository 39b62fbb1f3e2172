import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { chunk, IndexedGroups } from '../../helpers/batch';
import { getChannelList } from '../../helpers/params';
import { normalizeAppUserId } from '../../helpers/userId';
import { ensureNodeError } from '../../helpers/nodeError';
import { kakaoApiRequest } from '../../transport';
import { flattenRelations, type KakaoUserRelations } from './shared';

/** Kakao checks at most 200 users per multi call. */
export const RELATIONS_PER_CALL = 200;

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

export const description = updateDisplayOptions({ show: { resource: ['relation'], operation: ['getMany'] } }, properties);

interface UserEntry {
	userId: string;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const failed: INodeExecutionData[] = [];
	// Items that ask about the same channels share calls; usually that is one group.
	const groups = new Map<string, { channelIds: string[]; users: IndexedGroups<UserEntry> }>();
	for (let i = 0; i < items.length; i++) {
		try {
			const channelIds = getChannelList.call(this, 'options.channels', i, 'Channels');
			const raw = this.getNodeParameter('userId', i);
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
		for (const batch of chunk(users.keys(), RELATIONS_PER_CALL)) {
			const pairedFor = (userId: string) => users.get(userId)!.itemIndexes.map((item) => ({ item }));
			const qs: IDataObject = { target_id_type: 'user_id', target_ids: batch.join(',') };
			if (channelIds.length > 0) {
				qs.channel_ids = channelIds.join(',');
				qs.channel_id_type = 'channel_public_id';
			}
			let answer: KakaoUserRelations[];
			try {
				answer = (await kakaoApiRequest.call(this, {
					method: 'GET',
					path: '/v2/api/talk/channels/multi',
					qs,
					itemIndex: users.get(batch[0])!.itemIndexes[0],
				})) as KakaoUserRelations[];
			} catch (error) {
				if (!this.continueOnFail()) throw ensureNodeError(this.getNode(), error);
				for (const userId of batch) {
					returnData.push({ json: { user_id: Number(userId), checked: false, error: (error as Error).message }, pairedItem: pairedFor(userId) });
				}
				continue;
			}
			const answered = new Map<string, KakaoUserRelations>();
			for (const entry of Array.isArray(answer) ? answer : []) {
				if (entry && entry.user_id !== undefined) answered.set(String(entry.user_id), entry);
			}
			for (const userId of batch) {
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
