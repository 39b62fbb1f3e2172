// End to end, the trigger: Kakao's webhook into a real n8n, read back from its executions: the
// key and its rotation, duplicates, legacy fields, body bounds, options, v1 and v2, send-event.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { request } from 'undici';

import { apiCredential, triggerWorkflow } from '../../scripts/sandbox/workflows.mjs';
import { answer, finishedCount, SAMPLE_EVENT, SAMPLE_RESOURCE_ID, sendEvent } from './harness.mjs';
import { sleep, staysAt, useN8n } from './harness.mjs';

const trigger = triggerWorkflow();
const optionsTrigger = triggerWorkflow({
	id: 'kakaoE2eTrigger4',
	options: { includeDeliveryHeaders: true, ignoreOlderThan: 60, includeOtherFields: true },
});
const triggerV1 = triggerWorkflow({ id: 'kakaoE2eTrigger2', typeVersion: 1 });
// Its own credential, so rotating its key does not touch the others.
const ROTATED = { id: 'kakaoE2eCred02', name: 'Kakao rotated key' };
const rotated = triggerWorkflow({ id: 'kakaoE2eTrigger3', credential: ROTATED });
const rotatedKeys = [1, 2, 3].map((n) => `rotation-key-${n}-0123456789abcdef`);
const rotatedCredential = (adminKey) =>
	apiCredential({ adminKey, restApiKey: 'unused', baseUrl: ctx.emu.baseUrl }, ROTATED);
const ctx = useN8n({
	workflows: () => [trigger, optionsTrigger, triggerV1, rotated],
	credentials: () => [rotatedCredential(rotatedKeys[0])],
});

const count = (wf = trigger) => finishedCount(ctx.n8n, wf.workflow.id);
const startsNothing = (wf, before) => staysAt(ctx.n8n, wf.workflow.id, before);
/** Posts to `wf`'s webhook with Kakao's headers for `resourceId` (and `key`). */
const deliver = (wf, body, resourceId, key, extra = {}) =>
	ctx.post(`/webhook/${wf.path}`, body, { ...ctx.kakaoHeaders(resourceId, key), ...extra });
/** The items of the newest `n` executions of `wf`, once it has `total`. */
async function items(wf, total, n = 1) {
	const executions = await ctx.n8n.waitForExecutions({ workflowId: wf.workflow.id, count: total });
	const out = [];
	for (const { id } of executions.slice(0, n)) out.push(...(await ctx.emitted(id)));
	return out;
}

describe('Kakao Channel Trigger', () => {
	test("the docs' sample request starts exactly one execution with the documented event", async () => {
		const response = await deliver(trigger, SAMPLE_EVENT, SAMPLE_RESOURCE_ID);
		assert.equal(response.status, 200, response.text);
		console.log(`trigger answered ${response.status} in ${response.ms.toFixed(1)} ms`);
		const expected = [{ ...SAMPLE_EVENT, resource_id: SAMPLE_RESOURCE_ID }];
		assert.deepEqual(await items(trigger, 1), expected);
	});
	test('a wrong key gets 401 and starts nothing; a repeated X-Kakao-Resource-ID starts no second run', async () => {
		const before = await count();
		const wrong = await deliver(trigger, SAMPLE_EVENT, 'wrong-key-delivery', 'not-the-admin-key');
		assert.equal(wrong.status, 401);
		assert.ok(!wrong.text.includes(ctx.emu.adminKey));
		await startsNothing(trigger, before);
		const event = { ...SAMPLE_EVENT, id: '2222' };
		assert.equal((await deliver(trigger, event, 'duplicate-delivery-0001')).status, 200);
		await items(trigger, before + 1);
		const second = await deliver(trigger, event, 'duplicate-delivery-0001');
		assert.equal(second.status, 200);
		assert.match(second.text, /duplicate/);
		await startsNothing(trigger, before + 1);
	});
	test('a legacy payload from the emulator gives the same item as the new one', async () => {
		const url = `${ctx.n8n.baseUrl}/webhook/${trigger.path}`;
		const event = { ...SAMPLE_EVENT, event: 'blocked', id: '3333' };
		event.updated_at = '2021-05-24T00:00:00Z';
		const before = await count();
		const fresh = await ctx.emu.sendWebhook(url, event);
		const legacy = await ctx.emu.sendWebhook(url, event, { legacy: true });
		assert.deepEqual([fresh.status, legacy.status], [200, 200]);
		const both = await items(trigger, before + 2, 2);
		const withoutIds = both.map(({ resource_id, ...rest }) => rest);
		assert.deepEqual(withoutIds, [event, event]);
		const ids = new Set(both.map((item) => item.resource_id));
		assert.deepEqual(ids, new Set([fresh.resourceId, legacy.resourceId]));
	});

	for (const [version, wf] of Object.entries({ 2: trigger, 1: triggerV1 }).reverse())
		test(`v${version}: the sample request, then one without Content-Type, each start one execution`, async () => {
			const before = await count(wf);
			assert.equal((await deliver(wf, SAMPLE_EVENT, `v${version}-with-type`)).status, 200);
			// n8n leaves the body of a version-2 start node unread without a parsable type; the node reads it.
			const headers = ctx.kakaoHeaders(`v${version}-no-type`);
			delete headers['content-type'];
			const body = JSON.stringify({ ...SAMPLE_EVENT, id: '4444' });
			const url = `${ctx.n8n.baseUrl}/webhook/${wf.path}`;
			const bare = await request(url, { method: 'POST', headers, body });
			assert.equal(bare.statusCode, 200, await bare.body.text());
			const two = await items(wf, before + 2, 2);
			assert.deepEqual(two.map((item) => item.id).sort(), ['1111', '4444']);
			const ids = new Set(two.map((item) => item.resource_id));
			assert.deepEqual(ids, new Set([`v${version}-with-type`, `v${version}-no-type`]));
		});
});

describe('Kakao Channel Trigger: body bounds and options', () => {
	const minutesAgo = (minutes) =>
		new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	// 30,000 nested arrays in about 60 KB: under the 64 KiB cap, and deeper than n8n can copy.
	const deep = `,"deep":${'['.repeat(30000)}${']'.repeat(30000)}}`;
	const deepBody = JSON.stringify({ ...SAMPLE_EVENT, id: '4444' }).replace(/}$/, deep);
	test('a deeply nested unknown field under 64 KiB: by default the run succeeds with the documented fields only', async () => {
		assert.ok(Buffer.byteLength(deepBody) < 64 * 1024);
		const before = await count();
		assert.equal((await deliver(trigger, deepBody, 'deep-nesting-0001')).status, 200);
		const workflowId = trigger.workflow.id;
		const [latest] = await ctx.n8n.waitForExecutions({ workflowId, count: before + 1 });
		const execution = await ctx.n8n.getExecution(latest.id);
		const why = `execution ${execution.id} did not finish: ${execution.status}`;
		assert.equal(execution.finished, true, why);
		const expected = [{ ...SAMPLE_EVENT, id: '4444', resource_id: 'deep-nesting-0001' }];
		assert.deepEqual(await ctx.emitted(latest.id), expected);
	});
	test('with Include Other Fields the same body gets 400 with the reason; a too long id 400; nothing starts', async () => {
		const response = await deliver(optionsTrigger, deepBody, 'deep-nesting-0002');
		const reason =
			'other field "deep" is nested deeper than 10 levels (the limit of Include Other Fields)';
		assert.deepEqual(answer(response), [400, { error: 'bad_request', reason }]);
		const longId = { ...SAMPLE_EVENT, id: '1'.repeat(10000) };
		const tooLongId = await deliver(trigger, longId, 'long-id-0001');
		assert.equal(tooLongId.status, 400);
		assert.match(tooLongId.text, /out of the signed 64-bit range/);
		await startsNothing(optionsTrigger, 0);
	});
	test('Include Delivery Headers adds X-Kakao-Resource-ID and User-Agent only; Include Other Fields keeps a small extra', async () => {
		const event = { ...SAMPLE_EVENT, id: '5555', updated_at: minutesAgo(2), tier: 'gold' };
		const extra = { cookie: 'session=abc', 'x-forwarded-for': '10.0.0.9' };
		const resource_id = 'headers-delivery-0001';
		const response = await deliver(optionsTrigger, event, resource_id, undefined, extra);
		assert.equal(response.status, 200, response.text);
		const { tier, ...documented } = event;
		const headers = { 'x-kakao-resource-id': resource_id, 'user-agent': 'KakaoOpenAPI/1.0' };
		const emitted = await items(optionsTrigger, 1);
		assert.deepEqual(emitted, [{ ...documented, resource_id, extra: { tier }, headers }]);
		assert.ok(!JSON.stringify(emitted).includes(ctx.emu.adminKey));
	});
	test('Max Event Age: a stale event gets 200 with the reason and starts nothing', async () => {
		const updatedAt = minutesAgo(90);
		const stale = { ...SAMPLE_EVENT, id: '6666', updated_at: updatedAt };
		const response = await deliver(optionsTrigger, stale, 'stale-0001');
		const reason = `updated_at ${updatedAt} is 90 minutes old, more than Max Event Age (60 minutes)`;
		assert.deepEqual(answer(response), [200, { received: true, ignored: 'stale_event', reason }]);
		await startsNothing(optionsTrigger, 1);
	});
});

describe('admin key rotation (the key is cached for at most 60 s)', () => {
	const send = async (resourceId, key) =>
		(await deliver(rotated, SAMPLE_EVENT, resourceId, key)).status;
	test('a rotated key is accepted at once, and the old one refused right after', async () => {
		assert.equal(await send('rotation-1', rotatedKeys[0]), 200);
		await ctx.n8n.importCredentials([rotatedCredential(rotatedKeys[1])]);
		assert.equal(await send('rotation-2', rotatedKeys[1]), 200);
		const old = await deliver(rotated, SAMPLE_EVENT, 'rotation-3', rotatedKeys[0]);
		assert.equal(old.status, 401);
		assert.ok(!old.text.includes(rotatedKeys[1]) && !old.text.includes(rotatedKeys[0]));
	});
	test('with no request on the new key, the old key is refused within 60 s', async () => {
		await ctx.n8n.importCredentials([rotatedCredential(rotatedKeys[2])]);
		const rotatedAt = Date.now();
		let [status, n] = [200, 0];
		while (status === 200 && Date.now() - rotatedAt < 75000) {
			status = await send(`rotation-old-${++n}`, rotatedKeys[1]);
			if (status === 200) await sleep(3000);
		}
		const waited = Date.now() - rotatedAt;
		const after = `${(waited / 1000).toFixed(1)} s after the rotation, after ${n} requests`;
		console.log(`old key refused ${after}`);
		assert.equal(status, 401);
		assert.ok(waited <= 62000, `old key still accepted ${waited} ms after the rotation`);
		assert.equal(await send('rotation-new', rotatedKeys[2]), 200);
	});
});

describe('npm run send-event against any n8n', () => {
	test('--help prints the usage alone, and exits 0', async () => {
		const run = await sendEvent('--help');
		assert.deepEqual([run.status, run.stderr], [0, '']);
		assert.match(run.stdout, /^usage: npm run send-event -- added\|blocked/);
		assert.match(run.stdout, /--url <URL>/);
		assert.doesNotMatch(run.stdout, /unknown argument/);
	});
	test('--url <webhook URL> --admin-key <key> starts one execution with that event', async () => {
		const before = await count();
		const url = `${ctx.n8n.baseUrl}/webhook/${trigger.path}`;
		const to = ['--url', url, '--admin-key', ctx.emu.adminKey];
		const run = await sendEvent('blocked', '--user', '7777', ...to);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^HTTP 200/m);
		assert.doesNotMatch(run.stdout, /undefined/);
		const [item] = await items(trigger, before + 1);
		assert.deepEqual([item.event, item.id], ['blocked', '7777']);
	});
});
