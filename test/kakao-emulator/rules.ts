// Validation rules taken from Kakao's docs (docs/kakao-api.md#limits, #customer-file-schema).
import { badParam } from './errors';
import { parseJson } from './faults';

/** The ten keys a schema may give as string or number. */
export const FIXED_SCHEMA_KEYS =
	'생년월일,국가,지역,성별,연령,구매금액,포인트,가입일,최근 구매일,응모일'.split(',');
/** Custom keys Kakao refuses. */
export const RESERVED_CUSTOM_KEYS = ['앱유저아이디', '전화번호'];
export const MAX_SCHEMA_ITEMS = 30;
export const MAX_FILES_PER_CHANNEL = 30;
export const MAX_USERS_PER_CALL = 2000; // add; deletes are batched the same way
export const MAX_MULTI_TARGETS = 200;
export const FIRST_FILE_ID = 437;

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * At most 30 items; a fixed key is 'string' or 'number', any other (custom) key 'number', and
 * 앱유저아이디/전화번호 are refused. Type names in lower case only (as in the doc sample); {} is fine.
 */
export function validateSchema(schema: unknown): Record<string, string> {
	if (!isPlainObject(schema)) throw badParam('schema must be a JSON object');
	const entries = Object.entries(schema);
	if (entries.length > MAX_SCHEMA_ITEMS)
		throw badParam(`schema can contain up to ${MAX_SCHEMA_ITEMS} items`);
	for (const [key, type] of entries) {
		if (key.trim() === '') throw badParam('schema key must not be empty');
		if (type !== 'string' && type !== 'number')
			throw badParam(`schema type of ${key} must be string or number`);
		if (RESERVED_CUSTOM_KEYS.includes(key)) throw badParam(`schema key ${key} is not allowed`);
		if (!FIXED_SCHEMA_KEYS.includes(key) && type !== 'number')
			throw badParam(`custom schema key ${key} must be of type number`);
	}
	return { ...schema } as Record<string, string>;
}

/** Lenient, for registering emulator users: any common Korean mobile form -> '82...' digits. */
export function normalizeStoredPhone(phone: string): string | undefined {
	const digits = phone.replace(/[\s\-().]/g, '').replace(/^\+/, '');
	const d = digits.replace(/^820?|^0/, '82');
	return /^82\d{9,10}$/.test(d) ? d : undefined;
}

/**
 * Strict, for an id sent with user_type=phone: '82XXXXXXXXX(X)' or '0XXXXXXXXX(X)' digits only
 * (docs/kakao-api.md#phone-numbers). Dashes, spaces or '+' do not match: the user is not counted.
 */
export function normalizeRequestPhone(id: string): string | undefined {
	if (/^82\d{9,10}$/.test(id)) return id;
	return /^0\d{9,10}$/.test(id) ? `82${id.slice(1)}` : undefined;
}

/** A comma-separated list, trimmed, empty items dropped, duplicates removed (first kept). */
export const splitList = (v: string | undefined, unique = true): string[] => {
	const items = (v ?? '').trim().split(/\s*,\s*/);
	return (unique ? [...new Set(items)] : items).filter(Boolean);
};

export const isNumericId = (v: string): boolean => /^\d{1,19}$/.test(v);

/** The customer-file POSTs take application/json only (docs/kakao-api.md#request-format). */
export function parseJsonBody(contentType: unknown, raw: string): Record<string, unknown> {
	const media = String(contentType ?? '').split(';')[0];
	if (media.trim().toLowerCase() !== 'application/json')
		throw badParam('Content-Type must be application/json');
	const parsed = parseJson(raw);
	if (parsed === undefined) throw badParam('request body is not valid JSON');
	if (!isPlainObject(parsed)) throw badParam('request body must be a JSON object');
	return parsed;
}

export function requireString(body: Record<string, unknown>, name: string): string {
	const v = body[name];
	if (typeof v !== 'string' || v.trim() === '') throw badParam(`${name} is required (string)`);
	return v;
}

/** RFC 3339 UTC without milliseconds, e.g. 2020-04-18T03:17:05Z */
export const rfc3339 = (d = new Date()): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** 'YYYY-MM-DD HH:mm:ss' in KST: the doc sample has no zone; Kakao's admin center works in KST. */
export const kstDateTime = (d = new Date()): string =>
	new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
