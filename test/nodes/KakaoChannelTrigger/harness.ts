// Runs KakaoChannelTrigger.webhook() in n8n's own WebhookContext (n8n-core) with a real Workflow;
// only the express request/response, the credentials helper and InstanceSettings are stand-ins.
// Requests look as n8n's body parser leaves them (packages/cli/src/middlewares/body-parser.ts):
// above version 1, a type it does not parse stays unread until the node calls `readRawBody()`.
// The node version is jest's per-project global `KAKAO_TRIGGER_VERSION` (jest.config.js).
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { HookContext, InstanceSettings, WebhookContext } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type INode,
	type INodeParameters,
	type INodeTypes,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { KakaoChannelTrigger } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { adminKeyCache } from '../../../nodes/KakaoChannelTrigger/webhook/adminKeyCache';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { triggerWarnings } from '../../../nodes/KakaoChannelTrigger/webhook/logLimit';
import { senderCache } from '../../../nodes/KakaoChannelTrigger/webhook/senderCache';
import {
	TestCredentialsHelper,
	additionalDataFor as engineAdditionalData,
} from '../../support/engine';
import { SAMPLE_EVENT, kakaoWebhookHeaders } from '../../support/kakaoWebhook';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
// Kakao's sample request (docs/kakao-api.md#webhook-body), a copy each test may change.
export const SEED_BODY: Record<string, unknown> = { ...SAMPLE_EVENT };

declare const KAKAO_TRIGGER_VERSION: number | undefined;
export const TRIGGER_VERSION: number =
	typeof KAKAO_TRIGGER_VERSION === 'number' ? KAKAO_TRIGGER_VERSION : 2;

/** What n8n's parseBody parses; for other types a version >= 2 start node gets the bytes unread. */
const PARSED_TYPES = /^(application\/json|text\/plain|application\/x-www-form-urlencoded)|[/+]xml$/;

const settings = { instanceId: 'test-instance', hmacSignatureSecret: 'test-secret' };
Container.set(InstanceSettings, settings as unknown as InstanceSettings);

/** What the node wrote to n8n's log (`this.logger`, n8n's Logger from the container), in order. */
export const triggerLogs: Array<{ level: string; message: string; meta?: unknown }> = [];
const record = (level: string) => (message: string, meta?: unknown) =>
	triggerLogs.push(meta === undefined ? { level, message } : { level, message, meta });
const levels = ['error', 'warn', 'info', 'debug'].map((level) => [level, record(level)]);
const scoped = () => Container.get(Logger);
Container.set(Logger, { ...Object.fromEntries(levels), scoped } as unknown as Logger);

// Each test starts as a fresh n8n would: no delivery ids, admin keys, callback addresses or logs.
afterEach(() => {
	for (const memory of [recentDeliveries, adminKeyCache, senderCache, triggerWarnings])
		memory.clear();
	triggerLogs.length = 0;
});

/** Express's response as the node uses it: a status, one JSON body, how many answers were sent. */
class FakeResponse {
	statusCode: number | undefined;
	body: unknown;
	sent = 0;
	status(statusCode: number): this {
		return Object.assign(this, { statusCode });
	}
	json(body: unknown): this {
		return Object.assign(this, { body, sent: this.sent + 1 });
	}
}

type HeaderMap = Record<string, string>;
/** A request as n8n hands it to a webhook node after its body parser ran. */
export function buildRequest(rawBody: string | Buffer | undefined, headers: HeaderMap = {}) {
	const lower = Object.fromEntries(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v]));
	const raw = typeof rawBody === 'string' ? Buffer.from(rawBody) : rawBody;
	if (raw !== undefined) lower['content-length'] ??= String(raw.length);
	const contentType = (lower['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const request = {
		method: 'POST',
		headers: lower,
		body: {} as unknown,
		rawBody: raw,
		readRawBody: undefined as (() => Promise<void>) | undefined,
		rawBodyReads: 0,
		ip: '127.0.0.1', // as Express gives it (n8n's N8N_PROXY_HOPS decides what it is)
		header: (name: string) => lower[name.toLowerCase()],
	};
	if (TRIGGER_VERSION > 1 && !PARSED_TYPES.test(contentType)) {
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
type FakeRequest = ReturnType<typeof buildRequest>;

/** Headers Kakao sends (docs/kakao-api.md#webhook-headers), with the given admin key. */
export const kakaoHeaders = (resourceId: string | undefined, adminKey: string = ADMIN_KEY) =>
	kakaoWebhookHeaders(adminKey, resourceId);

/** A fresh 24-character id like Kakao's `Rvy1c2dkzBAZ5hGD3rqYbxvr`. */
let idCounter = 0;
export const resourceId = () => `Req1c2dkzBAZ5hGD${String(++idCounter).padStart(8, '0')}`;
export const json = (body: unknown, headers: HeaderMap = kakaoHeaders(resourceId())) =>
	buildRequest(JSON.stringify(body), headers);
/** Kakao's sample event as Kakao sends it, with a fresh resource id unless given one (null: none). */
export const sample = (id: string | null = resourceId(), adminKey = ADMIN_KEY) =>
	json(SEED_BODY, kakaoHeaders(id ?? undefined, adminKey));

/** credential: an Error makes the lookup fail; credentialId: one per trigger by default (cold cache). */
export interface HarnessOptions {
	credential?: ICredentialDataDecryptedObject | Error;
	credentialId?: string;
	parameters?: INodeParameters;
	workflowId?: string;
	nodeId?: string;
	mode?: WorkflowExecuteMode;
}
export type WebhookRun = { result: IWebhookResponseData; response: FakeResponse };

const baseUrl = 'https://kapi.kakao.com';
export const credentialWith = (adminKey: string) => ({ adminKey, restApiKey: 'rest', baseUrl });
let counter = 0;

/** A trigger node in its own workflow; `call` runs one request through n8n's WebhookContext. */
export function createTrigger(options: HarnessOptions = {}) {
	const nodeType = new KakaoChannelTrigger();
	const id = options.credentialId ?? `cred-${++counter}`;
	const node: INode = {
		id: options.nodeId ?? 'node-1',
		name: 'Kakao Channel Trigger',
		type: 'n8n-nodes-kakao-channel.kakaoChannelTrigger',
		typeVersion: TRIGGER_VERSION,
		position: [0, 0],
		webhookId: 'f3b7a0e2-0000-4000-8000-000000000001',
		parameters: options.parameters ?? {},
		credentials: { kakaoChannelApi: { id, name: 'Kakao Channel account' } },
	};
	const workflow = new Workflow({
		id: options.workflowId ?? `workflow-${++counter}`,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes: { getByNameAndVersion: () => nodeType } as unknown as INodeTypes,
	});
	let credential = options.credential ?? credentialWith(ADMIN_KEY);
	let lookups = 0;
	const mode = options.mode ?? 'webhook';
	const credentialsHelper = new TestCredentialsHelper({});
	credentialsHelper.getDecrypted = async () => {
		lookups++;
		if (credential instanceof Error) throw credential;
		return { ...credential };
	};
	const additionalDataFor = (httpRequest?: FakeRequest, httpResponse?: FakeResponse) =>
		({ ...engineAdditionalData({}), credentialsHelper, httpRequest, httpResponse }) as never;
	function context(request: FakeRequest, response = new FakeResponse()): WebhookContext {
		const additionalData: IWorkflowExecuteAdditionalData = additionalDataFor(request, response);
		const webhookData = {
			httpMethod: 'POST' as const,
			node: node.name,
			path: `${node.webhookId}/webhook`,
			webhookDescription: nodeType.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		};
		return new WebhookContext(workflow, node, additionalData, mode, webhookData, [], null);
	}
	return {
		node,
		workflow,
		context,
		async call(request: FakeRequest): Promise<WebhookRun> {
			const response = new FakeResponse();
			return { result: await nodeType.webhook.call(context(request, response)), response };
		},
		/** What n8n runs when the workflow is activated (or a test run starts listening). */
		async activate(): Promise<boolean> {
			const activation = mode === 'manual' ? 'manual' : 'activate';
			const hooks = new HookContext(workflow, node, additionalDataFor(), mode, activation);
			return await nodeType.webhookMethods.default.checkExists.call(hooks);
		},
		lookups: () => lookups,
		/** What the credential store returns from now on (a rotated key, or an Error). */
		setCredential: (next: ICredentialDataDecryptedObject | Error) => (credential = next),
	};
}

export type Trigger = ReturnType<typeof createTrigger>;

/** The node answered the request itself and started nothing. */
export function expectAnswered(run: WebhookRun, status: number, body: unknown) {
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.response).toEqual({ statusCode: status, body, sent: 1 });
}

/** The node started the workflow with one item, left the answer to n8n, and this is the item. */
export function emittedItem(run: WebhookRun) {
	expect(run.result).toEqual({ workflowData: [[{ json: expect.anything() }]] });
	expect(run.response).toEqual({ statusCode: undefined, body: undefined, sent: 0 });
	return run.result.workflowData![0][0].json;
}
export const badRequest = (reason: string) => ({ error: 'bad_request', reason });
/** Kakao's sample as JSON text with these fields changed (undefined drops one). */
export const seedWith = (patch: object) => JSON.stringify({ ...SEED_BODY, ...patch });
export const UNAUTHORIZED = { error: 'unauthorized' };
/** n8n's log holds exactly one warning from this trigger, about this delivery. */
export function expectOneWarning(trigger: Trigger, message: string, resourceId: string) {
	const meta = { workflowId: trigger.workflow.id, nodeName: trigger.node.name, resourceId };
	expect(triggerLogs).toEqual([
		{ level: 'warn', message: `Kakao Channel Trigger: ${message}`, meta },
	]);
}
