import type { INodeProperties } from 'n8n-workflow';

import * as add from './add.operation';
import * as deleteUsers from './delete.operation';

export { add, deleteUsers as delete };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customerFileUser'] } },
		options: [
			{
				name: 'Add',
				value: 'add',
				description: 'Add all input users to a customer file, 2,000 per call',
				action: 'Add users to a customer file',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Remove all input users from a customer file, 2,000 per call',
				action: 'Delete users from a customer file',
			},
		],
		default: 'add',
	},
	...add.description,
	...deleteUsers.description,
];
