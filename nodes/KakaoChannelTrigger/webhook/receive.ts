/**
 * One webhook request, start to end: verify -> options -> sender (Only Kakao's Servers) -> size
 * -> parse -> filter (event, channel, age) -> de-duplicate -> emit. Each step is one call into the file that owns it, in
 * this order, and no file is visited twice.
 *
 * The awaited calls (the cached credential lookup, the cached list of Kakao's addresses, reading a
 * body n8n left unread) all come before the duplicate check, and everything from there on is
 * synchronous, so the check and the record that follows cannot interleave with another request.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { authorizeRequest } from './authorize';
import {
	MAX_BODY_BYTES,
	contentLengthExceeds,
	readBody,
	readUnparsedBody,
	tooLargeReason,
	type UnparsedRequest,
} from './body';
import { dedupeKey, recentDeliveries } from './dedupe';
import { parseEvent } from './event';
import { channelAllowed, eventSelected, staleReason } from './filter';
import { readKakaoHeaders } from './headers';
import { readTriggerOptions } from './readOptions';
import { checkSender } from './senders';

/** Why a verified request started nothing; sent back as `{ received: true, ignored }`. */
export const IGNORED = {
	event: 'event_not_selected',
	channel: 'channel_not_selected',
	duplicate: 'duplicate',
	stale: 'stale_event',
} as const;

/** The one body every unauthenticated caller gets: the reason is in n8n's log only. */
export const UNAUTHORIZED_BODY = { error: 'unauthorized' } as const;

/** Answers the request here and tells n8n not to answer it again (and to start nothing). */
function respond(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function badRequest(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	return respond(context, 400, { error: 'bad_request', reason });
}

function tooLarge(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	return respond(context, 413, { error: 'payload_too_large', reason });
}

function ignored(context: IWebhookFunctions, why: string, reason?: string): IWebhookResponseData {
	const body: IDataObject = { received: true, ignored: why };
	if (reason !== undefined) body.reason = reason;
	return respond(context, 200, body);
}

/** A caller's header as it may appear in a log line: printable ASCII only, else a placeholder. */
function loggable(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	return /^[\x20-\x7e]*$/.test(value) ? value : '(not printable)';
}

/** A warning in n8n's log, naming the workflow, the node and the delivery, never a key. */
function warn(context: IWebhookFunctions, message: string, resourceId: string | null): void {
	context.logger.warn(`Kakao Channel Trigger: ${message}`, {
		workflowId: context.getWorkflow().id,
		nodeName: context.getNode().name,
		resourceId: loggable(resourceId),
	});
}

export async function receiveWebhook(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const headers = context.getHeaderData() as Record<string, unknown>;
	const kakaoHeaders = readKakaoHeaders(headers);
	const resourceId = kakaoHeaders.resourceId.ok ? kakaoHeaders.resourceId.resourceId : null;

	// 1. Authenticity, fail closed: no credential, no admin key, or any doubt -> 401, one body.
	const authorized = await authorizeRequest(context);
	if (!authorized.ok) {
		warn(context, `refused a request (401): ${authorized.reason}`, resourceId);
		return respond(context, 401, { ...UNAUTHORIZED_BODY });
	}
	const read = readTriggerOptions(context.getNodeParameter('options', {}));
	if (!read.ok) {
		warn(context, `configuration error (500): ${read.reason}`, resourceId);
		return respond(context, 500, { error: 'configuration_error', reason: read.reason });
	}
	const options = read.options;
	if (options.onlyKakaoServers) {
		const sender = await checkSender(context);
		if (!sender.ok) {
			warn(context, `refused a request (${sender.status}): ${sender.reason}`, resourceId);
			const error = sender.status === 403 ? 'forbidden' : 'sender_unverified';
			return respond(context, sender.status, { error, reason: sender.reason });
		}
	}

	// 2. Size, before anything is parsed here.
	if (contentLengthExceeds(headers['content-length'], MAX_BODY_BYTES)) {
		return tooLarge(context, tooLargeReason(MAX_BODY_BYTES));
	}
	const request = context.getRequestObject() as UnparsedRequest;
	if (!(await readUnparsedBody(request))) return badRequest(context, 'the body could not be read');
	const body = readBody(context.getBodyData(), request.rawBody, MAX_BODY_BYTES);
	if (!body.ok) {
		return body.status === 413 ? tooLarge(context, body.reason) : badRequest(context, body.reason);
	}

	// 3. Shape: the headers read above, then every body field in one pass.
	if (!kakaoHeaders.resourceId.ok) return badRequest(context, kakaoHeaders.resourceId.reason);
	const parsed = parseEvent(body.body, resourceId, options);
	if (!parsed.ok) return badRequest(context, parsed.reason);
	const event = parsed.event;
	const delivery = options.includeDeliveryHeaders ? kakaoHeaders.delivery : undefined;
	if (delivery?.ok === false) return badRequest(context, delivery.reason);

	// 4. Filters: acknowledged with 200 so Kakao does not count them as failures.
	if (!eventSelected(context.getNodeParameter('events', []), event.event)) {
		return ignored(context, IGNORED.event);
	}
	if (!channelAllowed(options.channels, event)) return ignored(context, IGNORED.channel);
	const stale = staleReason(
		event.updated_at,
		parsed.updatedAtMs,
		options.ignoreOlderThanMinutes,
		Date.now(),
	);
	if (stale !== undefined) {
		// Often the host clock, not Kakao: the log is where an operator sees it.
		warn(context, `ignored a stale event: ${stale}`, resourceId);
		return ignored(context, IGNORED.stale, stale);
	}

	// 5. Duplicates. Only deliveries that pass every check above are recorded: a rejected or
	// filtered request never starts anything, so remembering it would only cost memory, and a
	// rejected one (e.g. a 400) must not hide a later good delivery with the same id.
	if (resourceId !== null) {
		const trigger = dedupeKey(context.getWorkflow().id, context.getNode().id, context.getMode());
		if (recentDeliveries.checkAndAdd(trigger, resourceId)) {
			return ignored(context, IGNORED.duplicate);
		}
	}

	// 6. Emit; n8n answers (responseMode onReceived).
	const item: IDataObject = delivery?.ok ? { ...event, headers: delivery.headers } : { ...event };
	return { workflowData: [context.helpers.returnJsonArray(item)] };
}
