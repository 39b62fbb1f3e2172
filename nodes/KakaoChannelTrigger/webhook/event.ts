/**
 * Turns a Kakao Talk Channel add/block webhook body into one flat item.
 *
 * Kakao renamed three body fields on 2021-05-24 and old apps may still send the old names:
 * `plus_friend_public_id` -> `channel_public_id`, `plus_friend_uuid` -> `channel_uuid`,
 * `timestamp` (epoch milliseconds) -> `updated_at` (RFC 3339, UTC). Both shapes give the same item;
 * when a body carries both names, the new one wins and the old one is dropped.
 *
 * The item has the documented fields only. Fields Kakao may add later are kept under `extra` when
 * the trigger's "Include Other Fields" option is on, within the caps of limits.ts.
 */
import { isPlainObject } from './body';
import {
	checkChannelPublicId,
	checkChannelUuid,
	checkId,
	checkIdType,
	checkOtherFields,
	checkUpdatedAtLength,
	type Check,
} from './limits';

// Body reading lives in body.ts; re-exported so callers keep one import.
export {
	MAX_BODY_BYTES,
	contentLengthExceeds,
	isPlainObject,
	readBody,
	tooLargeReason,
	type BodyResult,
} from './body';

export const KAKAO_EVENTS = ['added', 'blocked'] as const;
export type KakaoEventName = (typeof KAKAO_EVENTS)[number];

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

export interface ParseOptions {
	/** Keep fields the docs do not name under `extra` (capped); otherwise they are dropped. */
	includeOtherFields?: boolean;
}

export type EventResult = { ok: true; event: KakaoChannelEvent } | { ok: false; reason: string };

export type ResourceIdResult =
	| { ok: true; resourceId: string | null }
	| { ok: false; reason: string };

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

export const RFC3339 =
	/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** A quoted, shortened copy of a caller's value for a 400 reason. */
function quote(value: unknown): string {
	const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
	return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}...` : text);
}

function isMissing(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

type FieldResult =
	| { ok: true; value: string | null; field: string }
	| { ok: false; reason: string };

/** The new field if present, else the legacy one; each must be a string when present. */
function pickString(body: Record<string, unknown>, field: string, legacy?: string): FieldResult {
	for (const name of legacy === undefined ? [field] : [field, legacy]) {
		const value = body[name];
		if (isMissing(value)) continue;
		if (typeof value !== 'string') return { ok: false, reason: `${name} must be a string` };
		return { ok: true, value, field: name };
	}
	return { ok: true, value: null, field };
}

/** A picked string that must also pass `check` (named after the field the body used). */
function pickChecked(
	body: Record<string, unknown>,
	check: (value: string, field: string) => Check,
	field: string,
	legacy?: string,
): FieldResult {
	const picked = pickString(body, field, legacy);
	if (!picked.ok || picked.value === null) return picked;
	const reason = check(picked.value, picked.field);
	return reason === undefined ? picked : { ok: false, reason };
}

function pickUpdatedAt(body: Record<string, unknown>): FieldResult {
	const field = 'updated_at';
	const updatedAt = body.updated_at;
	if (!isMissing(updatedAt)) {
		if (typeof updatedAt !== 'string') return { ok: false, reason: 'updated_at must be a string' };
		const tooLong = checkUpdatedAtLength(updatedAt);
		if (tooLong !== undefined) return { ok: false, reason: tooLong };
		// Normalised to UTC when it is RFC 3339 (Kakao documents UTC); passed through otherwise.
		if (!RFC3339.test(updatedAt)) return { ok: true, value: updatedAt, field };
		return { ok: true, value: toRfc3339Utc(Date.parse(updatedAt)) ?? updatedAt, field };
	}
	const timestamp = body.timestamp;
	if (isMissing(timestamp)) return { ok: true, value: null, field };
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
	return { ok: true, value: iso, field };
}

function otherFields(body: Record<string, unknown>): Record<string, unknown> | undefined {
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

type IdResult = { ok: true; id: string } | { ok: false; reason: string };

/** `id` as a string; a JSON number is accepted only while it is exact (Kakao sends a string). */
function pickId(rawId: unknown): IdResult {
	if (isMissing(rawId)) return { ok: false, reason: 'missing id' };
	if (typeof rawId === 'string') return { ok: true, id: rawId };
	if (typeof rawId === 'number' && Number.isFinite(rawId)) {
		if (!Number.isSafeInteger(rawId)) {
			return {
				ok: false,
				reason: 'id is a JSON number too large to read exactly; send it as a string',
			};
		}
		return { ok: true, id: String(rawId) };
	}
	return { ok: false, reason: 'id must be a string' };
}

/** Validates a webhook body and maps it to the item the trigger emits. */
export function parseEvent(
	body: unknown,
	resourceId: string | null = null,
	options: ParseOptions = {},
): EventResult {
	if (!isPlainObject(body)) return { ok: false, reason: 'body must be a JSON object' };

	const event = body.event;
	if (isMissing(event)) return { ok: false, reason: 'missing event' };
	if (typeof event !== 'string' || !(KAKAO_EVENTS as readonly string[]).includes(event)) {
		return {
			ok: false,
			reason: `unsupported event ${quote(event)} (expected "added" or "blocked")`,
		};
	}

	const id = pickId(body.id);
	if (!id.ok) return id;
	const idType = pickChecked(body, checkIdType, 'id_type');
	if (!idType.ok) return idType;
	const idReason = checkId(id.id, idType.value);
	if (idReason !== undefined) return { ok: false, reason: idReason };
	const publicId = pickChecked(
		body,
		checkChannelPublicId,
		'channel_public_id',
		'plus_friend_public_id',
	);
	if (!publicId.ok) return publicId;
	const uuid = pickChecked(body, checkChannelUuid, 'channel_uuid', 'plus_friend_uuid');
	if (!uuid.ok) return uuid;
	const updatedAt = pickUpdatedAt(body);
	if (!updatedAt.ok) return updatedAt;

	const result: KakaoChannelEvent = {
		event: event as KakaoEventName,
		id: id.id,
		id_type: idType.value,
		channel_public_id: publicId.value,
		channel_uuid: uuid.value,
		updated_at: updatedAt.value,
		resource_id: resourceId,
	};
	if (options.includeOtherFields === true) {
		const extra = otherFields(body);
		if (extra !== undefined) {
			const tooBig = checkOtherFields(extra);
			if (tooBig !== undefined) return { ok: false, reason: tooBig };
			result.extra = extra;
		}
	}
	return { ok: true, event: result };
}
