// GET /v2/api/talk/channels and GET /v2/api/talk/channels/multi
import { KakaoError, badParam } from './errors';
import { MAX_MULTI_TARGETS, isNumericId, splitList } from './rules';
import type { EmulatorState, StoredChannel, StoredUser } from './state';
import type { Ctx, Reply, Route } from './auth';

/** Unknown channel -> -541, not connected to the app -> -819, sanctioned -> -544. */
export function requireUsableChannel(state: EmulatorState, publicId: string): StoredChannel {
	const ch = state.channels.get(publicId);
	if (!ch) throw new KakaoError(-541, `channel does not exist: ${publicId}`);
	if (!ch.connected) throw new KakaoError(-819, `channel is not connected to the app: ${publicId}`);
	if (ch.sanctioned) throw new KakaoError(-544, `channel is sanctioned: ${publicId}`);
	return ch;
}

function checkIdTypes({ query }: Ctx, needsTarget: boolean): void {
	if (needsTarget && query.target_id_type === undefined)
		throw badParam('target_id_type is required');
	if (needsTarget && query.target_id_type !== 'user_id')
		throw badParam('target_id_type must be user_id');
	if (query.channel_id_type !== undefined && query.channel_id_type !== 'channel_public_id')
		throw badParam('channel_id_type must be channel_public_id');
}

/** One user's answer; the keys in the order of the doc's sample (single and multi differ). */
function answerFor({ state }: Ctx, user: StoredUser, channels: StoredChannel[], multi: boolean) {
	const answer = channels.map((ch) => {
		const { relation, created_at, updated_at } = state.relationOf(user, ch.publicId);
		const ids = multi
			? { channel_public_id: ch.publicId, channel_uuid: ch.uuid }
			: { channel_uuid: ch.uuid, channel_public_id: ch.publicId };
		const times = { ...(created_at && { created_at }), ...(updated_at && { updated_at }) };
		return { ...ids, relation, ...times };
	});
	return { user_id: BigInt(user.id), channels: answer };
}

/** Order: auth, -402 scope, parameters (-2), user (-101, -501), channels. */
function checkSingle(ctx: Ctx): Reply {
	let userId: string;
	if (ctx.auth.kind === 'bearer') {
		const { scopes } = ctx.auth.token;
		const needed = { required_scopes: ['plusfriends'], allowed_scopes: [...scopes] };
		if (!scopes.includes('plusfriends')) throw new KakaoError(-402, 'insufficient scopes.', needed);
		userId = ctx.auth.token.userId;
		checkIdTypes(ctx, false);
	} else {
		checkIdTypes(ctx, true);
		const id = ctx.query.target_id;
		if (!id) throw badParam('target_id is required');
		if (!isNumericId(id)) throw badParam('target_id must be a number');
		userId = id.replace(/^0+(?=\d)/, '');
	}
	const channelIds = splitList(ctx.query.channel_ids);
	if (channelIds.length === 0) throw badParam('channel_ids is required');
	const user = ctx.state.users.get(userId);
	if (!user)
		throw new KakaoError(-101, 'NotRegisteredUserException: the user is not linked to the app');
	if (!user.talkUser) throw new KakaoError(-501);
	const channels = channelIds.map((id) => requireUsableChannel(ctx.state, id));
	return { status: 200, body: answerFor(ctx, user, channels, false) };
}

/** Users Kakao cannot check (unknown, not on Kakao Talk) are left out of the answer. */
function checkMulti(ctx: Ctx): Reply {
	checkIdTypes(ctx, true);
	const raw = splitList(ctx.query.target_ids, false); // the 200 limit counts duplicates too
	if (raw.length === 0) throw badParam('target_ids is required');
	if (raw.length > MAX_MULTI_TARGETS)
		throw badParam(`target_ids can contain up to ${MAX_MULTI_TARGETS} ids`);
	if (!raw.every(isNumericId)) throw badParam('target_ids must be numbers');
	const channelIds = splitList(ctx.query.channel_ids);
	const channels = channelIds.length
		? channelIds.map((id) => requireUsableChannel(ctx.state, id))
		: [...ctx.state.channels.values()].filter((c) => c.connected && !c.sanctioned);
	const users = splitList(raw.map((s) => s.replace(/^0+(?=\d)/, '')).join(','))
		.map((id) => ctx.state.users.get(id))
		.filter((user): user is StoredUser => user?.talkUser === true);
	return { status: 200, body: users.map((user) => answerFor(ctx, user, channels, true)) };
}

export const relationRoutes: Route[] = [
	{ method: 'GET', path: '/v2/api/talk/channels', auth: ['admin', 'bearer'], handle: checkSingle },
	{ method: 'GET', path: '/v2/api/talk/channels/multi', auth: ['admin'], handle: checkMulti },
];
