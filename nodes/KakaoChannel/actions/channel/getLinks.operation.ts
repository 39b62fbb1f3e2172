import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { getChannelId } from '../../helpers/params';
import { runPerItem } from '../../helpers/perItem';
import { channelRLC } from '../common.descriptions';

/** Its fields; the router shows them for this resource and operation only. */
export const properties: INodeProperties[] = [
	{ ...channelRLC, description: 'The Kakao Talk Channel to link to' },
];

/** It calls nothing, so any authentication (or none) will do. */
export const authentications = 'any' as const;

/** How the Operation list shows this operation. */
export const option: INodePropertyOptions = {
	name: 'Get Links',
	value: 'getLinks',
	description: 'Build the home, add-channel and chat links of a channel, without calling Kakao',
	action: 'Get channel links',
};

/** The channel's public pages on pf.kakao.com (see docs/kakao-api.md): made here, no API call. */
export function channelLinks(channelPublicId: string) {
	const home = `https://pf.kakao.com/${channelPublicId}`;
	return {
		channel_public_id: channelPublicId,
		home_url: home,
		add_channel_url: `${home}/friend`,
		chat_url: `${home}/chat`,
	};
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (i) => [
		channelLinks(getChannelId.call(this, i)),
	]);
}
