import { networkFailureOf, type NetworkFailure } from '../../shared/networkFailure';
import type { UnusableAnswer } from './answers';
import { isTransientHttpStatus, isTransientKakaoCode, parseKakaoErrorBody } from './errors';

/**
 * How a failed call ended: `rejected` (Kakao answered an error code, so it did nothing),
 * `unreached` (the request never got to Kakao), or `unknown` (Kakao may have acted).
 */
export type KakaoOutcome = 'rejected' | 'unreached' | 'unknown';

/** One failed try: the answer that came back, or why none came. */
export interface FailedTry {
	status?: number;
	body?: unknown;
	network?: NetworkFailure;
	timedOut?: boolean;
	/** A 3XX answer: never followed, since the request carries a key. */
	redirect?: { status: number; location?: string };
	unusable?: UnusableAnswer & { text: string };
}

/** A non-2XX answer: a redirect (3XX) or an error status with its body. */
export function failureOfAnswer(status: number, headers: unknown, body: unknown): FailedTry {
	if (status >= 300 && status < 400) {
		return { redirect: { status, location: headerOf({ headers } as HttpResponse, 'location') } };
	}
	return { status, body };
}

/**
 * What n8n's request helper threw: the response hangs off the error or its cause (n8n 2.x), or
 * only the status is left (n8n 1.x drops the cause of a NodeApiError); else a network failure.
 */
export function readFailure(error: unknown): FailedTry | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const response = (candidate as { response?: HttpResponse })?.response;
		if (response?.status === undefined) continue;
		return failureOfAnswer(response.status, response.headers, response.data ?? response.body);
	}
	const network = networkFailureOf(error);
	if (network) return network.cause === 'timeout' ? { network, timedOut: true } : { network };
	const httpCode = Number((error as { httpCode?: unknown })?.httpCode);
	if (Number.isInteger(httpCode) && httpCode >= 300)
		return failureOfAnswer(httpCode, {}, undefined);
	return undefined;
}

interface HttpResponse {
	status?: number;
	data?: unknown;
	body?: unknown;
	headers?: Record<string, unknown> & { get?: (name: string) => unknown };
}

function headerOf(response: HttpResponse, name: string): string | undefined {
	const value = response.headers?.[name] ?? response.headers?.get?.(name);
	return typeof value === 'string' ? value : undefined;
}

/** Network failures that may pass on their own. Others (no such host, a refused certificate, a blocked address) are not retried. */
const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'EPIPE',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'EHOSTDOWN',
	'ENETUNREACH',
	'ENETDOWN',
]);

/** Causes that leave no doubt: the request never reached Kakao. */
const UNREACHED = new Set(['refused', 'dns', 'unreachable', 'blocked', 'badUrl', 'tls']);

export function outcomeOf(failure: FailedTry): KakaoOutcome {
	if (failure.redirect || (failure.network && UNREACHED.has(failure.network.cause)))
		return 'unreached';
	if (failure.network || failure.timedOut || failure.unusable) return 'unknown';
	return kakaoCodeOf(failure) === undefined ? 'unknown' : 'rejected';
}

export function isTransient(failure: FailedTry): boolean {
	if (failure.redirect) return false;
	if (failure.timedOut || failure.unusable) return true;
	// An answer that was not HTTP is treated as one that was not Kakao's JSON.
	if (failure.network?.cause === 'garbled') return true;
	if (failure.network) return TRANSIENT_NETWORK_CODES.has(failure.network.code ?? '');
	const code = kakaoCodeOf(failure);
	return (
		isTransientKakaoCode(code) || (code === undefined && isTransientHttpStatus(failure.status ?? 0))
	);
}

export function kakaoCodeOf(failure: FailedTry): number | undefined {
	return failure.body === undefined ? undefined : parseKakaoErrorBody(failure.body).code;
}
