/**
 * Turns a Kakao Talk Channel add/block webhook body into one flat item.
 *
 * Kakao renamed three body fields on 2021-05-24 and old apps may still send the old names:
 * `plus_friend_public_id` -> `channel_public_id`, `plus_friend_uuid` -> `channel_uuid`,
 * `timestamp` (epoch milliseconds) -> `updated_at` (RFC 3339, UTC). Both shapes give the same item;
 * when a body carries both names, the new one wins and the old one is dropped.
 *
 * Fields Kakao may add later are not dropped silently: they go under `extra` (present only when
 * there is at least one), so the documented fields keep their place and meaning.
 */

export const KAKAO_EVENTS = ['added', 'blocked'] as const;
export type KakaoEventName = (typeof KAKAO_EVENTS)[number];

/** Kakao's payloads are about 200 bytes; anything near this cap is not from Kakao. */
export const MAX_BODY_BYTES = 64 * 1024;

/** Kakao's resource ids are 24 characters; the cap only bounds what the duplicate store keeps. */
export const MAX_RESOURCE_ID_LENGTH = 256;

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

export type BodyResult =
	| { ok: true; body: unknown }
	| { ok: false; status: 400 | 413; reason: string };

export type EventResult = { ok: true; event: KakaoChannelEvent } | { ok: false; reason: string };

export type ResourceIdResult = { ok: true; resourceId: string | null } | { ok: false; reason: string };

const KNOWN_FIELDS = new Set([
	'event',
	'id',
	'id_type',
	'channel_public_id',
	'channel_uuid',
	'updated_at',
	'plus_friend_public_id',
	'plus_friend_uuid',
	'timestamp',
]);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

export function tooLargeReason(maxBytes: number): string {
	return `body is larger than ${maxBytes} bytes`;
}

/**
 * True when a `Content-Length` header announces more than `maxBytes`. A missing or unreadable
 * header is not "too large": the raw body length is checked as well.
 */
export function contentLengthExceeds(header: unknown, maxBytes = MAX_BODY_BYTES): boolean {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return false;
	const length = Number(String(value).trim());
	return Number.isFinite(length) && length > maxBytes;
}

function byteLength(raw: Buffer | string): number {
	return Buffer.isBuffer(raw) ? raw.length : Buffer.byteLength(raw, 'utf8');
}

function parseJsonText(raw: Buffer | string, maxBytes: number): BodyResult {
	if (byteLength(raw) > maxBytes) return { ok: false, status: 413, reason: tooLargeReason(maxBytes) };
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	if (text.trim() === '') return { ok: true, body: undefined };
	try {
		return { ok: true, body: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, status: 400, reason: 'body is not valid JSON' };
	}
}

/**
 * Picks the body to validate, with the size cap applied before anything is parsed here.
 *
 * `parsed` is what n8n hands the node (`getBodyData()`): an object for `application/json`, a string
 * for `text/plain`, `{}` when it did not parse the body. `raw` is the request's `rawBody`, which n8n
 * has read (up to its own N8N_PAYLOAD_SIZE_MAX) before the node runs.
 *
 * - A raw body over `maxBytes` is refused (413) whatever n8n made of it.
 * - A non-empty parsed object or an array is used as is.
 * - Anything else (`{}`, a string, null, a number) is replaced by the raw body parsed as JSON, after
 *   the cap; without a raw body, a string or Buffer body is parsed the same way.
 */
export function readBody(parsed: unknown, raw: unknown, maxBytes = MAX_BODY_BYTES): BodyResult {
	const rawText = typeof raw === 'string' || Buffer.isBuffer(raw) ? raw : undefined;
	if (rawText !== undefined && byteLength(rawText) > maxBytes) {
		return { ok: false, status: 413, reason: tooLargeReason(maxBytes) };
	}
	if (Array.isArray(parsed)) return { ok: true, body: parsed };
	if (isPlainObject(parsed) && Object.keys(parsed).length > 0) return { ok: true, body: parsed };
	// The raw bytes decide when there are any: a string from getBodyData() may be text/plain
	// content or a JSON string literal that n8n already parsed, and only the raw body tells which.
	if (rawText !== undefined && byteLength(rawText) > 0) return parseJsonText(rawText, maxBytes);
	if (typeof parsed === 'string' || Buffer.isBuffer(parsed)) return parseJsonText(parsed, maxBytes);
	return { ok: true, body: parsed };
}

/** `X-Kakao-Resource-ID`, trimmed; absent or empty gives null (the item is emitted, not de-duplicated). */
export function readResourceId(header: unknown): ResourceIdResult {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' || value.trim() === '') return { ok: true, resourceId: null };
	const resourceId = value.trim();
	if (resourceId.length > MAX_RESOURCE_ID_LENGTH) {
		return {
			ok: false,
			reason: `X-Kakao-Resource-ID is longer than ${MAX_RESOURCE_ID_LENGTH} characters`,
		};
	}
	return { ok: true, resourceId };
}

/** RFC 3339 in UTC, without fractional seconds when they are zero (as Kakao writes `updated_at`). */
export function toRfc3339Utc(ms: number): string | undefined {
	const date = new Date(ms);
	if (Number.isNaN(date.getTime())) return undefined;
	return date.toISOString().replace('.000Z', 'Z');
}

const RFC3339 =
	/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** A quoted, shortened copy of a caller's value for a 400 reason. */
function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

type FieldResult = { ok: true; value: string | null } | { ok: false; reason: string };

/** The new field if present, else the legacy one; each must be a string when present. */
function pickString(body: Record<string, unknown>, field: string, legacy?: string): FieldResult {
	for (const name of legacy === undefined ? [field] : [field, legacy]) {
		const value = body[name];
		if (isMissing(value)) continue;
		if (typeof value !== 'string') return { ok: false, reason: `${name} must be a string` };
		return { ok: true, value };
	}
	return { ok: true, value: null };
}

function pickUpdatedAt(body: Record<string, unknown>): FieldResult {
	const updatedAt = body.updated_at;
	if (!isMissing(updatedAt)) {
		if (typeof updatedAt !== 'string') return { ok: false, reason: 'updated_at must be a string' };
		// Normalised to UTC when it is RFC 3339 (Kakao documents UTC); passed through otherwise.
		if (!RFC3339.test(updatedAt)) return { ok: true, value: updatedAt };
		return { ok: true, value: toRfc3339Utc(Date.parse(updatedAt)) ?? updatedAt };
	}
	const timestamp = body.timestamp;
	if (isMissing(timestamp)) return { ok: true, value: null };
	const ms =
		typeof timestamp === 'number'
			? timestamp
			: typeof timestamp === 'string' && /^\s*\d+(?:\.\d+)?\s*$/.test(timestamp)
				? Number(timestamp)
				: Number.NaN;
	const iso = Number.isFinite(ms) && ms >= 0 ? toRfc3339Utc(ms) : undefined;
	if (iso === undefined) {
		return { ok: false, reason: 'timestamp must be a number of epoch milliseconds' };
	}
	return { ok: true, value: iso };
}

function extraFields(body: Record<string, unknown>): Record<string, unknown> | undefined {
	const extra: Record<string, unknown> = {};
	let count = 0;
	for (const key of Object.keys(body)) {
		if (KNOWN_FIELDS.has(key)) continue;
		// defineProperty, not assignment: a body key "__proto__" must stay a plain field.
		Object.defineProperty(extra, key, {
			value: body[key],
			enumerable: true,
			writable: true,
			configurable: true,
		});
		count++;
	}
	return count > 0 ? extra : undefined;
}

/** Validates a webhook body and maps it to the item the trigger emits. */
export function parseEvent(body: unknown, resourceId: string | null = null): EventResult {
	if (!isPlainObject(body)) return { ok: false, reason: 'body must be a JSON object' };

	const event = body.event;
	if (isMissing(event)) return { ok: false, reason: 'missing event' };
	if (typeof event !== 'string' || !(KAKAO_EVENTS as readonly string[]).includes(event)) {
		return {
			ok: false,
			reason: `unsupported event ${quote(event)} (expected "added" or "blocked")`,
		};
	}

	const rawId = body.id;
	if (isMissing(rawId)) return { ok: false, reason: 'missing id' };
	let id: string;
	if (typeof rawId === 'string') id = rawId;
	else if (typeof rawId === 'number' && Number.isFinite(rawId)) id = String(rawId);
	else return { ok: false, reason: 'id must be a string' };

	const idType = pickString(body, 'id_type');
	if (!idType.ok) return idType;
	const publicId = pickString(body, 'channel_public_id', 'plus_friend_public_id');
	if (!publicId.ok) return publicId;
	const uuid = pickString(body, 'channel_uuid', 'plus_friend_uuid');
	if (!uuid.ok) return uuid;
	const updatedAt = pickUpdatedAt(body);
	if (!updatedAt.ok) return updatedAt;

	const result: KakaoChannelEvent = {
		event: event as KakaoEventName,
		id,
		id_type: idType.value,
		channel_public_id: publicId.value,
		channel_uuid: uuid.value,
		updated_at: updatedAt.value,
		resource_id: resourceId,
	};
	const extra = extraFields(body);
	if (extra !== undefined) result.extra = extra;
	return { ok: true, event: result };
}
