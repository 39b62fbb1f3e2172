import type { IWebhookFunctions } from 'n8n-workflow';

import { adminKeyCache, type AdminKeyCache, type ReadAdminKey } from './adminKeyCache';
import { VERIFY_FAILURES, verifyAuthorization, type VerifyResult } from './verify';

export const CREDENTIAL_UNAVAILABLE = 'the credential is not available';

export type AuthorizeResult = { ok: true } | { ok: false; reason: string };

// Only a key that may be out of date is worth a re-read; a missing header or scheme is not.
const STALE_KEY_FAILURES: ReadonlySet<string> = new Set([
	VERIFY_FAILURES.wrongKey,
	VERIFY_FAILURES.noAdminKey,
]);

function fromVerify(result: VerifyResult): AuthorizeResult {
	return result.ok ? result : { ok: false, reason: result.reason };
}

/**
 * Checks `Authorization` against the credential's admin key, read through the per-process cache
 * (adminKeyCache.ts). Fails closed: a credential that cannot be read, or has no key, is a refusal.
 */
export async function authorizeWithCache(
	header: unknown,
	cacheKey: string | undefined,
	read: ReadAdminKey,
	cache: AdminKeyCache = adminKeyCache,
): Promise<AuthorizeResult> {
	if (cacheKey === undefined) {
		// No id to key the cache by (not seen in n8n): read every time.
		try {
			return fromVerify(verifyAuthorization(header, await read()));
		} catch {
			return { ok: false, reason: CREDENTIAL_UNAVAILABLE };
		}
	}

	const lookup = await cache.get(cacheKey, read);
	if (!lookup.ok) return { ok: false, reason: CREDENTIAL_UNAVAILABLE };
	const verified = verifyAuthorization(header, lookup.adminKey);
	if (verified.ok || !STALE_KEY_FAILURES.has(verified.reason)) return fromVerify(verified);

	// The key may have been rotated since the cached read: look again (rate-limited) before a 401.
	const fresh = await cache.reread(cacheKey, read);
	if (fresh === null) return fromVerify(verified);
	if (!fresh.ok) return { ok: false, reason: CREDENTIAL_UNAVAILABLE };
	return fromVerify(verifyAuthorization(header, fresh.adminKey));
}

/**
 * The trigger's check: the node's `kakaoChannelApi` credential, cached by its id and the
 * workflow's, so a workflow never uses a key that n8n did not let that workflow read.
 */
export async function authorizeRequest(context: IWebhookFunctions): Promise<AuthorizeResult> {
	const credentialId = context.getNode().credentials?.kakaoChannelApi?.id ?? undefined;
	const cacheKey =
		credentialId === undefined
			? undefined
			: `${credentialId}\u0000${context.getWorkflow().id ?? ''}`;
	const read = async () => (await context.getCredentials('kakaoChannelApi')).adminKey;
	return await authorizeWithCache(context.getHeaderData().authorization, cacheKey, read);
}
