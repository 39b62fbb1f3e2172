import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { normalizeAppUserId, notAppUserIdError } from '../../helpers/userId';
import { getChannelId, getChannelList } from '../../helpers/params';
import { runPerItem } from '../../helpers/perItem';
import { kakaoApiRequest } from '../../transport';
import { ANSWERS } from '../../transport/answers';
import { channelListOption, channelRLC, optionsCollection } from '../common.descriptions';
import type { Authentication, Route } from '../route';
import { flattenRelations, rawOutputOption, type KakaoUserRelations } from './shared';

/** Its fields; the router shows them for this resource and operation only. */
export const properties: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder: '1234567890',
		description: 'The service user ID (app user ID) of the user to check',
		displayOptions: { show: { authentication: ['adminKey'] } },
	},
	{ ...channelRLC, description: 'The Kakao Talk Channel to check the relation with' },
	optionsCollection([
		channelListOption(
			'moreChannels',
			'More Channels',
			'Other channels to check in the same call, as comma-separated IDs or URLs',
		),
		rawOutputOption,
	]),
];

/** The app's admin key, or a user's Kakao Login token to check that user's own relation. */
export const authentications: readonly Authentication[] = ['adminKey', 'oAuth2'];

/** How the Operation list shows this operation. */
export const option: INodePropertyOptions = {
	name: 'Get',
	value: 'get',
	description: "Check one user's relation with one or more channels",
	action: 'Get a channel relation',
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	{ authentication }: Route,
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (i) => {
		const channelIds = [
			getChannelId.call(this, i),
			...getChannelList.call(this, 'options.moreChannels', i, 'More Channels'),
		];
		const options = this.getNodeParameter('options', i, {}) as IDataObject;
		const qs: IDataObject = {
			channel_ids: [...new Set(channelIds)].join(','),
			channel_id_type: 'channel_public_id',
		};
		let userId: string | undefined;
		if (authentication === 'adminKey') {
			const raw = this.getNodeParameter('userId', i);
			userId = normalizeAppUserId(raw);
			if (!userId) throw notAppUserIdError(this.getNode(), raw, i, false);
			qs.target_id_type = 'user_id';
			qs.target_id = userId;
		}
		const answer = (await kakaoApiRequest.call(this, {
			method: 'GET',
			path: '/v2/api/talk/channels',
			qs,
			answer: ANSWERS.relation,
			credentialType: authentication === 'oAuth2' ? 'kakaoChannelOAuth2Api' : 'kakaoChannelApi',
			itemIndex: i,
		})) as KakaoUserRelations;
		return options.rawOutput ? [answer as IDataObject] : flattenRelations(answer, userId);
	});
}
