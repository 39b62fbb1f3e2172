// The demo data's channels, the endpoints' paths, and each operation's parameters for the demo
// data, for the engine tests (no jest here).
import type { IDataObject } from 'n8n-workflow';

import { DEMO_CHANNELS, DEMO_USERS } from '../kakao-emulator';

export const CHANNEL = '_ZeUTxl';
export const CHANNEL_UUID = '@테스트';
export const CHANNEL2 = '_xnrxjem';

/** The path of each Kakao endpoint the node calls (docs/kakao-api.md). */
export const PATHS = {
	relation: '/v2/api/talk/channels',
	multi: '/v2/api/talk/channels/multi',
	createFile: '/v1/talkchannel/create/target_user_file',
	files: '/v1/talkchannel/target_user_file',
	addUsers: '/v1/talkchannel/update/target_users',
	deleteUsers: '/v1/talkchannel/delete/target_users',
};

/**
 * The item the node outputs for a demo user and channel: the seed's relation as Kakao answers it
 * (NONE where the seed has none), one flat item (the relation operations' output shape).
 */
export function demoRelation(userId: string, channel = CHANNEL): IDataObject {
	const user = DEMO_USERS.find((candidate) => candidate.id === userId);
	const uuid = Object.values(DEMO_CHANNELS).find((c) => c.publicId === channel)?.uuid;
	if (!user || !uuid) throw new Error(`No demo user ${userId} or channel ${channel}`);
	const relation = user.relations?.[channel] ?? { relation: 'NONE' };
	return { user_id: userId, channel_public_id: channel, channel_uuid: uuid, ...relation };
}

/** A resource locator value as the editor stores it. */
export function rl(value: string, mode: 'id' | 'url' | 'list' = 'id') {
	return { __rl: true, mode, value };
}

const operation =
	(resource: string, operation: string, base: IDataObject) =>
	(extra: IDataObject = {}): IDataObject => ({ resource, operation, ...base, ...extra });
const ON_CHANNEL = { channel: rl(CHANNEL) };
const USER_ID = '={{ $json.id }}';
const FILE_USERS = { ...ON_CHANNEL, fileId: rl('437', 'list'), userType: 'app', userId: USER_ID };
const NEW_FILE = { fileName: 'new', customFields: { field: [{ key: 'visits' }] } };
const AGE = { field: [{ name: '연령', value: '={{ $json.age }}' }] };

/**
 * Parameters of each operation for the demo data (file 437 on _ZeUTxl; Get asks about user 1001,
 * the others read users from `$json.id`, Add the 연령 field from `$json.age`); `extra` replaces any.
 */
export const PARAMS = {
	getLinks: operation('channel', 'getLinks', ON_CHANNEL),
	get: operation('relation', 'get', { ...ON_CHANNEL, userId: '1001' }),
	checkMany: operation('relation', 'checkMany', { userId: USER_ID }),
	create: operation('customerFile', 'create', { ...ON_CHANNEL, ...NEW_FILE }),
	getAll: operation('customerFile', 'getAll', ON_CHANNEL),
	add: operation('customerFileUser', 'add', { ...FILE_USERS, fields: AGE }),
	delete: operation('customerFileUser', 'delete', FILE_USERS),
};
