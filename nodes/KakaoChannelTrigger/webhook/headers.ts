/**
 * The request headers the trigger reads besides `Authorization` (authorize.ts): Kakao's
 * `X-Kakao-Resource-ID`, and the copies "Include Delivery Headers" puts in the item.
 */

/** Kakao's resource ids are 24 characters; the cap only bounds what the duplicate store keeps. */
export const MAX_RESOURCE_ID_LENGTH = 256;

export type ResourceIdResult =
	| { ok: true; resourceId: string | null }
	| { ok: false; reason: string };

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

export interface KakaoHeaders {
	resourceId: ResourceIdResult;
	delivery: HeadersResult;
}

/** Every header the trigger reads, read once at the start (the 401 log names the resource id). */
export function readKakaoHeaders(headers: Record<string, unknown>): KakaoHeaders {
	return {
		resourceId: readResourceId(headers['x-kakao-resource-id']),
		delivery: readDeliveryHeaders(headers),
	};
}
