import {
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { kakaoChannelApiTest } from '../shared/keyCheck';
import { dedupeKey, recentIdsRegistry } from './webhook/dedupe';
import {
	MAX_BODY_BYTES,
	contentLengthExceeds,
	parseEvent,
	readBody,
	readResourceId,
	tooLargeReason,
} from './webhook/event';
import { channelAllowed, eventSelected, parseChannelFilter } from './webhook/filter';
import {
	optionFields,
	readDeliveryHeaders,
	readTriggerOptions,
	staleReason,
} from './webhook/options';
import { authorizeRequest } from './webhook/authorize';

/** Why a verified request started nothing; sent back as `{ received: true, ignored }`. */
export const IGNORED = {
	event: 'event_not_selected',
	channel: 'channel_not_selected',
	duplicate: 'duplicate',
	stale: 'stale_event',
} as const;

/** n8n's request: `readRawBody` is n8n's own reader (it applies N8N_PAYLOAD_SIZE_MAX). */
type UnparsedRequest = { rawBody?: unknown; readRawBody?: () => Promise<void> };

/**
 * For a start node above version 1, n8n reads the body only for the content types it parses
 * (JSON, text, form, XML); without a Content-Type the bytes are still unread. Reads them, once.
 * False when reading failed (aborted, or over n8n's own size limit).
 */
async function readUnparsedBody(request: UnparsedRequest): Promise<boolean> {
	if (request.rawBody !== undefined || typeof request.readRawBody !== 'function') return true;
	try {
		await request.readRawBody();
		return true;
	} catch {
		// The reason is n8n's (size limit or an aborted stream); the caller gets a fixed 400.
		return false;
	}
}

/** Answers the request here and tells n8n not to answer it again (and to start nothing). */
function respond(
	context: IWebhookFunctions,
	status: number,
	body: IDataObject,
): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

function unauthorized(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	return respond(context, 401, { error: 'unauthorized', reason });
}

function badRequest(context: IWebhookFunctions, reason: string): IWebhookResponseData {
	return respond(context, 400, { error: 'bad_request', reason });
}

function ignored(context: IWebhookFunctions, why: string, reason?: string): IWebhookResponseData {
	const body: IDataObject = { received: true, ignored: why };
	if (reason !== undefined) body.reason = reason;
	return respond(context, 200, body);
}

export class KakaoChannelTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kakao Channel Trigger',
		name: 'kakaoChannelTrigger',
		icon: { light: 'file:kakaoChannel.svg', dark: 'file:kakaoChannel.dark.svg' },
		group: ['trigger'],
		// 2: n8n no longer evaluates `$parameter.options.binaryData` (an expression isolate in n8n
		// 2.x) before every request of a start node at version 1. Both versions behave the same.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a user adds or blocks your Kakao Talk Channel',
		defaults: {
			name: 'Kakao Channel Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kakaoChannelApi',
				required: true,
				testedBy: 'kakaoChannelApiTest',
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without it n8n answers the literal text "firstEntryJson"; Kakao only needs a 2XX.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					"Kakao cannot register this URL through an API: paste it yourself in the Kakao Developers console under [App] > [Webhook] > [Kakao Talk Channel webhook]. It must be a public HTTPS URL with a valid certificate that answers without any redirect. To try it, click Execute step on this node (n8n 1.x: Listen for test event) and send an event to the Test URL within 2 minutes; once the workflow is active, Kakao must call the Production URL. Requests are accepted only with the app's admin key (from the credential) in the Authorization header.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Added',
						value: 'added',
						description: 'A user added the channel',
					},
					{
						name: 'Blocked',
						value: 'blocked',
						description: 'A user blocked the channel',
					},
				],
				default: ['added', 'blocked'],
				description:
					'Which events start the workflow. Other events are acknowledged to Kakao and start nothing.',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Channel IDs',
						name: 'channelIds',
						type: 'string',
						default: '',
						placeholder: '_ZeUTxl, https://pf.kakao.com/_AbCdEf',
						description:
							'Comma-separated channel public IDs, pf.kakao.com URLs, or search IDs starting with @. Only events of these channels start the workflow; others are acknowledged and ignored. Leave empty to accept every channel connected to the app.',
					},
					...optionFields,
				],
			},
		],
	};

	// The same key test as the action node, so the editor tells a wrong admin key apart.
	methods = { credentialTest: { kakaoChannelApiTest } };

	webhookMethods = {
		default: {
			// Kakao has no API to register, list or remove the add/block webhook: the URL is pasted
			// by hand in the Kakao Developers console ([App] > [Webhook] > [Kakao Talk Channel
			// webhook]). So there is nothing to check, create or delete here, and every step
			// succeeds without calling Kakao.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	/**
	 * verify -> size -> parse -> filter (event, channel, age) -> de-duplicate -> emit. No network or
	 * disk I/O of its own: the awaited calls (the cached credential lookup, reading a body n8n left
	 * unread) all come before the duplicate check, and everything from there on is synchronous, so
	 * the check and the record that follows cannot interleave with another request.
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const headers = this.getHeaderData();

		// 1. Authenticity, fail closed: no credential, no admin key, or any doubt -> 401.
		const authorized = await authorizeRequest(this);
		if (!authorized.ok) return unauthorized(this, authorized.reason);
		const read = readTriggerOptions(this.getNodeParameter('options', {}));
		if (!read.ok) return respond(this, 500, { error: 'configuration_error', reason: read.reason });
		const options = read.options;

		// 2. Size, before anything is parsed here.
		if (contentLengthExceeds(headers['content-length'], MAX_BODY_BYTES)) {
			return respond(this, 413, {
				error: 'payload_too_large',
				reason: tooLargeReason(MAX_BODY_BYTES),
			});
		}
		const request = this.getRequestObject() as UnparsedRequest;
		if (!(await readUnparsedBody(request))) return badRequest(this, 'the body could not be read');
		const body = readBody(this.getBodyData(), request.rawBody, MAX_BODY_BYTES);
		if (!body.ok) {
			return body.status === 413
				? respond(this, 413, { error: 'payload_too_large', reason: body.reason })
				: badRequest(this, body.reason);
		}

		// 3. Shape.
		const resourceId = readResourceId(headers['x-kakao-resource-id']);
		if (!resourceId.ok) return badRequest(this, resourceId.reason);
		const parsed = parseEvent(body.body, resourceId.resourceId, options);
		if (!parsed.ok) return badRequest(this, parsed.reason);
		const event = parsed.event;
		const delivery = options.includeDeliveryHeaders ? readDeliveryHeaders(headers) : undefined;
		if (delivery?.ok === false) return badRequest(this, delivery.reason);

		// 4. Filters: acknowledged with 200 so Kakao does not count them as failures.
		if (!eventSelected(this.getNodeParameter('events', []), event.event)) {
			return ignored(this, IGNORED.event);
		}
		if (!channelAllowed(parseChannelFilter(options.channelIds), event)) {
			return ignored(this, IGNORED.channel);
		}
		const stale = staleReason(event.updated_at, options.ignoreOlderThanMinutes, Date.now());
		if (stale !== undefined) return ignored(this, IGNORED.stale, stale);

		// 5. Duplicates. Only deliveries that pass every check above are recorded: a rejected or
		// filtered request never starts anything, so remembering it would only cost memory, and a
		// rejected one (e.g. a 400) must not hide a later good delivery with the same id.
		if (event.resource_id !== null) {
			const store = recentIdsRegistry.get(
				dedupeKey(this.getWorkflow().id, this.getNode().id, this.getMode()),
			);
			if (store.checkAndAdd(event.resource_id)) return ignored(this, IGNORED.duplicate);
		}

		// 6. Emit; n8n answers (responseMode onReceived).
		const item: IDataObject = delivery?.ok ? { ...event, headers: delivery.headers } : { ...event };
		return { workflowData: [this.helpers.returnJsonArray(item)] };
	}
}
