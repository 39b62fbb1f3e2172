import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { checkBaseUrl } from '../../shared/baseUrl';
import type { ExpectedAnswer } from './answers';
import { isTransient, outcomeOf } from './failure';
import { kakaoApiError, type KakaoCallStats } from './kakaoApiError';
import { sendOnce, type KakaoContext, type KakaoCredentialType } from './send';
import { readTimeoutMs, TOTAL_BOUND_FACTOR } from './timeout';

export { KakaoApiError, type KakaoCallStats } from './kakaoApiError';
export type { KakaoOutcome } from './failure';
export type { KakaoCredentialType } from './send';

export interface KakaoRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** The shape a 2XX answer must have before it is used. */
	answer: ExpectedAnswer;
	credentialType?: KakaoCredentialType;
	itemIndex?: number;
	/**
	 * False for calls that must not run twice (creating a file): a dropped connection, a timeout,
	 * a bare 5xx or an unreadable 2XX leaves unknown whether Kakao acted, so those are reported
	 * instead of retried.
	 */
	retryUnknownOutcome?: boolean;
}

/** Bounded retries for Kakao's transient failures; waits 0.5 s, 1 s, 2 s. */
export const MAX_RETRIES = 3;
export const RETRY_BASE_DELAY_MS = 500;

const MIN_ATTEMPT_MS = 100;

/** The one way this package calls Kakao; returns the answer's value. */
export async function kakaoApiRequest(this: KakaoContext, request: KakaoRequest): Promise<unknown> {
	return (await kakaoApiCall.call(this, request)).value;
}

/**
 * Picks the credential, bounds each try, checks the answer, retries transient failures. A failure
 * is thrown as a KakaoApiError that says how the call ended and what it cost.
 */
export async function kakaoApiCall(
	this: KakaoContext,
	request: KakaoRequest,
): Promise<{ value: unknown } & KakaoCallStats> {
	const credentialType = request.credentialType ?? 'kakaoChannelApi';
	const credentials = await this.getCredentials(credentialType);
	const base = checkBaseUrl(credentials.baseUrl);
	if ('error' in base) {
		throw new NodeOperationError(this.getNode(), 'The Base URL in the credential is not allowed', {
			itemIndex: request.itemIndex,
			description: base.error,
		});
	}
	const baseUrl = base.origin;
	const timeoutMs = readTimeoutMs(this, request.itemIndex);
	const started = Date.now();
	const deadline = started + TOTAL_BOUND_FACTOR * timeoutMs;
	let resent = 0;
	for (let attempt = 0; ; attempt++) {
		const options: IHttpRequestOptions = {
			method: request.method,
			url: `${baseUrl}${request.path}`,
			qs: request.qs,
			// Raw text in, so that 64-bit IDs are read exactly and a broken body is seen as such.
			json: false,
			encoding: 'text',
			returnFullResponse: true,
			// The key goes to the Base URL only: a redirect is reported, never followed.
			disableFollowRedirect: true,
			sendCredentialsOnCrossOriginRedirect: false,
		};
		if (request.body) options.body = request.body;
		const tryMs = Math.max(MIN_ATTEMPT_MS, Math.min(timeoutMs, deadline - Date.now()));
		const sent = await sendOnce(
			this,
			credentialType,
			options,
			request.answer,
			tryMs,
			request.itemIndex,
		);
		if ('value' in sent) return { value: sent.value, attempts: attempt + 1, resent };
		const { failure } = sent;
		const outcome = outcomeOf(failure);
		const mayRetry = request.retryUnknownOutcome !== false || outcome !== 'unknown';
		const waitMs = RETRY_BASE_DELAY_MS * 2 ** attempt;
		const timeLeft = deadline - Date.now() - waitMs >= MIN_ATTEMPT_MS;
		if (mayRetry && isTransient(failure) && attempt < MAX_RETRIES && timeLeft) {
			await sleep(waitMs);
			if (outcome === 'unknown') resent++;
			continue;
		}
		const error = kakaoApiError(
			this.getNode(),
			failure,
			{
				attempts: attempt + 1,
				resent,
				timeoutMs,
				elapsedMs: Date.now() - started,
				origin: baseUrl,
			},
			request.itemIndex,
		);
		if (!mayRetry) {
			error.description =
				`${error.description ?? ''} Kakao may have acted on the request before it failed, so it was not sent again: check the result (for a new file, Customer File > Get Many) before running again.`.trim();
		}
		throw error;
	}
}
