// Validation rules taken from the Kakao docs (docs/kakao-api.md#limits, #customer-file-schema).
import { badParam } from './errors';

export const FIXED_SCHEMA_KEYS: readonly string[] = [
	'생년월일',
	'국가',
	'지역',
	'성별',
	'연령',
	'구매금액',
	'포인트',
	'가입일',
	'최근 구매일',
	'응모일',
];
/** custom (non-fixed) keys that are not allowed */
export const RESERVED_CUSTOM_KEYS: readonly string[] = ['앱유저아이디', '전화번호'];
export const MAX_SCHEMA_ITEMS = 30;
export const MAX_FILES_PER_CHANNEL = 30;
export const MAX_USERS_PER_ADD = 2000;
export const MAX_USERS_PER_DELETE = 2000;
export const MAX_MULTI_TARGETS = 200;
export const FIRST_FILE_ID = 437;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Schema rules: <= 30 items; the 10 fixed Korean keys may be 'string' or 'number';
 * any other (custom) key must be 'number'; custom keys 앱유저아이디/전화번호 are rejected.
 * Type names are accepted in lower case only (as in the doc sample). An empty schema is accepted.
 */
export function validateSchema(schema: unknown): Record<string, string> {
	if (!isPlainObject(schema)) throw badParam('schema must be a JSON object');
	const entries = Object.entries(schema);
	if (entries.length > MAX_SCHEMA_ITEMS)
		throw badParam(`schema can contain up to ${MAX_SCHEMA_ITEMS} items`);
	const out: Record<string, string> = {};
	for (const [key, type] of entries) {
		if (key.trim() === '') throw badParam('schema key must not be empty');
		if (type !== 'string' && type !== 'number')
			throw badParam(`schema type of ${key} must be string or number`);
		if (!FIXED_SCHEMA_KEYS.includes(key)) {
			if (RESERVED_CUSTOM_KEYS.includes(key)) throw badParam(`schema key ${key} is not allowed`);
			if (type !== 'number') throw badParam(`custom schema key ${key} must be of type number`);
		}
		out[key] = type;
	}
	return out;
}

/** Lenient normalisation used when registering emulator users: any common Korean mobile form -> '82...' digits. */
export function normalizeStoredPhone(phone: string): string | undefined {
	let d = phone.replace(/[\s\-().]/g, '');
	if (d.startsWith('+')) d = d.slice(1);
	if (!/^\d+$/.test(d)) return undefined;
	if (d.startsWith('820')) d = '82' + d.slice(3);
	if (d.startsWith('0')) d = '82' + d.slice(1);
	return /^82\d{9,10}$/.test(d) ? d : undefined;
}

/**
 * Strict normalisation of an id sent with user_type=phone: digits only, either '82XXXXXXXXX(X)'
 * or '0XXXXXXXXX(X)' (docs/kakao-api.md#phone-numbers: 82... is what a client sends, 010... is said to work too).
 * Dashes, spaces or '+' are NOT accepted (unknown at Kakao; the user is simply not counted).
 */
export function normalizeRequestPhone(id: string): string | undefined {
	if (/^82\d{9,10}$/.test(id)) return id;
	if (/^0\d{9,10}$/.test(id)) return '82' + id.slice(1);
	return undefined;
}

/** Comma-separated list, trimmed, empty items dropped, duplicates removed (first occurrence kept). */
export function splitList(v: string | undefined): string[] {
	if (v === undefined) return [];
	const seen = new Set<string>();
	for (const item of v.split(',')) {
		const t = item.trim();
		if (t !== '') seen.add(t);
	}
	return [...seen];
}

export function isNumericId(v: string): boolean {
	return /^\d{1,19}$/.test(v);
}

/** The body of the customer-file POST APIs must be application/json (docs/kakao-api.md#request-format). */
export function parseJsonBody(
	contentType: string | undefined,
	raw: string,
): Record<string, unknown> {
	const media = (contentType ?? '').split(';')[0].trim().toLowerCase();
	if (media !== 'application/json') throw badParam('Content-Type must be application/json');
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		throw badParam('request body is not valid JSON');
	}
	if (!isPlainObject(parsed)) throw badParam('request body must be a JSON object');
	return parsed;
}

export function requireString(body: Record<string, unknown>, name: string): string {
	const v = body[name];
	if (typeof v !== 'string' || v.trim() === '') throw badParam(`${name} is required (string)`);
	return v;
}

/** file_id: missing or not a JSON number -> -2; the caller checks existence (-816). */
export function requireFileId(body: Record<string, unknown>): number {
	const v = body.file_id;
	if (typeof v !== 'number' || !Number.isFinite(v)) throw badParam('file_id is required (integer)');
	return v;
}

export function requireUserType(body: Record<string, unknown>): 'app' | 'phone' {
	const v = body.user_type;
	if (v !== 'app' && v !== 'phone') throw badParam('user_type must be app or phone');
	return v;
}

/** RFC 3339 UTC without milliseconds, e.g. 2020-04-18T03:17:05Z */
export function rfc3339(d: Date = new Date()): string {
	return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** 'YYYY-MM-DD HH:mm:ss' in KST (UTC+9): the doc sample has no zone; Kakao's admin center works in KST. */
export function kstDateTime(d: Date = new Date()): string {
	return new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
