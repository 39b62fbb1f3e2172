import type { IDataObject } from 'n8n-workflow';

export interface KakaoChannelRelation {
	channel_public_id?: string;
	channel_uuid?: string;
	relation?: string;
	created_at?: string;
	updated_at?: string;
}

export interface KakaoUserRelations {
	user_id?: number | string;
	channels?: KakaoChannelRelation[];
}

/** One flat item per user and channel: what a workflow branches on. */
export function flattenRelations(
	answer: KakaoUserRelations,
	fallbackUserId?: string,
): IDataObject[] {
	// Text, not a number: 64-bit IDs stay exact (the transport reads them without rounding).
	const userId = answer.user_id !== undefined ? String(answer.user_id) : (fallbackUserId ?? null);
	const channels = Array.isArray(answer.channels) ? answer.channels : [];
	if (channels.length === 0) {
		return [
			{
				user_id: userId,
				channel_public_id: null,
				channel_uuid: null,
				relation: null,
				note: 'Kakao returned no channel for this user',
			},
		];
	}
	return channels.map((channel) => {
		const item: IDataObject = {
			user_id: userId,
			channel_public_id: channel.channel_public_id ?? null,
			channel_uuid: channel.channel_uuid ?? null,
			relation: channel.relation ?? null,
		};
		if (channel.created_at !== undefined) item.created_at = channel.created_at;
		if (channel.updated_at !== undefined) item.updated_at = channel.updated_at;
		return item;
	});
}

export const rawOutputOption = {
	displayName: 'Raw Output',
	name: 'rawOutput',
	type: 'boolean' as const,
	default: false,
	description: "Whether to output Kakao's answer as is instead of one item per user and channel",
};
