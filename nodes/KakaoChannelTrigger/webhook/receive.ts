/**
 * One webhook request, start to end: verify -> options -> sender (Only Kakao's Servers) -> size
 * -> parse -> filter (event, channel, age) -> de-duplicate -> emit. Each step is one call into the
 * file that owns it, in this order; `decide` says what the request comes to, and the answer (or the
 * item) and its log line are written in one place.
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
import { filterEvent, IGNORED } from './filter';
import { readKakaoHeaders } from './headers';
import { triggerWarnings } from './logLimit';
import { readTriggerOptions } from './readOptions';
import { checkSender } from './senders';

export { IGNORED } from './filter';

/** The one body every unauthenticated caller gets: the reason is in n8n's log only. */
export const UNAUTHORIZED_BODY = { error: 'unauthorized' } as const;

/** What a request comes to: an answer written here (with a line for n8n's log), or one item. */
type Outcome = { status: number; body: IDataObject; warning?: string } | { item: IDataObject };

const badRequest = (reason: string): Outcome => ({
	status: 400,
	body: { error: 'bad_request', reason },
});
const tooLarge = (reason: string): Outcome => ({
	status: 413,
	body: { error: 'payload_too_large', reason },
});

/** A caller's header as it may appear in a log line: printable ASCII only, else a placeholder. */
function loggable(value: string | null | undefined): string | null {
	if (value === null || value === undefined) return null;
	return /^[\x20-\x7e]*$/.test(value) ? value : '(not printable)';
}

/**
 * One line in n8n's log naming the workflow, the node and the delivery, never a key; at most one a
 * minute per trigger and status, the next one saying how many were left out.
 */
function logWarning(
	context: IWebhookFunctions,
	status: number,
	warning: string,
	resourceId: string | null,
): void {
	const workflowId = context.getWorkflow().id;
	const nodeName = context.getNode().name;
	const skipped = triggerWarnings.admit(JSON.stringify([workflowId, nodeName, status]), Date.now());
	if (skipped === undefined) return;
	const more = skipped > 0 ? ` (${skipped} more like it since the last such line, not logged)` : '';
	const meta = { workflowId, nodeName, resourceId: loggable(resourceId) };
	context.logger.warn(`Kakao Channel Trigger: ${warning}${more}`, meta);
}

/** Answers the request (or hands n8n the item) in one place, the steps in the order above. */
export async function receiveWebhook(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const headers = context.getHeaderData() as Record<string, unknown>;
	const kakaoHeaders = readKakaoHeaders(headers);
	const resourceId = kakaoHeaders.resourceId.ok ? kakaoHeaders.resourceId.resourceId : null;
	const outcome = await decide(context, headers, kakaoHeaders, resourceId);
	if ('item' in outcome) return { workflowData: [context.helpers.returnJsonArray(outcome.item)] };
	if (outcome.warning !== undefined)
		logWarning(context, outcome.status, outcome.warning, resourceId);
	// Answered here, so n8n neither answers again nor starts anything.
	context.getResponseObject().status(outcome.status).json(outcome.body);
	return { noWebhookResponse: true };
}

async function decide(
	context: IWebhookFunctions,
	headers: Record<string, unknown>,
	kakaoHeaders: ReturnType<typeof readKakaoHeaders>,
	resourceId: string | null,
): Promise<Outcome> {
	// 1. Authenticity, fail closed: no credential, no admin key, or any doubt -> 401, one body.
	const authorized = await authorizeRequest(context);
	if (!authorized.ok) {
		const warning = `refused a request (401): ${authorized.reason}`;
		return { status: 401, body: { ...UNAUTHORIZED_BODY }, warning };
	}
	const read = readTriggerOptions(context.getNodeParameter('options', {}));
	if (!read.ok) {
		const warning = `configuration error (500): ${read.reason}`;
		return { status: 500, body: { error: 'configuration_error', reason: read.reason }, warning };
	}
	const options = read.options;
	if (options.onlyKakaoServers) {
		const sender = await checkSender(context);
		if (!sender.ok) {
			const error = sender.status === 403 ? 'forbidden' : 'sender_unverified';
			const warning = `refused a request (${sender.status}): ${sender.reason}`;
			return { status: sender.status, body: { error, reason: sender.reason }, warning };
		}
	}

	// 2. Size, before anything is parsed here.
	if (contentLengthExceeds(headers['content-length'], MAX_BODY_BYTES)) {
		return tooLarge(tooLargeReason(MAX_BODY_BYTES));
	}
	const request = context.getRequestObject() as UnparsedRequest;
	if (!(await readUnparsedBody(request))) return badRequest('the body could not be read');
	const body = readBody(context.getBodyData(), request.rawBody, MAX_BODY_BYTES);
	if (!body.ok) {
		return body.status === 413 ? tooLarge(body.reason) : badRequest(body.reason);
	}

	// 3. Shape: the headers read above, then every body field in one pass.
	if (!kakaoHeaders.resourceId.ok) return badRequest(kakaoHeaders.resourceId.reason);
	const parsed = parseEvent(body.body, resourceId, options);
	if (!parsed.ok) return badRequest(parsed.reason);
	const event = parsed.event;
	const delivery = options.includeDeliveryHeaders ? kakaoHeaders.delivery : undefined;
	if (delivery?.ok === false) return badRequest(delivery.reason);

	// 4. Filters: acknowledged with 200 so Kakao does not count them as failures. A stale event is
	// often the host clock, not Kakao: the log is where an operator sees it.
	const selected = context.getNodeParameter('events', []);
	const filtered = filterEvent(selected, options, event, parsed.updatedAtMs, Date.now());
	if (filtered !== undefined) {
		const { ignored, reason } = filtered;
		const body: IDataObject =
			reason === undefined ? { received: true, ignored } : { received: true, ignored, reason };
		const warning = ignored === IGNORED.stale ? `ignored a stale event: ${reason}` : undefined;
		return { status: 200, body, warning };
	}

	// 5. Duplicates. Only deliveries that pass every check above are recorded: a rejected or
	// filtered request never starts anything, so remembering it would only cost memory, and a
	// rejected one (e.g. a 400) must not hide a later good delivery with the same id.
	if (resourceId !== null) {
		const trigger = dedupeKey(context.getWorkflow().id, context.getNode().id, context.getMode());
		if (recentDeliveries.checkAndAdd(trigger, resourceId)) {
			return { status: 200, body: { received: true, ignored: IGNORED.duplicate } };
		}
	}

	// 6. Emit; n8n answers (responseMode onReceived).
	return { item: delivery?.ok ? { ...event, headers: delivery.headers } : { ...event } };
}
