import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { channelRLC, customerFileRLC, userTypeField } from '../common.descriptions';
import { collectUsers, sendInBatches, userIdField } from './batchUsers';

const properties: INodeProperties[] = [
	channelRLC,
	customerFileRLC,
	userTypeField,
	userIdField,
	{
		displayName: 'Fields',
		name: 'fields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Field',
		default: {},
		description:
			"Values for the file's schema keys. Numbers (and numeric text) are sent as numbers, which is what Kakao expects.",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Key', name: 'name', type: 'string', default: '', placeholder: '연령' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '={{ $json.age }}' },
				],
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['customerFileUser'], operation: ['add'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { groups, failed } = collectUsers.call(this, items, true);
	const summaries = await sendInBatches.call(this, groups, {
		operation: 'add',
		path: '/v1/talkchannel/update/target_users',
		body: (group, batch) => ({
			file_id: group.fileId,
			channel_public_id: group.channelPublicId,
			user_type: group.userType,
			users: batch.map((user) => ({ id: user.id, field: user.field ?? {} })),
		}),
		counts: (answer) => {
			const result = (answer ?? {}) as IDataObject;
			return { request_count: result.request_count ?? null, success_count: result.success_count ?? null };
		},
	});
	return [...summaries, ...failed];
}
