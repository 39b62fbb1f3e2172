import { parseChannelId } from '../../shared/channel';
import type { KakaoChannelEvent } from './event';

/**
 * Which channels the trigger accepts. Entries are channel public IDs (`_ZeUTxl`), pf.kakao.com
 * URLs, or search IDs (`@name`, matched against `channel_uuid`). An empty list accepts every
 * channel. Entries that are none of these are kept in `invalid` and match nothing, so a mistyped
 * filter never widens to "all channels".
 */
export interface ChannelFilter {
	publicIds: Set<string>;
	uuids: Set<string>;
	invalid: string[];
	/** False when no entry was given at all. */
	active: boolean;
}

export function parseChannelFilter(input: unknown): ChannelFilter {
	const publicIds = new Set<string>();
	const uuids = new Set<string>();
	const invalid: string[] = [];
	const entries = Array.isArray(input)
		? input.map((entry) => String(entry))
		: typeof input === 'string'
			? input.split(/[,\n]/)
			: [];
	let active = false;
	for (const entry of entries) {
		const value = entry.trim();
		if (value === '') continue;
		active = true;
		if (/^@\S+$/.test(value)) {
			uuids.add(value.toLowerCase());
			continue;
		}
		const id = parseChannelId(value);
		if (id === undefined) invalid.push(value);
		else publicIds.add(id);
	}
	return { publicIds, uuids, invalid, active };
}

export function channelAllowed(
	filter: ChannelFilter,
	event: Pick<KakaoChannelEvent, 'channel_public_id' | 'channel_uuid'>,
): boolean {
	if (!filter.active) return true;
	if (event.channel_public_id !== null && filter.publicIds.has(event.channel_public_id))
		return true;
	return event.channel_uuid !== null && filter.uuids.has(event.channel_uuid.toLowerCase());
}

/** The `events` parameter: only the listed events start the workflow (none listed, none do). */
export function eventSelected(selected: unknown, event: string): boolean {
	return Array.isArray(selected) && selected.includes(event);
}
