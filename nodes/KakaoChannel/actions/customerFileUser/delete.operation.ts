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
	optionsCollection(),
];

/** The app keys only: Kakao takes no Kakao Login token here. */
export const authentications: readonly Authentication[] = ['adminKey'];

/** How the Operation list shows this operation. */
export const option: INodePropertyOptions = {
	name: 'Delete',
	value: 'delete',
	description: 'Remove all input users from a customer file, 2,000 per call',
	action: 'Delete users from a customer file',
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await executeFileUsers.call(this, items, {
		operation: 'delete',
		withFields: false,
		path: '/v1/talkchannel/delete/target_users',
		users: (users) => ({ user_ids: users.map((user) => user.id) }),
		// Kakao answers an empty 200: success has no counts to report.
		answer: ANSWERS.deletedUsers,
	});
}
