import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getChannelId } from '../../helpers/params';
import { parseSchemaString } from '../../helpers/schema';
import { runPerItem } from '../../helpers/perItem';
import { kakaoApiRequest } from '../../transport';
import { channelRLC } from '../common.descriptions';

const properties: INodeProperties[] = [channelRLC];

export const description = updateDisplayOptions({ show: { resource: ['customerFile'], operation: ['getAll'] } }, properties);

export interface CustomerFileList {
	results?: IDataObject[];
	empty_slot?: number;
	using_slot?: number;
}

export async function listCustomerFiles(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	channelPublicId: string,
	itemIndex?: number,
): Promise<CustomerFileList> {
	return (await kakaoApiRequest.call(this, {
		method: 'GET',
		path: '/v1/talkchannel/target_user_file',
		qs: { channel_public_id: channelPublicId },
		itemIndex,
	})) as CustomerFileList;
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (i) => {
		const channelPublicId = getChannelId.call(this, i);
		const answer = await listCustomerFiles.call(this, channelPublicId, i);
		return (answer.results ?? []).map((file) => ({
			...file,
			channel_public_id: channelPublicId,
			schema: parseSchemaString(file.schema),
			empty_slot: answer.empty_slot ?? null,
			using_slot: answer.using_slot ?? null,
		}));
	});
}
