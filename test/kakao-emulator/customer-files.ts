// Customer management: /v1/talkchannel/... (docs/kakao-api.md#create-a-customer-file and after)
import { KakaoError, badParam } from './errors';
import { requireUsableChannel } from './relations';
import * as rules from './rules';
import type { Ctx, Reply, Route } from './auth';

const { MAX_FILES_PER_CHANNEL, MAX_USERS_PER_CALL, isPlainObject, kstDateTime } = rules;
const { requireString, validateSchema } = rules;
const jsonBody = (ctx: Ctx) => rules.parseJsonBody(ctx.headers['content-type'], ctx.rawBody);

function createFile(ctx: Ctx): Reply {
	const body = jsonBody(ctx);
	const channelId = requireString(body, 'channel_public_id');
	const fileName = requireString(body, 'file_name');
	if (body.schema === undefined) throw badParam('schema is required');
	const schema = validateSchema(body.schema);
	const files = ctx.state.filesOf(requireUsableChannel(ctx.state, channelId).publicId);
	if (files.some((f) => f.file_name === fileName))
		throw new KakaoError(-817, `file name is already used: ${fileName}`);
	if (files.length >= MAX_FILES_PER_CHANNEL) throw new KakaoError(-818);
	const { file_id } = ctx.state.createFile(channelId, fileName, schema);
	return { status: 200, body: { file_id } };
}

function viewFiles(ctx: Ctx): Reply {
	const channelId = ctx.query.channel_public_id;
	if (!channelId) throw badParam('channel_public_id is required');
	requireUsableChannel(ctx.state, channelId);
	const files = [...ctx.state.filesOf(channelId)].sort((a, b) => a.file_id - b.file_id);
	const results = files.map(({ file_id, file_name, status, update_at, schema }) => ({
		...{ file_id, file_name, status, update_at },
		schema: JSON.stringify(schema),
	}));
	const empty_slot = MAX_FILES_PER_CHANNEL - files.length;
	return { status: 200, body: { results, empty_slot, using_slot: files.length } };
}

/** What add and delete check, in this order: file_id (-2), channel, user_type, the list, -541/-819, -816. */
function usersCall(ctx: Ctx, listName: 'users' | 'user_ids') {
	const body = jsonBody(ctx);
	const fileId = body.file_id;
	if (typeof fileId !== 'number' || !Number.isFinite(fileId))
		throw badParam('file_id is required (integer)');
	const channelId = requireString(body, 'channel_public_id');
	const userType = body.user_type;
	if (userType !== 'app' && userType !== 'phone') throw badParam('user_type must be app or phone');
	const list = body[listName];
	if (!Array.isArray(list) || list.length === 0)
		throw badParam(`${listName} is required (non-empty array)`);
	if (list.length > MAX_USERS_PER_CALL)
		throw badParam(`${listName} can contain up to ${MAX_USERS_PER_CALL} items`);
	requireUsableChannel(ctx.state, channelId);
	const file = ctx.state.filesOf(channelId).find((f) => f.file_id === fileId);
	if (!file) throw new KakaoError(-816, `invalid customer file id: ${fileId}`);
	return { file, list: list as unknown[], channelId, userType: userType as 'app' | 'phone' };
}

/**
 * A user counts when `id` is a string, `field` an object (a wrongly named key is accepted with
 * success 0), the user exists and has ADDED the channel. Field values are stored unchecked.
 */
function addUsers(ctx: Ctx): Reply {
	const { file, list, channelId, userType } = usersCall(ctx, 'users');
	let success = 0;
	for (const item of list) {
		if (!isPlainObject(item) || typeof item.id !== 'string' || !isPlainObject(item.field)) continue;
		const user = ctx.state.resolveUser(userType, item.id);
		if (!user || ctx.state.relationOf(user, channelId).relation !== 'ADDED') continue;
		file.members.set(user.id, { ...item.field });
		success++;
	}
	if (success > 0) {
		file.user_type ??= userType;
		file.update_at = kstDateTime();
	}
	const body = { file_id: file.file_id, request_count: list.length, success_count: success };
	return { status: 200, body };
}

/** 200 with an empty body, as the doc shows; ids that are not members (or not strings) are ignored. */
function deleteUsers(ctx: Ctx): Reply {
	const { file, list, userType } = usersCall(ctx, 'user_ids');
	const removed = list.filter((id) => {
		const user = typeof id === 'string' ? ctx.state.resolveUser(userType, id) : undefined;
		return user !== undefined && file.members.delete(user.id);
	});
	if (removed.length > 0) file.update_at = kstDateTime();
	return { status: 200 };
}

/** All take the REST API key only. */
const route = (method: Route['method'], path: string, handle: Route['handle']): Route => ({
	...{ method, path: `/v1/talkchannel/${path}`, auth: ['rest'], handle },
});
export const customerFileRoutes: Route[] = [
	route('POST', 'create/target_user_file', createFile),
	route('GET', 'target_user_file', viewFiles),
	route('POST', 'update/target_users', addUsers),
	route('POST', 'delete/target_users', deleteUsers),
];
