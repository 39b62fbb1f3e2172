/**
 * The one call the trigger makes to Kakao: `GET /v1/system/ips?rule_type=inbound`, through n8n's
 * request helper with the `kakaoChannelApi` credential (which signs it with the admin key). No
 * redirect is followed and the call ends at a hard deadline, so it can never hold a webhook
 * request or an activation for long. (One function on purpose: it is meant to move to the shared
 * request path of nodes/shared/.)
 */
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

export const IP_LIST_PATH = '/v1/system/ips';
const DEFAULT_BASE_URL = 'https://kapi.kakao.com';

export async function requestInboundIps(
	context: IHookFunctions | IWebhookFunctions,
	deadlineMs: number,
): Promise<unknown> {
	const credentials = await context.getCredentials('kakaoChannelApi');
	const configured = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const baseUrl = (configured === '' ? DEFAULT_BASE_URL : configured).replace(/\/+$/, '');
	if (!/^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i.test(baseUrl)) {
		throw new Error('the Base URL of the credential is not an http(s) URL');
	}
	return await context.helpers.httpRequestWithAuthentication.call(context, 'kakaoChannelApi', {
		method: 'GET',
		url: `${baseUrl}${IP_LIST_PATH}`,
		qs: { rule_type: 'inbound' },
		json: true,
		disableFollowRedirect: true,
		abortSignal: AbortSignal.timeout(deadlineMs),
	});
}
