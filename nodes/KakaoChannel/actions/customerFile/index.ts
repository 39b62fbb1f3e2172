import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as getAll from './getAll.operation';

export { create, getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerFile'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Register a new customer file with its schema',
				action: 'Create a customer file',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the customer files of a channel',
				action: 'Get many customer files',
			},
		],
		default: 'create',
	},
	...create.description,
	...getAll.description,
];
