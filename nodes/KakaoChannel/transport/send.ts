import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { untilAborted } from '../../shared/deadline';
import { readAnswer, type ExpectedAnswer } from './answers';
import { failureOfAnswer, readFailure, type FailedTry } from './failure';
import { ensureNodeError } from './nodeError';

export type KakaoContext = IExecuteFunctions | ILoadOptionsFunctions;
export type KakaoCredentialType = 'kakaoChannelApi' | 'kakaoChannelOAuth2Api';

/**
 * One try, ended at `deadlineMs` whatever the server does (headers then a trickle, a stalled
 * body, a slow TLS handshake): the value of a usable answer, or what went wrong. Throws only
 * when no HTTP exchange took place (a credential with no key, a cancelled run).
 */
export async function sendOnce(
	context: KakaoContext,
	credentialType: KakaoCredentialType,
	options: IHttpRequestOptions,
	expected: ExpectedAnswer,
	deadlineMs: number,
	itemIndex?: number,
): Promise<{ value: unknown } | { failure: FailedTry }> {
	const deadline = AbortSignal.timeout(deadlineMs);
	const cancel = cancelSignalOf(context);
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	let response: { body?: unknown; statusCode?: number; headers?: unknown };
	try {
		const request = context.helpers.httpRequestWithAuthentication.call(
			withCancelSignal(context, signal),
			credentialType,
			{
				...options,
				// `timeout` alone is n8n's idle timeout: a server that sends a byte now and then never hits it.
				timeout: deadlineMs,
				abortSignal: signal,
				// Every status comes back as an answer, with its body: n8n 1.x drops the body of a
				// request it throws for. Not with Kakao Login, whose 401 n8n must see to refresh the token.
				ignoreHttpStatusErrors: credentialType === 'kakaoChannelApi',
			},
		) as Promise<typeof response>;
		response = await untilAborted(request, signal);
	} catch (error) {
		if (cancel?.aborted) throw ensureNodeError(context.getNode(), error, itemIndex);
		if (deadline.aborted) return { failure: { timedOut: true } };
		const failure = readFailure(error);
		if (!failure) throw ensureNodeError(context.getNode(), error, itemIndex);
		return { failure };
	}
	const status = response.statusCode ?? 200;
	if (status < 200 || status >= 300)
		return { failure: failureOfAnswer(status, response.headers, response.body) };
	const text = bodyText(response.body);
	const read = readAnswer(text, expected);
	if ('value' in read) return { value: read.value };
	if ('kakaoError' in read) return { failure: { status, body: read.kakaoError } };
	return { failure: { status, unusable: { ...read, text } } };
}

function cancelSignalOf(context: KakaoContext): AbortSignal | undefined {
	return 'getExecutionCancelSignal' in context ? context.getExecutionCancelSignal() : undefined;
}

/**
 * n8n's request helper replaces the options' `abortSignal` with the execution's cancel signal
 * (n8n-core 1.x and 2.x: `requestOptions.abortSignal = this.getExecutionCancelSignal()`), so the
 * deadline reaches the HTTP client as that signal: the helper runs on a view of the context whose
 * cancel signal also fires at the deadline. Everything else is the context itself.
 */
function withCancelSignal(context: KakaoContext, signal: AbortSignal): KakaoContext {
	return Object.create(context, {
		getExecutionCancelSignal: { value: () => signal },
	}) as KakaoContext;
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}
