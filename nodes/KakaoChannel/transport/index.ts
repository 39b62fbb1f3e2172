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
import {
	describeKakaoError,
	isTransientHttpStatus,
	isTransientKakaoCode,
	parseKakaoErrorBody,
} from './errors';

export type KakaoCredentialType = 'kakaoChannelApi' | 'kakaoChannelOAuth2Api';

export interface KakaoRequest {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	credentialType?: KakaoCredentialType;
	itemIndex?: number;
	/**
	 * False for calls that must not run twice (creating a file): a dropped connection or a bare
	 * 5xx leaves unknown whether Kakao acted, so those are reported instead of retried.
	 */
	retryUnknownOutcome?: boolean;
}

/** Bounded retries for Kakao's transient failures; waits 0.5 s, 1 s, 2 s. */
export const MAX_RETRIES = 3;
export const RETRY_BASE_DELAY_MS = 500;

const DEFAULT_BASE_URL = 'https://kapi.kakao.com';

type KakaoContext = IExecuteFunctions | ILoadOptionsFunctions;

interface FailedAttempt {
	status?: number;
	body?: unknown;
	networkCode?: string;
}

/** The one way this package calls Kakao: picks the credential, retries transient failures. */
export async function kakaoApiRequest(this: KakaoContext, request: KakaoRequest): Promise<unknown> {
	const credentialType = request.credentialType ?? 'kakaoChannelApi';
	const credentials = await this.getCredentials(credentialType);
	const baseUrl = String(credentials.baseUrl || DEFAULT_BASE_URL).trim().replace(/\/+$/, '');
	if (!/^https?:\/\/[^/]/i.test(baseUrl)) {
		throw new NodeOperationError(this.getNode(), `The Base URL "${baseUrl}" in the credential is not an http(s) URL`, {
			itemIndex: request.itemIndex,
			description: 'Set Base URL to https://kapi.kakao.com (or your proxy, starting with https://).',
		});
	}
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		qs: request.qs,
		body: request.body,
		json: true,
	};
	if (!request.body) delete options.body;

	for (let attempt = 0; ; attempt++) {
		let failure: FailedAttempt;
		try {
			return await this.helpers.httpRequestWithAuthentication.call(this, credentialType, options);
		} catch (error) {
			failure = readFailure(error);
			if (failure.status === undefined && failure.networkCode === undefined) {
				// Not an HTTP exchange at all (for example a credential with no key): report as is.
				throw ensureNodeError(this.getNode(), error, request.itemIndex);
			}
		}
		const outcomeUnknown = failure.networkCode !== undefined || parseKakaoErrorBody(failure.body).code === undefined;
		const mayRetry = request.retryUnknownOutcome !== false || !outcomeUnknown;
		if (mayRetry && isTransient(failure) && attempt < MAX_RETRIES) {
			await sleep(RETRY_BASE_DELAY_MS * 2 ** attempt);
			continue;
		}
		const error = toNodeApiError(this, failure, attempt + 1, request.itemIndex);
		if (!mayRetry) {
			error.description = `${error.description ?? ''} Kakao may have acted on the request before it failed, so it was not sent again: check the result (for a new file, Customer File > Get Many) before running again.`.trim();
		}
		throw error;
	}
}

function isTransient(failure: FailedAttempt): boolean {
	if (failure.networkCode !== undefined) return true;
	const { code } = parseKakaoErrorBody(failure.body);
	return isTransientKakaoCode(code) || (code === undefined && isTransientHttpStatus(failure.status ?? 0));
}

/** n8n wraps the HTTP client's error; the response (if any) hangs off its cause. */
function readFailure(error: unknown): FailedAttempt {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const response = (candidate as { response?: { status?: number; data?: unknown; body?: unknown } })?.response;
		if (response?.status !== undefined) {
			return { status: response.status, body: response.data ?? response.body };
		}
	}
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown })?.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return { networkCode: code };
	}
	const message = String((error as Error)?.message ?? '');
	if (/socket hang up|ECONNRESET|ECONNREFUSED|ETIMEDOUT|network error/i.test(message)) {
		return { networkCode: 'ECONNRESET' };
	}
	return {};
}

// Built from the parsed Kakao body only: the request (and its Authorization header) never
// reaches the error, so no key can leak into the UI or the logs.
function toNodeApiError(context: KakaoContext, failure: FailedAttempt, attempts: number, itemIndex?: number) {
	const retried = attempts > 1 ? ` (tried ${attempts} times)` : '';
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
