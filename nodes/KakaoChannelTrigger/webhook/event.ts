/**
 * Turns a Kakao Talk Channel add/block webhook body into one flat item, in one pass: each
 * documented field is picked and checked here, its bound written beside it (see
 * docs/webhook-fields.md and docs/kakao-api.md), so an item never holds more than Kakao sends.
 *
 * Kakao renamed three body fields on 2021-05-24 and old apps may still send the old names:
 * `plus_friend_public_id` -> `channel_public_id`, `plus_friend_uuid` -> `channel_uuid`,
 * `timestamp` (epoch milliseconds) -> `updated_at` (RFC 3339, UTC). Both shapes give the same item;
 * when a body carries both names, the new one wins and the old one is dropped.
 *
 * Fields the docs do not name are kept under `extra` only with "Include Other Fields"
 * (otherFields.ts holds their caps).
 */
import { readOtherFields } from './otherFields';

export const KAKAO_EVENTS = ['added', 'blocked'] as const;
export type KakaoEventName = (typeof KAKAO_EVENTS)[number];

export interface KakaoChannelEvent {
	event: KakaoEventName;
	id: string;
	id_type: string | null;
	channel_public_id: string | null;
	channel_uuid: string | null;
	updated_at: string | null;
	resource_id: string | null;
	extra?: Record<string, unknown>;
}

export interface ParseOptions {
	/** Keep fields the docs do not name under `extra` (capped); otherwise they are dropped. */
	includeOtherFields?: boolean;
}

/** `updatedAtMs`: the date `updated_at` stands for, when it is RFC 3339 (the age filter reads it). */
export type EventResult =
	| { ok: true; event: KakaoChannelEvent; updatedAtMs: number | null }
	| { ok: false; reason: string };

type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** A quoted, shortened copy of a caller's value for a 400 reason. */
function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

/** The new field if present, else the legacy one, with the name the body used; each a string. */
function pickString(
	body: Record<string, unknown>,
	names: string[],
): Read<{ text: string; field: string } | null> {
	for (const field of names) {
		const value = body[field];
		if (isMissing(value)) continue;
		if (typeof value !== 'string') return fail(`${field} must be a string`);
		return { ok: true, value: { text: value, field } };
	}
	return { ok: true, value: null };
}

// event: "added" or "blocked".
function readEventName(value: unknown): Read<KakaoEventName> {
	if (isMissing(value)) return fail('missing event');
	if (typeof value !== 'string' || !(KAKAO_EVENTS as readonly string[]).includes(value)) {
		return fail(`unsupported event ${quote(value)} (expected "added" or "blocked")`);
	}
	return { ok: true, value: value as KakaoEventName };
}

// id, as sent: a string; a JSON number only while it is exact (Kakao sends a string).
function readRawId(value: unknown): Read<string> {
	if (isMissing(value)) return fail('missing id');
	if (typeof value === 'string') return { ok: true, value };
	if (typeof value === 'number' && Number.isFinite(value)) {
		if (!Number.isSafeInteger(value)) {
			return fail('id is a JSON number too large to read exactly; send it as a string');
		}
		return { ok: true, value: String(value) };
	}
	return fail('id must be a string');
}

// id_type: app_user_id or open_id today; any short name is let through for types Kakao may add.
export const MAX_ID_TYPE_LENGTH = 32;
const ID_TYPE = new RegExp(`^[A-Za-z0-9_]{1,${MAX_ID_TYPE_LENGTH}}$`);

function readIdType(body: Record<string, unknown>): Read<string | null> {
	const picked = pickString(body, ['id_type']);
	if (!picked.ok || picked.value === null) return picked as Read<null>;
	if (ID_TYPE.test(picked.value.text)) return { ok: true, value: picked.value.text };
	return fail(
		`id_type must be 1 to ${MAX_ID_TYPE_LENGTH} letters, digits or underscores (app_user_id or open_id)`,
	);
}

// id with app_user_id: Kakao's `Long`, digits in the signed 64-bit range. No format is documented
// for open_id (or a type Kakao may add): visible ASCII, no spaces, at most 128 characters.
const MAX_LONG = BigInt('9223372036854775807');
export const MAX_OPEN_ID_LENGTH = 128;
const VISIBLE_ASCII = new RegExp(`^[\\x21-\\x7e]{1,${MAX_OPEN_ID_LENGTH}}$`);

function checkId(id: string, idType: string | null): Read<string> {
	if (idType === 'app_user_id') {
		if (!/^\d+$/.test(id)) return fail('id must be digits only for id_type app_user_id');
		if (id.length > 19 || BigInt(id) > MAX_LONG) {
			return fail('id is out of the signed 64-bit range for id_type app_user_id');
		}
		return { ok: true, value: id };
	}
	if (VISIBLE_ASCII.test(id)) return { ok: true, value: id };
	return fail(
		`id must be 1 to ${MAX_OPEN_ID_LENGTH} visible ASCII characters without spaces for id_type ${idType ?? '(none)'}`,
	);
}

// channel_public_id (legacy plus_friend_public_id): the ID in the channel URL, `_ZeUTxl`.
export const MAX_CHANNEL_PUBLIC_ID_LENGTH = 64;
const CHANNEL_PUBLIC_ID = new RegExp(`^_[A-Za-z0-9]{1,${MAX_CHANNEL_PUBLIC_ID_LENGTH - 1}}$`);

// channel_uuid (legacy plus_friend_uuid): the search ID, `@` then a name that may be Korean;
// no whitespace, no control or invisible format characters.
export const MAX_CHANNEL_UUID_LENGTH = 64;
const CHANNEL_UUID = new RegExp(`^@[^\\s\\p{C}]{1,${MAX_CHANNEL_UUID_LENGTH - 1}}$`, 'u');

/** A channel field, named in the reason as the body named it (`plus_friend_*` for old apps). */
function readChannelField(
	body: Record<string, unknown>,
	names: [string, string],
	pattern: RegExp,
	shape: string,
): Read<string | null> {
	const picked = pickString(body, names);
	if (!picked.ok || picked.value === null) return picked as Read<null>;
	const { text, field } = picked.value;
	return pattern.test(text) ? { ok: true, value: text } : fail(`${field} ${shape}`);
}

// updated_at: RFC 3339 in UTC. Normalised to UTC when it is RFC 3339; other text up to 64
// characters is passed through. Legacy `timestamp`: epoch milliseconds.
export const MAX_UPDATED_AT_LENGTH = 64;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

type UpdatedAt = { text: string | null; ms: number | null };

/** RFC 3339 in UTC, without fractional seconds when they are zero (as Kakao writes `updated_at`). */
export function toRfc3339Utc(ms: number): string | undefined {
	const date = new Date(ms);
	if (Number.isNaN(date.getTime())) return undefined;
	return date.toISOString().replace('.000Z', 'Z');
}

function readUpdatedAt(body: Record<string, unknown>): Read<UpdatedAt> {
	const updatedAt = body.updated_at;
	if (!isMissing(updatedAt)) {
		if (typeof updatedAt !== 'string') return fail('updated_at must be a string');
		if (updatedAt.length > MAX_UPDATED_AT_LENGTH) {
			return fail(
				`updated_at is longer than ${MAX_UPDATED_AT_LENGTH} characters (Kakao sends an RFC 3339 date)`,
			);
		}
		const ms = RFC3339.test(updatedAt) ? Date.parse(updatedAt) : Number.NaN;
		const utc = Number.isNaN(ms) ? undefined : toRfc3339Utc(ms);
		if (utc === undefined) return { ok: true, value: { text: updatedAt, ms: null } };
		return { ok: true, value: { text: utc, ms } };
	}
	const timestamp = body.timestamp;
	if (isMissing(timestamp)) return { ok: true, value: { text: null, ms: null } };
	const ms =
		typeof timestamp === 'number'
			? timestamp
			: typeof timestamp === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(timestamp)
				? Number(timestamp)
				: Number.NaN;
	const iso = Number.isFinite(ms) && ms >= 0 ? toRfc3339Utc(ms) : undefined;
	if (iso === undefined) return fail('timestamp must be a number of epoch milliseconds');
	return { ok: true, value: { text: iso, ms: Date.parse(iso) } };
}

/** Validates a webhook body (a JSON object: body.ts) and maps it to the item the trigger emits. */
export function parseEvent(
	body: Record<string, unknown>,
	resourceId: string | null = null,
	options: ParseOptions = {},
): EventResult {
	const event = readEventName(body.event);
	if (!event.ok) return event;
	const rawId = readRawId(body.id);
	if (!rawId.ok) return rawId;
	const idType = readIdType(body);
	if (!idType.ok) return idType;
	const id = checkId(rawId.value, idType.value);
	if (!id.ok) return id;
	const publicId = readChannelField(
		body,
		['channel_public_id', 'plus_friend_public_id'],
		CHANNEL_PUBLIC_ID,
		`must be _ followed by 1 to ${MAX_CHANNEL_PUBLIC_ID_LENGTH - 1} letters or digits (such as _ZeUTxl)`,
	);
	if (!publicId.ok) return publicId;
	const uuid = readChannelField(
		body,
		['channel_uuid', 'plus_friend_uuid'],
		CHANNEL_UUID,
		`must be @ followed by 1 to ${MAX_CHANNEL_UUID_LENGTH - 1} characters without spaces (such as @ad)`,
	);
	if (!uuid.ok) return uuid;
	const updatedAt = readUpdatedAt(body);
	if (!updatedAt.ok) return updatedAt;

	const item: KakaoChannelEvent = {
		event: event.value,
		id: id.value,
		id_type: idType.value,
		channel_public_id: publicId.value,
		channel_uuid: uuid.value,
		updated_at: updatedAt.value.text,
		resource_id: resourceId,
	};
	if (options.includeOtherFields === true) {
		const extra = readOtherFields(body);
		if (!extra.ok) return extra;
		if (extra.fields !== undefined) item.extra = extra.fields;
	}
	return { ok: true, event: item, updatedAtMs: updatedAt.value.ms };
}
