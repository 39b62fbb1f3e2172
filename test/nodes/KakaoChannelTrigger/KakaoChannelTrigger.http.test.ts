// Over the wire: a node:http server plays n8n's webhook endpoint (16 MiB body limit, n8n's parsing,
// the node's own answer, else onReceived's "Workflow was started"), fed by the curl of Kakao's
// webhook page (docs/kakao-api.md#webhook-body) and by the Kakao emulator's webhook sender.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { sendWebhook } from '../../kakao-emulator/webhook';
import { SAMPLE_CURL_BODY, SAMPLE_EVENT, SAMPLE_RESOURCE_ID } from '../../support/kakaoWebhook';
import { ADMIN_KEY, UNAUTHORIZED, badRequest, buildRequest, createTrigger } from './harness';

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
		if (size > N8N_PAYLOAD_SIZE_MAX) return void res.writeHead(413).end();
		chunks.push(chunk as Buffer);
	}
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(req.headers))
		if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
	const run = await trigger.call(buildRequest(Buffer.concat(chunks), headers));
	const started = !run.result.noWebhookResponse;
	if (started) emitted.push((run.result.workflowData?.[0] ?? []).map((item) => item.json));
	const [status, body] = started
		? [200, { message: 'Workflow was started' }]
		: [run.response.statusCode ?? 500, run.response.body];
	res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

beforeAll(async () => {
	const fail = (res: http.ServerResponse) => () => res.writeHead(500).end();
	server = http.createServer((req, res) => void handle(req, res).catch(fail(res)));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook/f3b7a0e2/webhook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => (emitted = []));

async function post(body: string) {
	const headers = { Authorization: `KakaoAK ${ADMIN_KEY}`, 'Content-Type': 'application/json' };
	const res = await fetch(url, { method: 'POST', headers, body });
	return { status: res.status, body: await res.text() };
}
const send = (options: Parameters<typeof sendWebhook>[3] = {}) =>
	sendWebhook(url, SAMPLE_EVENT, ADMIN_KEY, options);
const answer = (res: { status: number; body: string }) => [res.status, JSON.parse(res.body)];

it('accepts the sample curl of the Kakao webhook page as is; 400 for a bad body, 413 for a big one', async () => {
	// curl -X POST "{URL}" -H "Authorization: KakaoAK ${SERVICE_APP_ADMIN_KEY}"
	//   -H "Content-Type: application/json" -d '{ ... }'
	const started = { status: 200, body: '{"message":"Workflow was started"}' };
	expect(await post(SAMPLE_CURL_BODY)).toEqual(started);
	const bad = await post(JSON.stringify({ event: 'deleted', id: '1' }));
	const reason = 'unsupported event "deleted" (expected "added" or "blocked")';
	expect(answer(bad)).toEqual([400, badRequest(reason)]);
	const big = await post(JSON.stringify({ ...SAMPLE_EVENT, pad: 'x'.repeat(70_000) }));
	expect(big.status).toBe(413);
	expect(emitted).toEqual([[{ ...SAMPLE_EVENT, resource_id: null }]]);
});
it('gives one item per emulator delivery (legacy or new), none for a repeat or a wrong key', async () => {
	const fresh = await send({ timeoutMs: 3000 });
	const legacy = await send({ legacy: true, timeoutMs: 3000 });
	const first = await send({ resourceId: SAMPLE_RESOURCE_ID });
	const again = await send({ resourceId: SAMPLE_RESOURCE_ID });
	const unauthorized = [
		await send({ adminKey: 'other-admin-key' }),
		await send({ authorization: null }),
		await send({ authorization: `Bearer ${ADMIN_KEY}` }),
	];
	expect([fresh.status, legacy.status, first.status]).toEqual([200, 200, 200]);
	expect(answer(again)).toEqual([200, { received: true, ignored: 'duplicate' }]);
	expect(unauthorized.map(answer)).toEqual(Array(3).fill([401, UNAUTHORIZED]));
	const ids = [fresh.resourceId, legacy.resourceId, SAMPLE_RESOURCE_ID];
	expect(emitted).toEqual(ids.map((id) => [{ ...SAMPLE_EVENT, resource_id: id }]));
});
