import type { INodeProperties } from 'n8n-workflow';

import * as get from './get.operation';
import * as getMany from './getMany.operation';

export { get, getMany };

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
				name: 'Get Many',
				value: 'getMany',
				description: 'Check the relations of all input users, 200 per call',
				action: 'Get many channel relations',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
