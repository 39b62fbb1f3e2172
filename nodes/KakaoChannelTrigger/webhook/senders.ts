/**
 * "Only Kakao's Servers": a request is accepted only from an address in Kakao's published
 * `callback` list (inboundIps.ts), fetched with the credential's admin key and cached
 * (senderCache.ts). The address is the one n8n's request object gives (`req.ip`), which follows
 * n8n's N8N_PROXY_HOPS setting (Express `trust proxy`): behind a reverse proxy without it, every
 * request seems to come from the proxy.
 */
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { isCallbackAddress, readInboundIps, type InboundIpList } from './inboundIps';
import { requestInboundIps } from './inboundIpRequest';
import { senderCache, type FetchInboundIps, type SenderCache } from './senderCache';

/** How long a webhook request may wait for a first list: Kakao wants a 2XX within 3 s. */
export const SENDER_WAIT_MS = 1_500;
/** The hard end of one fetch of the list (it goes on in the background past SENDER_WAIT_MS). */
export const FETCH_DEADLINE_MS = 10_000;

export type SenderVerdict = { ok: true } | { ok: false; status: 403 | 503; reason: string };

type Context = IHookFunctions | IWebhookFunctions;

function cacheKey(context: Context): string {
	const credentialId = context.getNode().credentials?.kakaoChannelApi?.id ?? '';
	return `${credentialId}\u0000${context.getWorkflow().id ?? ''}`;
}

function describeFailure(error: unknown): string {
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (typeof httpCode === 'string' && /^\d{3}$/.test(httpCode)) return `HTTP ${httpCode}`;
	const message = error instanceof Error ? error.message : String(error);
	return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}

/** Fetches and reads the list; undefined when that failed, which is logged here (never the key). */
function fetcher(context: Context): FetchInboundIps {
	const warn = (why: string) =>
		context.logger.warn(
			`Kakao Channel Trigger: could not read Kakao's callback addresses: ${why}`,
			{
				workflowId: context.getWorkflow().id,
				nodeName: context.getNode().name,
			},
		);
	return async (): Promise<InboundIpList | undefined> => {
		let body: unknown;
		try {
			body = await requestInboundIps(context, FETCH_DEADLINE_MS);
		} catch (error) {
			warn(describeFailure(error));
			return undefined;
		}
		const read = readInboundIps(body);
		if (!read.ok) {
			warn(`the answer is not the documented list (${read.reason})`);
			return undefined;
		}
		return read.list;
	};
}

/** On activation (and when a test run starts listening): fetch the list before the first request. */
export function prefetchSenders(context: IHookFunctions, cache: SenderCache = senderCache): void {
	cache.prefetch(cacheKey(context), fetcher(context));
}

export async function checkSender(
	context: IWebhookFunctions,
	cache: SenderCache = senderCache,
): Promise<SenderVerdict> {
	const key = cacheKey(context);
	const fetch = fetcher(context);
	const list = await cache.current(key, fetch, SENDER_WAIT_MS);
	if (list === undefined) {
		// Fail closed, and say it is ours: 403 would claim the caller is not Kakao, which is unknown.
		return {
			ok: false,
			status: 503,
			reason:
				"Kakao's list of callback addresses could not be read (see the n8n log); nothing was run",
		};
	}
	const ip = context.getRequestObject().ip;
	if (typeof ip !== 'string' || ip === '') {
		return { ok: false, status: 403, reason: "the caller's address is unknown" };
	}
	if (!isCallbackAddress(list, ip)) {
		return {
			ok: false,
			status: 403,
			reason: `${ip} is not one of Kakao's callback addresses (list of ${list.updatedDate})`,
		};
	}
	return { ok: true };
}
