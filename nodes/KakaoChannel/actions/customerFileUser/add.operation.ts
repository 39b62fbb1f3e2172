import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { ANSWERS } from '../../transport/answers';
import {
	channelRLC,
	customerFileRLC,
	optionsCollection,
	userTypeField,
} from '../common.descriptions';
import type { Authentication } from '../route';
import { executeFileUsers, userIdField } from './batchUsers';

/** Its fields; the router shows them for this resource and operation only. */
export const properties: INodeProperties[] = [
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
			"Values for the file's schema keys. Numbers and numeric text are sent as numbers, as Kakao expects: at most 15 significant digits (whole numbers up to 9007199254740991); a longer one is refused, never rounded.",
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{ displayName: 'Key', name: 'name', type: 'string', default: '', placeholder: '연령' },
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: '={{ $json.age }}',
					},
				],
			},
		],
	},
	optionsCollection(),
];

/** The app keys only: Kakao takes no Kakao Login token here. */
export const authentications: readonly Authentication[] = ['adminKey'];

/** How the Operation list shows this operation. */
export const option: INodePropertyOptions = {
	name: 'Add',
	value: 'add',
	description: 'Add all input users to a customer file, 2,000 per call',
	action: 'Add users to a customer file',
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executeFileUsers.call(this, items, {
		operation: 'add',
		withFields: true,
		path: '/v1/talkchannel/update/target_users',
		users: (users) => ({ users: users.map((user) => ({ id: user.id, field: user.field ?? {} })) }),
		answer: ANSWERS.addedUsers,
		counts: {
			names: ['request_count', 'success_count'],
			// Kakao does not say which users were not added, only how many.
			derived: (totals) => ({ not_added_count: totals.request_count - totals.success_count }),
		},
	});
}
