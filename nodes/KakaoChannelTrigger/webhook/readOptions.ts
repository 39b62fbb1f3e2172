/**
 * Reads the trigger's "Options" collection (described in options.ts) once per request.
 */
import { parseChannelId } from '../../shared/channel';

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

export interface TriggerOptions {
	channels: ChannelFilter;
	includeOtherFields: boolean;
	includeDeliveryHeaders: boolean;
	/** Minutes; 0 means off. */
	ignoreOlderThanMinutes: number;
	onlyKakaoServers: boolean;
}

export type OptionsResult = { ok: true; options: TriggerOptions } | { ok: false; reason: string };

/** Longer than any age worth checking (100 years), so the millisecond product stays exact. */
export const MAX_AGE_MINUTES = 100 * 366 * 24 * 60;

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

/**
 * Reads the collection. A bad "Max Event Age" (only an expression can give one) is a
 * configuration error, not "off": dropping the check silently would run stale events.
 */
export function readTriggerOptions(raw: unknown): OptionsResult {
	const options = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
	const minutes = options.ignoreOlderThan ?? 0;
	if (
		typeof minutes !== 'number' ||
		!Number.isFinite(minutes) ||
		minutes < 0 ||
		minutes > MAX_AGE_MINUTES
	) {
		return {
			ok: false,
			reason: `Max Event Age must be a number of minutes from 0 (off) to ${MAX_AGE_MINUTES}`,
		};
	}
	return {
		ok: true,
		options: {
			channels: parseChannelFilter(options.channelIds),
			includeOtherFields: options.includeOtherFields === true,
			includeDeliveryHeaders: options.includeDeliveryHeaders === true,
			ignoreOlderThanMinutes: minutes,
			onlyKakaoServers: options.onlyKakaoServers === true,
		},
	};
}
