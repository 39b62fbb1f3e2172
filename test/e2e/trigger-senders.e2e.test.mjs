// Only Kakao's Servers behind one reverse proxy: N8N_PROXY_HOPS=1 makes n8n trust one
// X-Forwarded-For hop, so the trigger judges the address the proxy reports. The emulator's
// callback list holds loopback and 192.0.2.0/24 (test/kakao-emulator/system-ips.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { triggerWorkflow } from '../../scripts/sandbox/workflows.mjs';
import { answer, finishedCount, flavor, SAMPLE_EVENT, sleep, staysAt, useN8n } from './harness.mjs';

const trigger = triggerWorkflow({ id: 'kakaoE2eSenders1', options: { onlyKakaoServers: true } });
const ctx = useN8n({ workflows: () => [trigger], env: { N8N_PROXY_HOPS: '1' } });
const listCalls = () => ctx.emu.requests.filter((r) => r.path === '/v1/system/ips');
let deliveries = 0;

/** A Kakao delivery as the reverse proxy passes it on; `forwardedFor` as it arrives at n8n. */
function deliver(forwardedFor) {
	const headers = ctx.kakaoHeaders(`senders-${++deliveries}`);
	if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
	return ctx.post(`/webhook/${trigger.path}`, SAMPLE_EVENT, headers);
}

describe(`n8n ${flavor}.x with N8N_PROXY_HOPS=1, the trigger with Only Kakao's Servers`, () => {
	test("activation fetched Kakao's inbound list with the admin key", async () => {
		for (let i = 0; i < 100 && listCalls().length === 0; i++) await sleep(100);
		const [call, ...more] = listCalls();
		assert.deepEqual([more.length, call.query.rule_type], [0, 'inbound']);
		assert.equal(call.headers.authorization, `KakaoAK ${ctx.emu.adminKey}`);
	});
	test('a delivery the proxy reports from a callback address starts one execution', async () => {
		const response = await deliver('192.0.2.10');
		assert.equal(response.status, 200, response.text);
		await ctx.n8n.waitForExecutions({ workflowId: trigger.workflow.id, count: 1 });
	});
	test('a delivery the proxy reports from elsewhere gets 403 with the reason and starts nothing; an address the caller puts before the proxy hop is not believed', async () => {
		const before = await finishedCount(ctx.n8n, trigger.workflow.id);
		const response = await deliver('203.0.113.9');
		const reason = "203.0.113.9 is not one of Kakao's callback addresses (list of 2025-01-15)";
		assert.deepEqual(answer(response), [403, { error: 'forbidden', reason }]);
		await staysAt(ctx.n8n, trigger.workflow.id, before);
		// The proxy appends the address it saw; with one trusted hop n8n reads the last one.
		const spoofed = await deliver('192.0.2.10, 203.0.113.9');
		assert.equal(spoofed.status, 403, spoofed.text);
		assert.match(JSON.parse(spoofed.text).reason, /^203\.0\.113\.9 is not one/);
	});
	test('without X-Forwarded-For the socket address counts (loopback is in the list); the list was read once for all of these requests', async () => {
		const response = await deliver();
		assert.equal(response.status, 200, response.text);
		assert.equal(listCalls().length, 1);
	});
});
