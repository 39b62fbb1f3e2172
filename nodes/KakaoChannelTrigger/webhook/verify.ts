import { createHash, timingSafeEqual } from 'crypto';

/**
 * Kakao signs nothing: it sends `Authorization: KakaoAK <primary admin key of the app>` with every
 * add/block webhook. The only proof of origin is that the caller knows the admin key, so the check
 * must be constant-time and must fail closed.
 */
export type VerifyResult = { ok: true } | { ok: false; reason: VerifyFailure };

/**
 * Fixed texts only: a reason goes to n8n's log (the caller gets one fixed 401 body), so it must
 * never carry any part of the configured key or of the value the caller sent.
 */
export const VERIFY_FAILURES = {
	noAdminKey: 'the credential has no admin key',
	missingHeader: 'missing Authorization header',
	wrongScheme: 'Authorization scheme must be KakaoAK',
	wrongKey: 'invalid admin key',
} as const;

export type VerifyFailure = (typeof VERIFY_FAILURES)[keyof typeof VERIFY_FAILURES];

const SCHEME = 'kakaoak';

function sha256(value: string): Buffer {
	return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Checks an `Authorization` header value against the credential's admin key.
 *
 * - The configured key is trimmed, as the credential does when it signs API calls; an empty or
 *   non-string key fails closed before the header is looked at.
 * - The scheme is matched case-insensitively (RFC 9110 auth schemes are), the key exactly.
 * - Both keys are hashed with SHA-256 before `timingSafeEqual`, so the comparison takes the same
 *   time whatever the lengths are and the length of the real key never leaks.
 */
export function verifyAuthorization(header: unknown, adminKey: unknown): VerifyResult {
	const expected = typeof adminKey === 'string' ? adminKey.trim() : '';
	if (expected === '') return { ok: false, reason: VERIFY_FAILURES.noAdminKey };

	// Node collapses repeated Authorization headers to the first one; an array can only come from a
	// hand-built request, and is treated like a missing header.
	if (typeof header !== 'string' || header.trim() === '') {
		return { ok: false, reason: VERIFY_FAILURES.missingHeader };
	}

	const value = header.trim();
	const space = value.search(/\s/);
	const scheme = space === -1 ? value : value.slice(0, space);
	if (scheme.toLowerCase() !== SCHEME) return { ok: false, reason: VERIFY_FAILURES.wrongScheme };

	const provided = space === -1 ? '' : value.slice(space).trim();
	const match = timingSafeEqual(sha256(provided), sha256(expected));
	// An empty provided key can never match (the expected key is not empty), but it still goes
	// through the same comparison so that "KakaoAK" alone takes as long as any other wrong key.
	if (!match || provided === '') return { ok: false, reason: VERIFY_FAILURES.wrongKey };
	return { ok: true };
}
