// GET /v2/api/talk/channels and GET /v2/api/talk/channels/multi
import { KakaoError, badParam } from './errors';
import { MAX_MULTI_TARGETS, isNumericId, splitList } from './rules';
import type { Ctx, Route } from './routes-types';
import type { EmulatorState, StoredUser } from './state';

type ChannelRecord = EmulatorState['channels'] extends Map<string, infer C> ? C : never;

/** Unknown channel -> -541, not connected to the app -> -819, sanctioned -> -544. */
export function requireUsableChannel(state: EmulatorState, publicId: string): ChannelRecord {
	const ch = state.channels.get(publicId);
	if (!ch) throw new KakaoError(-541, `channel does not exist: ${publicId}`);
	if (!ch.connected) throw new KakaoError(-819, `channel is not connected to the app: ${publicId}`);
	if (ch.sanctioned) throw new KakaoError(-544, `channel is sanctioned: ${publicId}`);
	return ch;
}

function checkChannelIdType(ctx: Ctx): void {
	const t = ctx.query.channel_id_type;
	if (t !== undefined && t !== 'channel_public_id')
		throw badParam('channel_id_type must be channel_public_id');
}

function requireUserIdType(ctx: Ctx): void {
	const t = ctx.query.target_id_type;
	if (t === undefined) throw badParam('target_id_type is required');
	if (t !== 'user_id') throw badParam('target_id_type must be user_id');
}

/** Single check uses the doc's key order: channel_uuid, channel_public_id, relation, created_at, updated_at. */
function singleEntry(
	state: EmulatorState,
	user: StoredUser,
	ch: ChannelRecord,
): Record<string, unknown> {
	const r = state.relationOf(user, ch.publicId);
	const out: Record<string, unknown> = {
		channel_uuid: ch.uuid,
		channel_public_id: ch.publicId,
		relation: r.relation,
	};
	if (r.relation === 'ADDED' && r.created_at) out.created_at = r.created_at;
	if (r.relation !== 'NONE' && r.updated_at) out.updated_at = r.updated_at;
	return out;
}

/** Multi check uses the doc's key order: channel_public_id, channel_uuid, relation, ... */
function multiEntry(
	state: EmulatorState,
	user: StoredUser,
	ch: ChannelRecord,
): Record<string, unknown> {
	const { channel_uuid, channel_public_id, ...rest } = singleEntry(state, user, ch);
	return { channel_public_id, channel_uuid, ...rest };
}

function checkSingle(ctx: Ctx) {
	let userId: string;
	if (ctx.auth.kind === 'bearer') {
		const token = ctx.auth.token;
		if (!token.scopes.includes('plusfriends')) {
			throw new KakaoError(-402, 'insufficient scopes.', {
				required_scopes: ['plusfriends'],
				allowed_scopes: [...token.scopes],
			});
		}
		userId = token.userId;
	} else {
		requireUserIdType(ctx);
		const id = ctx.query.target_id;
		if (id === undefined || id === '') throw badParam('target_id is required');
		if (!isNumericId(id)) throw badParam('target_id must be a number');
		userId = id.replace(/^0+(?=\d)/, '');
	}
	const channelIds = splitList(ctx.query.channel_ids);
	if (channelIds.length === 0) throw badParam('channel_ids is required');
	checkChannelIdType(ctx);
	const user = ctx.state.users.get(userId);
	if (!user)
		throw new KakaoError(-101, 'NotRegisteredUserException: the user is not linked to the app');
	if (!user.talkUser) throw new KakaoError(-501);
	const channels = channelIds.map((id) => requireUsableChannel(ctx.state, id));
	return {
		status: 200,
		body: {
			user_id: BigInt(user.id),
			channels: channels.map((ch) => singleEntry(ctx.state, user, ch)),
		},
	};
}

function checkMulti(ctx: Ctx) {
	requireUserIdType(ctx);
	if (ctx.query.target_ids === undefined) throw badParam('target_ids is required');
	const raw = ctx.query.target_ids
		.split(',')
		.map((s) => s.trim())
		.filter((s) => s !== '');
	if (raw.length === 0) throw badParam('target_ids is required');
	if (raw.length > MAX_MULTI_TARGETS)
		throw badParam(`target_ids can contain up to ${MAX_MULTI_TARGETS} ids`);
	if (!raw.every(isNumericId)) throw badParam('target_ids must be numbers');
	const ids = splitList(raw.map((s) => s.replace(/^0+(?=\d)/, '')).join(','));
	checkChannelIdType(ctx);
	const channelIds = splitList(ctx.query.channel_ids);
	const channels =
		ctx.query.channel_ids === undefined || channelIds.length === 0
			? [...ctx.state.channels.values()].filter((c) => c.connected && !c.sanctioned)
			: channelIds.map((id) => requireUsableChannel(ctx.state, id));
	const body: unknown[] = [];
	for (const id of ids) {
		const user = ctx.state.users.get(id);
		if (!user || !user.talkUser) continue; // "The response does not include the user's information that failed to check."
		body.push({
			user_id: BigInt(user.id),
			channels: channels.map((ch) => multiEntry(ctx.state, user, ch)),
		});
	}
	return { status: 200, body };
}

export const relationRoutes: Route[] = [
	{ method: 'GET', path: '/v2/api/talk/channels', auth: ['admin', 'bearer'], handle: checkSingle },
	{ method: 'GET', path: '/v2/api/talk/channels/multi', auth: ['admin'], handle: checkMulti },
];
