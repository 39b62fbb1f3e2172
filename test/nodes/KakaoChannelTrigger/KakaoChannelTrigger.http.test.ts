/**
 * Over the wire: a real node:http server stands in for n8n's webhook endpoint (read the body up to
 * n8n's default 16 MiB, parse it like n8n's body parser, run the node in n8n's WebhookContext,
 * answer the way n8n does: the node's own answer when it returned `noWebhookResponse`, else
 * responseMode onReceived's `{"message":"Workflow was started"}`). Requests come from the exact
 * curl in Kakao's webhook page (docs/kakao-api.md#webhook-body) and from the Kakao emulator's webhook sender.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { sendWebhook } from '../../kakao-emulator/webhook';
import { SAMPLE_CURL_BODY, SAMPLE_EVENT, SAMPLE_RESOURCE_ID } from '../../support/kakaoWebhook';
import { ADMIN_KEY, buildRequest, createTrigger, resetTrigger } from './harness';

const N8N_PAYLOAD_SIZE_MAX = 16 * 1024 * 1024;

let server: http.Server;
let url: string;
let emitted: unknown[][] = [];
const trigger = createTrigger({ workflowId: 'wf-http', nodeId: 'node-http' });

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		size += (chunk as Buffer).length;
		if (size > N8N_PAYLOAD_SIZE_MAX) {
			res.writeHead(413).end();
			return;
		}
		chunks.push(chunk as Buffer);
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers)) {
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	const run = await trigger.call(buildRequest(Buffer.concat(chunks), headers));
	if (run.result.noWebhookResponse) {
		res.writeHead(run.response.statusCode ?? 500, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(run.response.body));
		return;
	}
	emitted.push((run.result.workflowData?.[0] ?? []).map((item) => item.json));
	res.writeHead(200, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify({ message: 'Workflow was started' }));
}

beforeAll(async () => {
	server = http.createServer((req, res) => {
		handle(req, res).catch(() => res.writeHead(500).end());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/f3b7a0e2/webhook`;
});

afterAll(async () => {
	await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => (emitted = []));
afterEach(resetTrigger);

function post(
	body: string,
	headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method: 'POST', headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

const DOC_EVENT = SAMPLE_EVENT;
const send = (options: Parameters<typeof sendWebhook>[3] = {}) =>
	sendWebhook(url, DOC_EVENT, ADMIN_KEY, options);

it('accepts the sample curl of the Kakao webhook page as is', async () => {
	// curl -X POST "{URL}" -H "Authorization: KakaoAK ${SERVICE_APP_ADMIN_KEY}"
	//   -H "Content-Type: application/json" -d '{ ... }'
	const headers = { Authorization: `KakaoAK ${ADMIN_KEY}`, 'Content-Type': 'application/json' };
	const res = await post(SAMPLE_CURL_BODY, headers);
	expect(res).toEqual({ status: 200, body: '{"message":"Workflow was started"}' });
	expect(emitted).toEqual([[{ ...DOC_EVENT, resource_id: null }]]);
});

it('gives one item per emulator delivery, the same for legacy and new payloads', async () => {
	const fresh = await send({ timeoutMs: 3000 });
	const legacy = await send({ legacy: true, timeoutMs: 3000 });
	expect([fresh.status, legacy.status]).toEqual([200, 200]);
	expect(emitted).toEqual([
		[{ ...DOC_EVENT, resource_id: fresh.resourceId }],
		[{ ...DOC_EVENT, resource_id: legacy.resourceId }],
	]);
});

it('answers 200 and starts nothing for a redelivered resource id', async () => {
	const first = await send({ resourceId: SAMPLE_RESOURCE_ID });
	const again = await send({ resourceId: SAMPLE_RESOURCE_ID });
	expect(first.status).toBe(200);
	expect(again.status).toBe(200);
	expect(JSON.parse(again.body)).toEqual({ received: true, ignored: 'duplicate' });
	expect(emitted).toHaveLength(1);
});

it('answers 401 with one JSON body to a wrong or missing key, and starts nothing', async () => {
	const answers = [
		await send({ adminKey: 'other-admin-key' }),
		await send({ authorization: null }),
		await send({ authorization: `Bearer ${ADMIN_KEY}` }),
	];
	const unauthorized = [401, { error: 'unauthorized' }];
	expect(answers.map((res) => [res.status, JSON.parse(res.body)])).toEqual(
		Array(3).fill(unauthorized),
	);
	expect(emitted).toHaveLength(0);
});

it('answers 400 to an authenticated bad body and 413 to an oversized one', async () => {
	const headers = { Authorization: `KakaoAK ${ADMIN_KEY}`, 'Content-Type': 'application/json' };
	const bad = await post(JSON.stringify({ event: 'deleted', id: '1' }), headers);
	expect(bad.status).toBe(400);
	expect(JSON.parse(bad.body)).toEqual({
		error: 'bad_request',
		reason: 'unsupported event "deleted" (expected "added" or "blocked")',
	});
	const big = await post(JSON.stringify({ ...DOC_EVENT, pad: 'x'.repeat(70_000) }), headers);
	expect(big.status).toBe(413);
	expect(emitted).toHaveLength(0);
});
