// Customer management APIs: /v1/talkchannel/...
import { KakaoError, badParam } from './errors';
import {
	MAX_FILES_PER_CHANNEL,
	MAX_USERS_PER_ADD,
	MAX_USERS_PER_DELETE,
	isPlainObject,
	kstDateTime,
	normalizeRequestPhone,
	parseJsonBody,
	requireFileId,
	requireString,
	requireUserType,
	validateSchema,
} from './rules';
import { requireUsableChannel } from './relations';
import { systemIps } from './system-ips';
import type { Ctx, Reply, Route } from './routes-types';
import type { StoredFile } from './state';

function jsonBody(ctx: Ctx): Record<string, unknown> {
	const ct = ctx.headers['content-type'];
	return parseJsonBody(Array.isArray(ct) ? ct[0] : ct, ctx.rawBody);
}

function requireFile(ctx: Ctx, channelId: string, fileId: number): StoredFile {
	const file = Number.isSafeInteger(fileId)
		? ctx.state.filesOf(channelId).find((f) => f.file_id === fileId)
		: undefined;
	if (!file) throw new KakaoError(-816, `invalid customer file id: ${fileId}`);
	return file;
}

function createFile(ctx: Ctx): Reply {
	const body = jsonBody(ctx);
	const channelId = requireString(body, 'channel_public_id');
	const fileName = requireString(body, 'file_name');
	if (body.schema === undefined) throw badParam('schema is required');
	const schema = validateSchema(body.schema);
	requireUsableChannel(ctx.state, channelId);
	const files = ctx.state.filesOf(channelId);
	if (files.some((f) => f.file_name === fileName))
		throw new KakaoError(-817, `file name is already used: ${fileName}`);
	if (files.length >= MAX_FILES_PER_CHANNEL) throw new KakaoError(-818);
	const file = ctx.state.createFile(channelId, fileName, schema);
	return { status: 200, body: { file_id: file.file_id } };
}

function viewFiles(ctx: Ctx): Reply {
	const channelId = ctx.query.channel_public_id;
	if (channelId === undefined || channelId === '') throw badParam('channel_public_id is required');
	requireUsableChannel(ctx.state, channelId);
	const files = [...ctx.state.filesOf(channelId)].sort((a, b) => a.file_id - b.file_id);
	return {
		status: 200,
		body: {
			results: files.map((f) => ({
				file_id: f.file_id,
				file_name: f.file_name,
				status: f.status,
				update_at: f.update_at,
				schema: JSON.stringify(f.schema),
			})),
			empty_slot: MAX_FILES_PER_CHANNEL - files.length,
			using_slot: files.length,
		},
	};
}

/**
 * success_count counts users that exist (app: service user id; phone: registered phone, '82...' or '0...' digits)
 * AND have ADDED the channel AND come with a `field` object (docs/kakao-api.md#add-users-to-a-customer-file: a wrong name is accepted, success 0).
 * Field values are stored as given (the docs do not say how values are checked against the schema).
 */
function addUsers(ctx: Ctx): Reply {
	const body = jsonBody(ctx);
	const fileId = requireFileId(body);
	const channelId = requireString(body, 'channel_public_id');
	const userType = requireUserType(body);
	const users = body.users;
	if (!Array.isArray(users) || users.length === 0)
		throw badParam('users is required (non-empty array)');
	if (users.length > MAX_USERS_PER_ADD)
		throw badParam(`users can contain up to ${MAX_USERS_PER_ADD} items`);
	requireUsableChannel(ctx.state, channelId);
	const file = requireFile(ctx, channelId, fileId);
	let success = 0;
	for (const item of users) {
		if (!isPlainObject(item) || typeof item.id !== 'string' || !isPlainObject(item.field)) continue;
		const user = ctx.state.resolveUser(userType, item.id, normalizeRequestPhone);
		if (!user || ctx.state.relationOf(user, channelId).relation !== 'ADDED') continue;
		file.members.set(user.id, { ...item.field });
		success++;
	}
	if (success > 0) {
		file.user_type ??= userType;
		file.update_at = kstDateTime();
	}
	return {
		status: 200,
		body: { file_id: file.file_id, request_count: users.length, success_count: success },
	};
}

/** Answers 200 with an empty body, like the doc. Ids that are not members (or not strings) are ignored. */
function deleteUsers(ctx: Ctx): Reply {
	const body = jsonBody(ctx);
	const fileId = requireFileId(body);
	const channelId = requireString(body, 'channel_public_id');
	const userType = requireUserType(body);
	const ids = body.user_ids;
	if (!Array.isArray(ids) || ids.length === 0)
		throw badParam('user_ids is required (non-empty array)');
	if (ids.length > MAX_USERS_PER_DELETE)
		throw badParam(`user_ids can contain up to ${MAX_USERS_PER_DELETE} items`);
	requireUsableChannel(ctx.state, channelId);
	const file = requireFile(ctx, channelId, fileId);
	let removed = 0;
	for (const id of ids) {
		if (typeof id !== 'string') continue;
		const user = ctx.state.resolveUser(userType, id, normalizeRequestPhone);
		if (user && file.members.delete(user.id)) removed++;
	}
	if (removed > 0) file.update_at = kstDateTime();
	return { status: 200 };
}

export const customerFileRoutes: Route[] = [
	{
		method: 'POST',
		path: '/v1/talkchannel/create/target_user_file',
		auth: ['rest'],
		handle: createFile,
	},
	{ method: 'GET', path: '/v1/talkchannel/target_user_file', auth: ['rest'], handle: viewFiles },
	{ method: 'POST', path: '/v1/talkchannel/update/target_users', auth: ['rest'], handle: addUsers },
	{
		method: 'POST',
		path: '/v1/talkchannel/delete/target_users',
		auth: ['rest'],
		handle: deleteUsers,
	},
];

/**
 * GET /v1/system/ips: accepts the REST API key or the admin key (docs/kakao-api.md#key-probe: a
 * cheap validity probe); answers Kakao's address lists (system-ips.ts).
 */
export const systemRoutes: Route[] = [
	{
		method: 'GET',
		path: '/v1/system/ips',
		auth: ['rest', 'admin'],
		handle: systemIps,
	},
];
