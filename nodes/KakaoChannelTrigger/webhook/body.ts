/**
 * Reads the webhook body with a size cap applied before anything is parsed here. Kakao's payloads
 * are about 200 bytes; anything near the cap is not from Kakao.
 */

export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult =
	| { ok: true; body: Record<string, unknown> }
	| { ok: false; status: 400 | 413; reason: string };

type Parsed = { ok: true; body: unknown } | { ok: false; status: 400 | 413; reason: string };

function isPlainObject(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value)
	);
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

function parseJsonText(raw: Buffer | string, maxBytes: number): Parsed {
	if (byteLength(raw) > maxBytes)
		return { ok: false, status: 413, reason: tooLargeReason(maxBytes) };
	const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : raw;
	if (text.trim() === '') return { ok: true, body: undefined };
	try {
		return { ok: true, body: JSON.parse(text) as unknown };
	} catch {
		return { ok: false, status: 400, reason: 'body is not valid JSON' };
	}
}

/**
 * The body as a JSON object (Kakao sends one), with the size cap applied before anything is
 * parsed here.
 *
 * `parsed` is what n8n hands the node (`getBodyData()`): an object for `application/json`, a string
 * for `text/plain`, `{}` when it did not parse the body. `raw` is the request's `rawBody`, which n8n
 * has read (up to its own N8N_PAYLOAD_SIZE_MAX) before the node runs.
 *
 * - A raw body over `maxBytes` is refused (413) whatever n8n made of it.
 * - A non-empty parsed object or an array is used as is.
 * - Anything else (`{}`, a string, null, a number) is replaced by the raw body parsed as JSON, after
 *   the cap; without a raw body, a string or Buffer body is parsed the same way.
 * - What comes out must be a JSON object (an empty one when there was no body: the fields are
 *   missing then, which parseEvent says); anything else is a 400.
 */
export function readBody(parsed: unknown, raw: unknown, maxBytes = MAX_BODY_BYTES): BodyResult {
	const picked = pickBody(parsed, raw, maxBytes);
	if (!picked.ok) return picked;
	if (!isPlainObject(picked.body)) {
		return { ok: false, status: 400, reason: 'body must be a JSON object' };
	}
	return { ok: true, body: picked.body };
}

function pickBody(parsed: unknown, raw: unknown, maxBytes: number): Parsed {
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

/** n8n's request: `readRawBody` is n8n's own reader (it applies N8N_PAYLOAD_SIZE_MAX). */
export type UnparsedRequest = { rawBody?: unknown; readRawBody?: () => Promise<void> };

/**
 * For a start node above version 1, n8n reads the body only for the content types it parses
 * (JSON, text, form, XML); without a Content-Type the bytes are still unread. Reads them, once.
 * False when reading failed (aborted, or over n8n's own size limit).
 */
export async function readUnparsedBody(request: UnparsedRequest): Promise<boolean> {
	if (request.rawBody !== undefined || typeof request.readRawBody !== 'function') return true;
	try {
		await request.readRawBody();
		return true;
	} catch {
		// The reason is n8n's (size limit or an aborted stream); the caller gets a fixed 400.
		return false;
	}
}
