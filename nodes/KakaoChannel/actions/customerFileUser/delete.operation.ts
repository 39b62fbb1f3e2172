import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelRLC, customerFileRLC, userTypeField } from '../common.descriptions';
import { collectUsers, sendInBatches, userIdField } from './batchUsers';

const properties: INodeProperties[] = [channelRLC, customerFileRLC, userTypeField, userIdField];

export const description = updateDisplayOptions({ show: { resource: ['customerFileUser'], operation: ['delete'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { groups, failed } = collectUsers.call(this, items, false);
	const summaries = await sendInBatches.call(this, groups, {
		operation: 'delete',
		path: '/v1/talkchannel/delete/target_users',
		body: (group, batch) => ({
			file_id: group.fileId,
			channel_public_id: group.channelPublicId,
			user_type: group.userType,
			user_ids: batch.map((user) => user.id),
		}),
		// Kakao answers an empty 200: success has no counts to report.
		counts: () => ({}),
	});
	return [...summaries, ...failed];
}
