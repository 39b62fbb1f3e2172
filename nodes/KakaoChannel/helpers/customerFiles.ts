import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { kakaoApiRequest } from '../transport';
import { ANSWERS } from '../transport/answers';

export interface CustomerFileList {
	results: IDataObject[];
	empty_slot?: number;
	using_slot?: number;
}

/** The channel's customer files (Get Many and the file picker both use it). */
export async function listCustomerFiles(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	channelPublicId: string,
	itemIndex?: number,
): Promise<CustomerFileList> {
	return (await kakaoApiRequest.call(this, {
		method: 'GET',
		path: '/v1/talkchannel/target_user_file',
		qs: { channel_public_id: channelPublicId },
		answer: ANSWERS.fileList,
		itemIndex,
	})) as CustomerFileList;
}
