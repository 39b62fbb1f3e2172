/**
 * Runs KakaoChannelTrigger.webhook() inside n8n's own WebhookContext (n8n-core), the class n8n
 * itself builds for every webhook call, with a real Workflow from n8n-workflow. Only the edges are
 * stand-ins: the express request/response, the credentials helper (returns the test credential)
 * and InstanceSettings (n8n reads it from ~/.n8n on first use; a plain object keeps the test off
 * the disk).
 *
 * Requests are built the way n8n's body parser leaves them (packages/cli/src/middlewares/
 * body-parser.ts, called from webhook-helpers parseRequestBody): `rawBody` is the bytes received,
 * `body` is the parsed JSON for `application/json`, the text for `text/plain`, `{}` otherwise. For
 * a start node above version 1, n8n reads nothing for a content type it does not parse: `rawBody`
 * stays unset until the node calls `readRawBody()`.
 *
 * The node version comes from jest's per-project global `KAKAO_TRIGGER_VERSION` (jest.config.js),
 * so every trigger test runs at version 1 and at version 2.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { HookContext, InstanceSettings, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeParameters,
	type INodeTypes,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { KakaoChannelTrigger } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { adminKeyCache } from '../../../nodes/KakaoChannelTrigger/webhook/adminKeyCache';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { senderCache } from '../../../nodes/KakaoChannelTrigger/webhook/senderCache';
import {
	TestCredentialsHelper,
	additionalDataFor as engineAdditionalData,
} from '../../support/engine';
import { kakaoWebhookHeaders } from '../../support/kakaoWebhook';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

declare const KAKAO_TRIGGER_VERSION: number | undefined;
/** The node version under test (set per jest project). */
export const TRIGGER_VERSION: number =
	typeof KAKAO_TRIGGER_VERSION === 'number' ? KAKAO_TRIGGER_VERSION : 2;

/** What n8n's parseBody parses; for other types a version >= 2 start node gets the bytes unread. */
const PARSED_TYPES = /^(application\/json|text\/plain|application\/x-www-form-urlencoded)|[/+]xml$/;

Container.set(InstanceSettings, {
	instanceId: 'test-instance',
	hmacSignatureSecret: 'test-secret',
} as unknown as InstanceSettings);

export interface LogLine {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	meta?: unknown;
}

/** What the node wrote to n8n's log (`this.logger`, n8n's Logger from the container), in order. */
export const triggerLogs: LogLine[] = [];
const record =
	(level: LogLine['level']) =>
	(message: string, meta?: unknown): void => {
		triggerLogs.push(meta === undefined ? { level, message } : { level, message, meta });
	};
Container.set(Logger, {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped: () => Container.get(Logger),
} as unknown as Logger);

/**
 * Forgets what the trigger keeps between requests (delivery ids, admin keys, callback addresses)
 * and what it logged, so that each test starts as a fresh n8n would. For `afterEach`.
 */
export function resetTrigger(): void {
	recentDeliveries.clear();
	adminKeyCache.clear();
	senderCache.clear();
	triggerLogs.length = 0;
}

/** Express's response as the node uses it: a status, one JSON body, how many answers were sent. */
export class FakeResponse {
	statusCode: number | undefined;

	body: unknown;

	sent = 0;

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	json(body: unknown): this {
		this.body = body;
		this.sent++;
		return this;
	}

	send(body: unknown): this {
		return this.json(body);
	}

	end(): this {
		this.sent++;
		return this;
	}
}

export interface FakeRequest {
	method: string;
	headers: Record<string, string>;
	body: unknown;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
	/** How many times the node asked for the unread body. */
	rawBodyReads: number;
	params: Record<string, string>;
	query: Record<string, string>;
	/** The client address as Express gives it (n8n's N8N_PROXY_HOPS decides what it is). */
	ip: string;
	header(name: string): string | undefined;
}

/** A request as n8n hands it to a webhook node after its body parser ran. */
export function buildRequest(
	rawBody: string | Buffer | undefined,
	headers: Record<string, string> = {},
	version: number = TRIGGER_VERSION,
): FakeRequest {
	const lower: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
	const raw = typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody;
	if (raw !== undefined) lower['content-length'] ??= String(raw.length);
	const contentType = (lower['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const request: FakeRequest = {
		method: 'POST',
		headers: lower,
		body: {},
		rawBody: raw,
		rawBodyReads: 0,
		params: {},
		query: {},
		ip: '127.0.0.1',
		header: (name: string) => lower[name.toLowerCase()],
	};
	if (version > 1 && !PARSED_TYPES.test(contentType)) {
		// n8n left the stream unread: `readRawBody` is how a node gets the bytes.
		request.rawBody = undefined;
		request.body = undefined;
		request.readRawBody = async () => {
			request.rawBodyReads++;
			request.rawBody ??= raw ?? Buffer.alloc(0);
		};
	} else if (raw !== undefined && raw.length > 0) {
		const text = raw.toString('utf8');
		if (contentType === 'application/json') request.body = JSON.parse(text) as unknown;
		else if (contentType === 'text/plain') request.body = text;
	}
	return request;
}

/** Headers Kakao sends (docs/kakao-api.md#webhook-headers), with the given admin key. */
export const kakaoHeaders = (resourceId: string | undefined, adminKey: string = ADMIN_KEY) =>
	kakaoWebhookHeaders(adminKey, resourceId);

export interface HarnessOptions {
	/** The decrypted credential, or an Error to make the lookup fail. */
	credential?: ICredentialDataDecryptedObject | Error;
	/** Defaults to a fresh id per trigger, so the admin key cache starts cold. */
	credentialId?: string;
	version?: number;
	parameters?: INodeParameters;
	workflowId?: string;
	nodeId?: string;
	mode?: WorkflowExecuteMode;
}

export interface WebhookRun {
	result: IWebhookResponseData;
	response: FakeResponse;
	context: WebhookContext;
	credentialLookups: number;
}

let workflowCounter = 0;
let credentialCounter = 0;

/** A trigger node in its own workflow; `call` runs one request through n8n's WebhookContext. */
export function createTrigger(options: HarnessOptions = {}) {
	const nodeType = new KakaoChannelTrigger();
	const node: INode = {
		id: options.nodeId ?? 'node-1',
		name: 'Kakao Channel Trigger',
		type: 'n8n-nodes-kakao-channel.kakaoChannelTrigger',
		typeVersion: options.version ?? TRIGGER_VERSION,
		position: [0, 0],
		webhookId: 'f3b7a0e2-0000-4000-8000-000000000001',
		parameters: options.parameters ?? {},
		credentials: {
			kakaoChannelApi: {
				id: options.credentialId ?? `cred-${++credentialCounter}`,
				name: 'Kakao Channel account',
			},
		},
	};
	const nodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: () => nodeType,
		getKnownTypes: () => ({}),
	} as unknown as INodeTypes;
	const workflow = new Workflow({
		id: options.workflowId ?? `workflow-${++workflowCounter}`,
		name: 'Kakao test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: {},
	});
	let credential = options.credential ?? {
		adminKey: ADMIN_KEY,
		restApiKey: 'rest',
		baseUrl: 'https://kapi.kakao.com',
	};
	let credentialLookups = 0;
	const mode = options.mode ?? 'webhook';
	const credentialsHelper = new TestCredentialsHelper({});
	credentialsHelper.getDecrypted = async () => {
		credentialLookups++;
		if (credential instanceof Error) throw credential;
		return { ...credential };
	};
	const additionalDataFor = (httpRequest?: FakeRequest, httpResponse?: FakeResponse) =>
		({
			...engineAdditionalData({}),
			credentialsHelper,
			httpRequest,
			httpResponse,
		}) as unknown as IWorkflowExecuteAdditionalData;

	function context(request: FakeRequest, response = new FakeResponse()): WebhookContext {
		const additionalData = additionalDataFor(request, response);
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: node.name,
			path: `${node.webhookId}/webhook`,
			webhookDescription: nodeType.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		return new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
	}

	async function call(request: FakeRequest): Promise<WebhookRun> {
		const response = new FakeResponse();
		const webhookContext = context(request, response);
		const result = await nodeType.webhook!.call(webhookContext);
		return { result, response, context: webhookContext, credentialLookups };
	}

	/** What n8n runs when the workflow is activated (or a test run starts listening). */
	async function activate(): Promise<boolean> {
		const activation = mode === 'manual' ? 'manual' : 'activate';
		const hooks = new HookContext(workflow, node, additionalDataFor(), mode, activation);
		return await nodeType.webhookMethods!.default.checkExists.call(hooks);
	}

	return {
		node,
		workflow,
		call,
		activate,
		context,
		lookups: () => credentialLookups,
		/** What the credential store returns from now on (a rotated key, or an Error). */
		setCredential: (next: ICredentialDataDecryptedObject | Error) => {
			credential = next;
		},
	};
}
