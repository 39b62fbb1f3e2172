/**
 * The trigger's "Options" collection, read once per request, and the two options that look at the
 * delivery rather than the body: "Include Delivery Headers" and "Ignore Events Older Than".
 */
import type { INodeProperties } from 'n8n-workflow';

import { RFC3339 } from './event';
import { MAX_OTHER_FIELDS_BYTES, MAX_OTHER_FIELDS_DEPTH } from './limits';

export interface TriggerOptions {
	channelIds: unknown;
	includeOtherFields: boolean;
	includeDeliveryHeaders: boolean;
	/** Minutes; 0 means off. */
	ignoreOlderThanMinutes: number;
}

export type OptionsResult = { ok: true; options: TriggerOptions } | { ok: false; reason: string };

/** Longer than any age worth checking (100 years), so the millisecond product stays exact. */
export const MAX_AGE_MINUTES = 100 * 366 * 24 * 60;

/**
 * Reads the collection. A bad "Ignore Events Older Than" (only an expression can give one) is a
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
			reason: `Ignore Events Older Than must be a number of minutes from 0 (off) to ${MAX_AGE_MINUTES}`,
		};
	}
	return {
		ok: true,
		options: {
			channelIds: options.channelIds,
			includeOtherFields: options.includeOtherFields === true,
			includeDeliveryHeaders: options.includeDeliveryHeaders === true,
			ignoreOlderThanMinutes: minutes,
		},
	};
}

/**
 * The only headers ever copied into the item, by their lowercase names as n8n's Webhook node
 * writes them. `Authorization` carries the admin key and is never among them.
 */
export const DELIVERY_HEADERS = ['x-kakao-resource-id', 'user-agent'] as const;
export const MAX_DELIVERY_HEADER_LENGTH = 256;

export type DeliveryHeaders = Record<(typeof DELIVERY_HEADERS)[number], string | null>;

export type HeadersResult = { ok: true; headers: DeliveryHeaders } | { ok: false; reason: string };

/** Picks the delivery headers from n8n's header data (lowercase names); absent ones are null. */
export function readDeliveryHeaders(headers: Record<string, unknown>): HeadersResult {
	const picked = {} as DeliveryHeaders;
	for (const name of DELIVERY_HEADERS) {
		const raw = headers[name];
		const value = Array.isArray(raw) ? raw.join(', ') : raw;
		if (typeof value !== 'string' || value.trim() === '') {
			picked[name] = null;
			continue;
		}
		if (value.length > MAX_DELIVERY_HEADER_LENGTH) {
			return {
				ok: false,
				reason: `${name} header is longer than ${MAX_DELIVERY_HEADER_LENGTH} characters`,
			};
		}
		picked[name] = value.trim();
	}
	return { ok: true, headers: picked };
}

/**
 * Why an event is too old to run, or undefined when it may run. Only an RFC 3339 `updated_at`
 * (legacy `timestamp`s are converted to one) has an age; without one, or with a date in the future
 * (clock skew), the event runs: the check drops stale events, it does not refuse undated ones.
 */
export function staleReason(
	updatedAt: string | null,
	minutes: number,
	now: number,
): string | undefined {
	if (minutes <= 0 || updatedAt === null || !RFC3339.test(updatedAt)) return undefined;
	const at = Date.parse(updatedAt);
	if (Number.isNaN(at)) return undefined;
	const ageMs = now - at;
	if (ageMs <= minutes * 60_000) return undefined;
	const ageMinutes = Math.floor(ageMs / 60_000);
	return `updated_at ${updatedAt} is ${ageMinutes} minutes old, more than the ${minutes} of Ignore Events Older Than`;
}

/** The options added after Channel IDs in the trigger's collection (alphabetical, as n8n lists them). */
export const optionFields: INodeProperties[] = [
	{
		displayName: 'Ignore Events Older Than',
		name: 'ignoreOlderThan',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description:
			'Minutes. An event whose updated_at is older is acknowledged to Kakao (200, with the reason) and starts nothing. 0 turns the check off; events without a date always run.',
	},
	{
		displayName: 'Include Delivery Headers',
		name: 'includeDeliveryHeaders',
		type: 'boolean',
		default: false,
		description:
			'Whether to add the X-Kakao-Resource-ID and User-Agent headers to the item under "headers". No other header is ever added; the Authorization header (your admin key) never is.',
	},
	{
		displayName: 'Include Other Fields',
		name: 'includeOtherFields',
		type: 'boolean',
		default: false,
		description: `Whether to keep body fields the Kakao docs do not name, under "extra". They may be nested at most ${MAX_OTHER_FIELDS_DEPTH} levels and take at most ${MAX_OTHER_FIELDS_BYTES / 1024} KiB; a request beyond that gets a 400 and starts nothing. Off: only the documented fields are output.`,
	},
];
