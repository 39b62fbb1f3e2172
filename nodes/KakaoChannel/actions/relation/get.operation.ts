import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { normalizeAppUserId } from '../../helpers/userId';
import { getChannelId, getChannelList } from '../../helpers/params';
import { runPerItem } from '../../helpers/perItem';
import { kakaoApiRequest } from '../../transport';
import { channelRLC } from '../common.descriptions';
import { flattenRelations, rawOutputOption, type KakaoUserRelations } from './shared';

const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234567890',
		description: 'Service user ID (app user ID) of the user to check',
		displayOptions: { show: { authentication: ['adminKey'] } },
	},
	{ ...channelRLC, description: 'The Kakao Talk Channel to check the relation with' },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'More Channels',
				name: 'moreChannels',
				type: 'string',
				default: '',
				placeholder: '_xnrxjem, https://pf.kakao.com/_Brxjem',
				description: 'Other channels to check in the same call, as comma-separated IDs or URLs',
			},
			rawOutputOption,
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['relation'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (i) => {
		const authentication = this.getNodeParameter('authentication', i) as string;
		const channelIds = [getChannelId.call(this, i), ...getChannelList.call(this, 'options.moreChannels', i, 'More Channels')];
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const qs: IDataObject = { channel_ids: [...new Set(channelIds)].join(','), channel_id_type: 'channel_public_id' };
		let userId: string | undefined;
		if (authentication === 'adminKey') {
			const raw = this.getNodeParameter('userId', i);
			userId = normalizeAppUserId(raw);
			if (!userId) {
				throw new NodeOperationError(this.getNode(), `User ID "${String(raw)}" is not a service user ID`, {
					itemIndex: i,
					description: 'Use the Kakao service user ID (app user ID): digits only, such as 1234567890.',
				});
			}
			qs.target_id_type = 'user_id';
			qs.target_id = userId;
		}
		const answer = (await kakaoApiRequest.call(this, {
			method: 'GET',
			path: '/v2/api/talk/channels',
			qs,
			credentialType: authentication === 'oAuth2' ? 'kakaoChannelOAuth2Api' : 'kakaoChannelApi',
			itemIndex: i,
		})) as KakaoUserRelations;
		return options.rawOutput ? [answer as IDataObject] : flattenRelations(answer, userId);
	});
}
