import type { INodeProperties } from 'n8n-workflow';

import * as getLinks from './getLinks.operation';

export { getLinks };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['channel'] } },
		options: [
			{
				name: 'Get Links',
				value: 'getLinks',
				description: 'Build the home, add-channel and chat links of a channel, without calling Kakao',
				action: 'Get channel links',
			},
		],
		default: 'getLinks',
	},
	...getLinks.description,
];
