import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as checkMany from './checkMany.operation';

export { get, checkMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['relation'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: "Check one user's relation with channels",
				action: 'Get a channel relation',
			},
			{
				name: 'Check Many Users',
				value: 'checkMany',
				description: 'Check the relations of all input users, 200 per call',
				action: 'Check many users channel relations',
			},
		],
		default: 'get',
	},
	...get.description,
	...checkMany.description,
];
