import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { ensureNodeError } from '../helpers/nodeError';
import { readAnswer, type ExpectedAnswer, type UnusableAnswer } from './answers';
import {
	describeKakaoError,
	isTransientHttpStatus,
	isTransientKakaoCode,
	parseKakaoErrorBody,
} from './errors';
import { readTimeoutMs, TOTAL_BOUND_FACTOR } from './timeout';

export type KakaoCredentialType = 'kakaoChannelApi' | 'kakaoChannelOAuth2Api';

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

/** What one call cost: tries made, and how many of them re-sent a request whose outcome was unknown. */
export interface KakaoCallStats {
	attempts: number;
	resent: number;
}

/**
 * How a failed call ended: `rejected` (Kakao answered an error code, so it did nothing),
 * `unreached` (the connection was refused), or `unknown` (Kakao may have acted).
 */
export interface KakaoFailure extends KakaoCallStats {
	outcome: 'rejected' | 'unreached' | 'unknown';
	code?: number;
}

/** Bounded retries for Kakao's transient failures; waits 0.5 s, 1 s, 2 s. */
export const MAX_RETRIES = 3;
export const RETRY_BASE_DELAY_MS = 500;

const DEFAULT_BASE_URL = 'https://kapi.kakao.com';
const MIN_ATTEMPT_MS = 100;
const failures = new WeakMap<object, KakaoFailure>();

/** The outcome of a call that threw, if the error came from kakaoApiCall. */
export function failureOf(error: unknown): KakaoFailure | undefined {
	return error !== null && typeof error === 'object' ? failures.get(error) : undefined;
}

type KakaoContext = IExecuteFunctions | ILoadOptionsFunctions;

interface FailedAttempt {
	status?: number;
	body?: unknown;
	networkCode?: string;
	timedOut?: boolean;
	unusable?: UnusableAnswer & { text: string };
}

/** The one way this package calls Kakao; returns the answer's value. */
export async function kakaoApiRequest(this: KakaoContext, request: KakaoRequest): Promise<unknown> {
	return (await kakaoApiCall.call(this, request)).value;
}

/** Picks the credential, bounds each try, checks the answer, retries transient failures. */
export async function kakaoApiCall(
	this: KakaoContext,
	request: KakaoRequest,
): Promise<{ value: unknown } & KakaoCallStats> {
	const credentialType = request.credentialType ?? 'kakaoChannelApi';
	const credentials = await this.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL)
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			`The Base URL "${baseUrl}" in the credential is not an http(s) URL`,
			{
				itemIndex: request.itemIndex,
				description:
					'Set Base URL to https://kapi.kakao.com (or your proxy, starting with https://).',
			},
		);
	}
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
			timeout: Math.max(MIN_ATTEMPT_MS, Math.min(timeoutMs, deadline - Date.now())),
		};
		if (request.body) options.body = request.body;
		let failure: FailedAttempt;
		try {
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				credentialType,
				options,
			)) as { body?: unknown; statusCode?: number };
			const text = bodyText(response.body);
			const read = readAnswer(text, request.answer);
			if ('value' in read) return { value: read.value, attempts: attempt + 1, resent };
			failure = { status: response.statusCode ?? 200, unusable: { ...read, text } };
		} catch (error) {
			failure = readFailure(error);
			if (failure.status === undefined && failure.networkCode === undefined) {
				// Not an HTTP exchange at all (a credential with no key, a cancelled run): report as is.
				throw ensureNodeError(this.getNode(), error, request.itemIndex);
			}
		}
		const outcome = outcomeOf(failure);
		const mayRetry = request.retryUnknownOutcome !== false || outcome !== 'unknown';
		const waitMs = RETRY_BASE_DELAY_MS * 2 ** attempt;
		const timeLeft = deadline - Date.now() - waitMs >= MIN_ATTEMPT_MS;
		if (mayRetry && isTransient(failure) && attempt < MAX_RETRIES && timeLeft) {
			await sleep(waitMs);
			if (outcome === 'unknown') resent++;
			continue;
		}
		const error = toNodeApiError(
			this,
			failure,
			{ attempts: attempt + 1, timeoutMs, elapsedMs: Date.now() - started },
			request.itemIndex,
		);
		if (!mayRetry) {
			error.description =
				`${error.description ?? ''} Kakao may have acted on the request before it failed, so it was not sent again: check the result (for a new file, Customer File > Get Many) before running again.`.trim();
		}
		failures.set(error, {
			outcome,
			code: parseKakaoErrorBody(failure.body).code,
			attempts: attempt + 1,
			resent,
		});
		throw error;
	}
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}

function outcomeOf(failure: FailedAttempt): KakaoFailure['outcome'] {
	if (failure.networkCode === 'ECONNREFUSED' || failure.networkCode === 'ENOTFOUND')
		return 'unreached';
	if (failure.networkCode !== undefined || failure.unusable) return 'unknown';
	return parseKakaoErrorBody(failure.body).code === undefined ? 'unknown' : 'rejected';
}

function isTransient(failure: FailedAttempt): boolean {
	if (failure.networkCode !== undefined || failure.unusable) return true;
	const { code } = parseKakaoErrorBody(failure.body);
	return (
		isTransientKakaoCode(code) || (code === undefined && isTransientHttpStatus(failure.status ?? 0))
	);
}

/** n8n wraps the HTTP client's error; the response (if any) hangs off its cause. */
function readFailure(error: unknown): FailedAttempt {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const response = (
			candidate as { response?: { status?: number; data?: unknown; body?: unknown } }
		)?.response;
		if (response?.status !== undefined) {
			return { status: response.status, body: response.data ?? response.body };
		}
	}
	const message = candidates
		.map((candidate) => String((candidate as Error)?.message ?? ''))
		.join(' ');
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (code === 'ERR_CANCELED') return {};
		if (code === 'ETIMEDOUT' || (code === 'ECONNABORTED' && /timeout/i.test(message)))
			return { networkCode: 'ETIMEDOUT', timedOut: true };
		if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return { networkCode: code };
	}
	if (/timeout of \d+ms exceeded/i.test(message))
		return { networkCode: 'ETIMEDOUT', timedOut: true };
	if (/socket hang up|ECONNRESET|ECONNREFUSED|network error|aborted/i.test(message)) {
		return { networkCode: /ECONNREFUSED/.test(message) ? 'ECONNREFUSED' : 'ECONNRESET' };
	}
	return {};
}

interface Effort {
	attempts: number;
	timeoutMs: number;
	elapsedMs: number;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

// Built from the parsed Kakao body only: the request (and its Authorization header) never
// reaches the error, so no key can leak into the UI or the logs.
function toNodeApiError(
	context: KakaoContext,
	failure: FailedAttempt,
	effort: Effort,
	itemIndex?: number,
) {
	const retried = effort.attempts > 1 ? ` (tried ${effort.attempts} times)` : '';
	if (failure.timedOut) {
		return new NodeApiError(
			context.getNode(),
			{ message: 'Kakao did not answer in time' },
			{
				message: `Kakao did not answer within ${seconds(effort.timeoutMs)}${retried}`,
				description: `Waited ${seconds(effort.elapsedMs)} in all over ${effort.attempts} ${effort.attempts > 1 ? 'tries' : 'try'} (option Timeout: ${seconds(effort.timeoutMs)} per try, ${TOTAL_BOUND_FACTOR}× that in all). Kakao may or may not have acted on the request. Run again later, or raise the Timeout option.`,
				itemIndex,
			},
		);
	}
	if (failure.networkCode !== undefined) {
		return new NodeApiError(
			context.getNode(),
			{ message: `Connection to Kakao failed: ${failure.networkCode}` },
			{
				message: `Could not reach the Kakao API${retried}`,
				description: `The connection failed (${failure.networkCode}). Check the Base URL in the credential and the network, then run again.`,
				itemIndex,
			},
		);
	}
	const status = failure.status ?? 0;
	if (failure.unusable) {
		const start = failure.unusable.text.slice(0, 200);
		return new NodeApiError(
			context.getNode(),
			{ httpCode: String(status), body: start },
			{
				message: `Kakao answered HTTP ${status} with ${failure.unusable.problem}${retried}`,
				description: `The answer began: ${JSON.stringify(start)}. ${failure.unusable.hint}`,
				httpCode: String(status),
				itemIndex,
			},
		);
	}
	const body = parseKakaoErrorBody(failure.body);
	const { message, description } = describeKakaoError(status, body);
	const errorResponse: JsonObject = { httpCode: String(status) };
	if (body.code !== undefined) errorResponse.code = body.code;
	if (body.msg !== undefined) errorResponse.msg = body.msg;
	return new NodeApiError(context.getNode(), errorResponse, {
		message: `${message}${retried}`,
		description,
		httpCode: String(status),
		itemIndex,
	});
}
