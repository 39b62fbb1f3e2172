import type { IExecuteFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';

import { readAnswer, type ExpectedAnswer } from './answers';
import { readFailure, type FailedTry } from './failure';
import { ensureNodeError } from './nodeError';

export type KakaoContext = IExecuteFunctions | ILoadOptionsFunctions;
export type KakaoCredentialType = 'kakaoChannelApi' | 'kakaoChannelOAuth2Api';

/** One try: the value of a usable answer, or what went wrong. Throws only when no HTTP exchange took place. */
export async function sendOnce(
	context: KakaoContext,
	credentialType: KakaoCredentialType,
	options: IHttpRequestOptions,
	expected: ExpectedAnswer,
	itemIndex?: number,
): Promise<{ value: unknown } | { failure: FailedTry }> {
	let response: { body?: unknown; statusCode?: number };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			options,
		)) as typeof response;
	} catch (error) {
		const failure = readFailure(error);
		// Not an HTTP exchange at all (a credential with no key, a cancelled run): report as is.
		if (!failure) throw ensureNodeError(context.getNode(), error, itemIndex);
		return { failure };
	}
	const text = bodyText(response.body);
	const read = readAnswer(text, expected);
	if ('value' in read) return { value: read.value };
	return { failure: { status: response.statusCode ?? 200, unusable: { ...read, text } } };
}

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (body === undefined || body === null) return '';
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body);
}
