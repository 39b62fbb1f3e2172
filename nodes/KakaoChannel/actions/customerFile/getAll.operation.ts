import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { listCustomerFiles } from '../../helpers/customerFiles';
import { getChannelId } from '../../helpers/params';
import { parseSchemaString } from '../../helpers/schema';
import { runPerItem } from '../../helpers/perItem';
import { channelRLC, optionsCollection } from '../common.descriptions';
import type { Authentication } from '../route';

/** Its fields; the router shows them for this resource and operation only. */
export const properties: INodeProperties[] = [channelRLC, optionsCollection()];

/** The app keys only: Kakao takes no Kakao Login token here. */
export const authentications: readonly Authentication[] = ['adminKey'];

/** How the Operation list shows this operation. */
export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	description: 'List the customer files of a channel',
	action: 'Get many customer files',
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (i) => {
		const channelPublicId = getChannelId.call(this, i);
		const answer = await listCustomerFiles.call(this, channelPublicId, i);
		return answer.results.map((file) => ({
			...file,
			channel_public_id: channelPublicId,
			schema: parseSchemaString(file.schema),
			empty_slot: answer.empty_slot ?? null,
			using_slot: answer.using_slot ?? null,
		}));
	});
}
