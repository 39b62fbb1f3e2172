/**
 * The filters a verified, well-formed event goes through: the Events list, the Channel IDs option
 * and Max Event Age. An event they stop is acknowledged to Kakao and starts nothing.
 */
import type { KakaoChannelEvent } from './event';
import type { ChannelFilter, TriggerOptions } from './readOptions';

/** Why a verified request started nothing; sent back as `{ received: true, ignored }`. */
export const IGNORED = {
	event: 'event_not_selected',
	channel: 'channel_not_selected',
	duplicate: 'duplicate',
	stale: 'stale_event',
} as const;

export type Filtered = { ignored: (typeof IGNORED)[keyof typeof IGNORED]; reason?: string };

/** The three filters in order; the first that stops the event says why, else undefined. */
export function filterEvent(
	selectedEvents: unknown,
	options: Pick<TriggerOptions, 'channels' | 'ignoreOlderThanMinutes'>,
	event: KakaoChannelEvent,
	updatedAtMs: number | null,
	now: number,
): Filtered | undefined {
	if (!eventSelected(selectedEvents, event.event)) return { ignored: IGNORED.event };
	if (!channelAllowed(options.channels, event)) return { ignored: IGNORED.channel };
	const minutes = options.ignoreOlderThanMinutes;
	const stale = staleReason(event.updated_at, updatedAtMs, minutes, now);
	return stale === undefined ? undefined : { ignored: IGNORED.stale, reason: stale };
}

/** The `events` parameter: only the listed events start the workflow (none listed, none do). */
export function eventSelected(selected: unknown, event: string): boolean {
	return Array.isArray(selected) && selected.includes(event);
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

/**
 * Why an event is too old to run, or undefined when it may run. `updatedAtMs` is the date of an
 * RFC 3339 `updated_at` (or a legacy `timestamp`), null otherwise. Without a date, or with one in
 * the future (clock skew), the event runs: the check drops stale events, it does not refuse
 * undated ones.
 */
export function staleReason(
	updatedAt: string | null,
	updatedAtMs: number | null,
	minutes: number,
	now: number,
): string | undefined {
	if (minutes <= 0 || updatedAtMs === null) return undefined;
	const ageMs = now - updatedAtMs;
	if (ageMs <= minutes * 60_000) return undefined;
	const ageMinutes = Math.floor(ageMs / 60_000);
	return `updated_at ${updatedAt} is ${ageMinutes} minutes old, more than Max Event Age (${minutes} minutes)`;
}
