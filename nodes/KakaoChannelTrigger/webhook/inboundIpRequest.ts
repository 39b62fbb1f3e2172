/**
 * The one call the trigger makes to Kakao: `GET /v1/system/ips?rule_type=inbound`, through n8n's
 * request helper with the `kakaoChannelApi` credential (which signs it with the admin key). No
 * redirect is followed and the call ends at a hard deadline, so it can never hold a webhook
 * request or an activation for long. The Base URL passes the package's one rule (nodes/shared).
 */
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { checkBaseUrl } from '../../shared/baseUrl';
import { untilAborted } from '../../shared/deadline';

export const IP_LIST_PATH = '/v1/system/ips';

export async function requestInboundIps(
	context: IHookFunctions | IWebhookFunctions,
	deadlineMs: number,
): Promise<unknown> {
	const credentials = await context.getCredentials('kakaoChannelApi');
	const baseUrl = checkBaseUrl(credentials.baseUrl);
	if ('error' in baseUrl) throw new Error(baseUrl.error);
	const deadline = AbortSignal.timeout(deadlineMs);
	const request = context.helpers.httpRequestWithAuthentication.call(context, 'kakaoChannelApi', {
		method: 'GET',
		url: `${baseUrl.origin}${IP_LIST_PATH}`,
		qs: { rule_type: 'inbound' },
		json: true,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		timeout: deadlineMs,
		abortSignal: deadline,
	}) as Promise<unknown>;
	// Stops waiting at the deadline even where n8n replaces the signal with its own.
	return await untilAborted(request, deadline);
}
