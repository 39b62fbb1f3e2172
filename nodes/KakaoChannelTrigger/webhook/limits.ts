/**
 * Bounds on what a webhook body may carry, so an item never holds more than Kakao sends (see
 * docs/webhook-fields.md and docs/kakao-api.md).
 *
 * - `id` with `id_type` `app_user_id` is a service user ID, Kakao's `Long`: digits in the signed
 *   64-bit range. The docs give no format for `open_id` (or for an `id_type` Kakao may add), so
 *   those are bounded loosely: visible ASCII, no spaces, at most 128 characters.
 * - `channel_public_id` is the ID in the channel URL: `_` then letters and digits (`_ZeUTxl`).
 * - `channel_uuid` is the search ID: `@` then a name that may be Korean (`@테스트`), no spaces.
 * - Fields the docs do not name are kept only with "Include Other Fields", and only up to a depth
 *   and a size: n8n copies and serialises items recursively, and a deeply nested array that fits
 *   in the 64 KiB body already overflows the stack there.
 */

/** The largest signed 64-bit integer: Kakao's `Long`. */
const MAX_LONG = BigInt('9223372036854775807');

export const MAX_OPEN_ID_LENGTH = 128;
export const MAX_ID_TYPE_LENGTH = 32;
export const MAX_CHANNEL_PUBLIC_ID_LENGTH = 64;
export const MAX_CHANNEL_UUID_LENGTH = 64;
/** An RFC 3339 date is 20 to 35 characters; anything else passed through is cut off here. */
export const MAX_UPDATED_AT_LENGTH = 64;

/** Nesting allowed in each kept field: `{"a":{"b":1}}` has depth 2, a string or number 0. */
export const MAX_OTHER_FIELDS_DEPTH = 10;
/** The kept fields together, as JSON. */
export const MAX_OTHER_FIELDS_BYTES = 16 * 1024;

const ID_TYPE = new RegExp(`^[A-Za-z0-9_]{1,${MAX_ID_TYPE_LENGTH}}$`);
const VISIBLE_ASCII = new RegExp(`^[\\x21-\\x7e]{1,${MAX_OPEN_ID_LENGTH}}$`);
const CHANNEL_PUBLIC_ID = new RegExp(`^_[A-Za-z0-9]{1,${MAX_CHANNEL_PUBLIC_ID_LENGTH - 1}}$`);
// No whitespace, no control or invisible format characters; letters of any script are fine.
const CHANNEL_UUID = new RegExp(`^@[^\\s\\p{C}]{1,${MAX_CHANNEL_UUID_LENGTH - 1}}$`, 'u');

/** Each check returns the 400 reason, or undefined when the value is fine. */
export type Check = string | undefined;

export function checkIdType(idType: string): Check {
	if (ID_TYPE.test(idType)) return undefined;
	return `id_type must be 1 to ${MAX_ID_TYPE_LENGTH} letters, digits or underscores (app_user_id or open_id)`;
}

export function checkId(id: string, idType: string | null): Check {
	if (idType === 'app_user_id') {
		if (!/^\d+$/.test(id)) return 'id must be digits only for id_type app_user_id';
		if (id.length > 19 || BigInt(id) > MAX_LONG) {
			return 'id is out of the signed 64-bit range for id_type app_user_id';
		}
		return undefined;
	}
	if (VISIBLE_ASCII.test(id)) return undefined;
	return `id must be 1 to ${MAX_OPEN_ID_LENGTH} visible ASCII characters without spaces for id_type ${idType ?? '(none)'}`;
}

/** `field` is the name the body used (`plus_friend_public_id` for old apps). */
export function checkChannelPublicId(value: string, field: string): Check {
	if (CHANNEL_PUBLIC_ID.test(value)) return undefined;
	return `${field} must be _ followed by 1 to ${MAX_CHANNEL_PUBLIC_ID_LENGTH - 1} letters or digits (such as _ZeUTxl)`;
}

export function checkChannelUuid(value: string, field: string): Check {
	if (CHANNEL_UUID.test(value)) return undefined;
	return `${field} must be @ followed by 1 to ${MAX_CHANNEL_UUID_LENGTH - 1} characters without spaces (such as @ad)`;
}

export function checkUpdatedAtLength(value: string): Check {
	if (value.length <= MAX_UPDATED_AT_LENGTH) return undefined;
	return `updated_at is longer than ${MAX_UPDATED_AT_LENGTH} characters (Kakao sends an RFC 3339 date)`;
}

/**
 * Whether `value` nests deeper than `maxDepth`. Walks with its own stack, never recursion, and
 * stops as soon as the limit is passed, so a 30,000-level array costs a few steps.
 */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
	const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
	while (stack.length > 0) {
		const { value: current, depth } = stack.pop()!;
		if (typeof current !== 'object' || current === null) continue;
		if (depth + 1 > maxDepth) return true;
		const children = Array.isArray(current) ? current : Object.values(current);
		for (const child of children) stack.push({ value: child, depth: depth + 1 });
	}
	return false;
}

/** The 400 reason when the kept other fields pass the caps, else undefined. */
export function checkOtherFields(extra: Record<string, unknown>): Check {
	for (const key of Object.keys(extra)) {
		if (nestedDeeperThan(extra[key], MAX_OTHER_FIELDS_DEPTH)) {
			return `other field ${quoteKey(key)} is nested deeper than ${MAX_OTHER_FIELDS_DEPTH} levels (the limit of Include Other Fields)`;
		}
	}
	// Safe to serialise now: the depth is bounded.
	const bytes = Buffer.byteLength(JSON.stringify(extra), 'utf8');
	if (bytes > MAX_OTHER_FIELDS_BYTES) {
		return `other fields take ${bytes} bytes as JSON, more than ${MAX_OTHER_FIELDS_BYTES} (the limit of Include Other Fields)`;
	}
	return undefined;
}

function quoteKey(key: string): string {
	return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}...` : key);
}
