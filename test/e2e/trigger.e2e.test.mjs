// End to end, the trigger: Kakao's webhook into a real n8n (2.41.1, or 1.123.81 with
// N8N_FLAVOR=1), read back from n8n's executions: the key check, duplicates, legacy fields, body
// bounds, the options, and typeVersions 1 and 2.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';

import { triggerWorkflow } from '../../scripts/sandbox/workflows.mjs';
import {
	emittedItem,
	postRaw,
	ROOT,
	runScript,
	SAMPLE_EVENT,
	SAMPLE_RESOURCE_ID,
	sleep,
	useN8n,
} from './harness.mjs';

const trigger = triggerWorkflow();
const optionsTrigger = triggerWorkflow({
	id: 'kakaoE2eTrigger4',
	options: { includeDeliveryHeaders: true, ignoreOlderThan: 60, includeOtherFields: true },
});
const triggerV1 = triggerWorkflow({ id: 'kakaoE2eTrigger2', typeVersion: 1 });
const ctx = useN8n({ workflows: () => [trigger, optionsTrigger, triggerV1] });

const triggerExecutions = (workflow = trigger.workflow) => ctx.n8n.finished(workflow.id);

describe('Kakao Channel Trigger', () => {
	test("the seed's sample request starts exactly one execution with the documented event", async () => {
		const resourceId = SAMPLE_RESOURCE_ID;
		const response = await ctx.post(
			`/webhook/${trigger.path}`,
			SAMPLE_EVENT,
			ctx.kakaoHeaders(resourceId),
		);
		assert.ok(
			response.status >= 200 && response.status < 300,
			`answered ${response.status} ${response.text}`,
		);
		console.log(`trigger answered ${response.status} in ${response.ms.toFixed(1)} ms`);
		const [execution] = await ctx.n8n.waitForExecutions({
			workflowId: trigger.workflow.id,
			count: 1,
		});
		assert.deepEqual(emittedItem(await ctx.n8n.getExecution(execution.id)), [
			{ ...SAMPLE_EVENT, resource_id: resourceId },
		]);
	});

	test('a wrong key gets 401 and starts nothing', async () => {
		const before = (await triggerExecutions()).length;
		const response = await ctx.post(
			`/webhook/${trigger.path}`,
			SAMPLE_EVENT,
			ctx.kakaoHeaders('wrong-key-delivery', 'not-the-admin-key'),
		);
		assert.equal(response.status, 401);
		assert.ok(!response.text.includes(ctx.emu.adminKey));
		await sleep(1500);
		assert.equal((await triggerExecutions()).length, before);
	});

	test('a repeated X-Kakao-Resource-ID starts no second execution', async () => {
		const resourceId = 'duplicate-delivery-0001';
		const first = await ctx.post(
			`/webhook/${trigger.path}`,
			{ ...SAMPLE_EVENT, id: '2222' },
			ctx.kakaoHeaders(resourceId),
		);
		assert.equal(first.status, 200);
		const afterFirst = await ctx.n8n.waitForExecutions({
			workflowId: trigger.workflow.id,
			count: 2,
		});
		const second = await ctx.post(
			`/webhook/${trigger.path}`,
			{ ...SAMPLE_EVENT, id: '2222' },
			ctx.kakaoHeaders(resourceId),
		);
		assert.equal(second.status, 200);
		assert.match(second.text, /duplicate/);
		await sleep(1500);
		assert.equal((await triggerExecutions()).length, afterFirst.length);
	});

	test('a legacy payload from the emulator gives the same item as the new one', async () => {
		const url = `${ctx.n8n.baseUrl}/webhook/${trigger.path}`;
		const event = {
			event: 'blocked',
			id: '3333',
			id_type: 'app_user_id',
			channel_public_id: '_FLX',
			channel_uuid: '@ad',
			updated_at: '2021-05-24T00:00:00Z',
		};
		const fresh = await ctx.emu.sendWebhook(url, event);
		const legacy = await ctx.emu.sendWebhook(url, event, { legacy: true });
		assert.deepEqual([fresh.status, legacy.status], [200, 200]);
		const executions = await ctx.n8n.waitForExecutions({
			workflowId: trigger.workflow.id,
			count: 4,
		});
		const items = [];
		for (const execution of executions.slice(0, 2))
			items.push(...emittedItem(await ctx.n8n.getExecution(execution.id)));
		const strip = ({ resource_id, ...rest }) => rest;
		assert.deepEqual(items.map(strip), [event, event]);
		assert.deepEqual(
			new Set(items.map((item) => item.resource_id)),
			new Set([fresh.resourceId, legacy.resourceId]),
		);
	});
});

describe('Kakao Channel Trigger: body bounds and options', () => {
	const minutesAgo = (minutes) =>
		new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	// 30,000 nested arrays in about 60 KB: under the 64 KiB cap, and deeper than n8n can copy.
	const deepBody = JSON.stringify({ ...SAMPLE_EVENT, id: '4444' }).replace(
		/}$/,
		`,"deep":${'['.repeat(30000)}${']'.repeat(30000)}}`,
	);

	test('a deeply nested unknown field under 64 KiB: by default the run succeeds with the documented fields only', async () => {
		assert.ok(Buffer.byteLength(deepBody) < 64 * 1024);
		const before = (await triggerExecutions()).length;
		const response = await ctx.post(
			`/webhook/${trigger.path}`,
			deepBody,
			ctx.kakaoHeaders('deep-nesting-0001'),
		);
		assert.equal(response.status, 200, response.text);
		const executions = await ctx.n8n.waitForExecutions({
			workflowId: trigger.workflow.id,
			count: before + 1,
		});
		const execution = await ctx.n8n.getExecution(executions[0].id);
		assert.equal(
			execution.finished,
			true,
			`execution ${execution.id} did not finish: ${execution.status}`,
		);
		assert.deepEqual(emittedItem(execution), [
			{ ...SAMPLE_EVENT, id: '4444', resource_id: 'deep-nesting-0001' },
		]);
	});

	test('with Include Other Fields the same body gets 400 with the reason and starts nothing', async () => {
		const response = await ctx.post(
			`/webhook/${optionsTrigger.path}`,
			deepBody,
			ctx.kakaoHeaders('deep-nesting-0002'),
		);
		assert.equal(response.status, 400);
		assert.deepEqual(JSON.parse(response.text), {
			error: 'bad_request',
			reason:
				'other field "deep" is nested deeper than 10 levels (the limit of Include Other Fields)',
		});
		const tooLongId = await ctx.post(
			`/webhook/${trigger.path}`,
			{ ...SAMPLE_EVENT, id: '1'.repeat(10000) },
			ctx.kakaoHeaders('long-id-0001'),
		);
		assert.equal(tooLongId.status, 400);
		assert.match(tooLongId.text, /out of the signed 64-bit range/);
		await sleep(1500);
		assert.equal((await triggerExecutions(optionsTrigger.workflow)).length, 0);
	});

	test('Include Delivery Headers adds X-Kakao-Resource-ID and User-Agent only; Include Other Fields keeps a small extra', async () => {
		const event = { ...SAMPLE_EVENT, id: '5555', updated_at: minutesAgo(2), tier: 'gold' };
		const headers = {
			...ctx.kakaoHeaders('headers-delivery-0001'),
			cookie: 'session=abc',
			'x-forwarded-for': '10.0.0.9',
		};
		const response = await ctx.post(`/webhook/${optionsTrigger.path}`, event, headers);
		assert.equal(response.status, 200, response.text);
		const [execution] = await ctx.n8n.waitForExecutions({
			workflowId: optionsTrigger.workflow.id,
			count: 1,
		});
		const items = emittedItem(await ctx.n8n.getExecution(execution.id));
		const { tier, ...documented } = event;
		assert.deepEqual(items, [
			{
				...documented,
				resource_id: 'headers-delivery-0001',
				extra: { tier },
				headers: {
					'x-kakao-resource-id': 'headers-delivery-0001',
					'user-agent': 'KakaoOpenAPI/1.0',
				},
			},
		]);
		assert.ok(!JSON.stringify(items).includes(ctx.emu.adminKey));
	});

	test('Ignore Events Older Than: a stale event gets 200 with the reason and starts nothing', async () => {
		const updatedAt = minutesAgo(90);
		const response = await ctx.post(
			`/webhook/${optionsTrigger.path}`,
			{ ...SAMPLE_EVENT, id: '6666', updated_at: updatedAt },
			ctx.kakaoHeaders('stale-delivery-0001'),
		);
		assert.equal(response.status, 200);
		assert.deepEqual(JSON.parse(response.text), {
			received: true,
			ignored: 'stale_event',
			reason: `updated_at ${updatedAt} is 90 minutes old, more than Ignore Events Older Than (60 minutes)`,
		});
		await sleep(1500);
		assert.equal((await triggerExecutions(optionsTrigger.workflow)).length, 1);
	});
});

describe('Kakao Channel Trigger at typeVersion 1 and 2', () => {
	for (const [version, pick] of [
		[2, () => trigger],
		[1, () => triggerV1],
	]) {
		test(`v${version}: the sample request, then one without Content-Type, each start one execution`, async () => {
			const wf = pick();
			const before = (await ctx.n8n.finished(wf.workflow.id)).length;
			const first = await ctx.post(
				`/webhook/${wf.path}`,
				SAMPLE_EVENT,
				ctx.kakaoHeaders(`v${version}-with-type`),
			);
			assert.equal(first.status, 200, first.text);
			// n8n leaves the body of a version-2 start node unread without a parsable type; the node reads it.
			const bare = await postRaw(
				`${ctx.n8n.baseUrl}/webhook/${wf.path}`,
				JSON.stringify({ ...SAMPLE_EVENT, id: '4444' }),
				ctx.kakaoHeaders(`v${version}-no-type`),
			);
			assert.equal(bare.status, 200, bare.text);
			const executions = await ctx.n8n.waitForExecutions({
				workflowId: wf.workflow.id,
				count: before + 2,
			});
			const items = [];
			for (const execution of executions.slice(0, 2))
				items.push(...emittedItem(await ctx.n8n.getExecution(execution.id)));
			assert.deepEqual(items.map((item) => item.id).sort(), ['1111', '4444']);
			assert.deepEqual(
				new Set(items.map((item) => item.resource_id)),
				new Set([`v${version}-with-type`, `v${version}-no-type`]),
			);
		});
	}
});

describe('npm run send-event against any n8n', () => {
	const sendEvent = (args) =>
		runScript([path.join(ROOT, 'scripts/sandbox/send-event.mjs'), ...args]);

	test('--help prints the usage alone, and exits 0', async () => {
		const run = await sendEvent(['--help']);
		assert.equal(run.status, 0);
		assert.equal(run.stderr, '');
		assert.match(run.stdout, /^usage: npm run send-event -- added\|blocked/);
		assert.match(run.stdout, /--url <URL>/);
		assert.doesNotMatch(run.stdout, /unknown argument/);
	});

	test('--url <webhook URL> --admin-key <key> starts one execution with that event', async () => {
		const before = (await triggerExecutions()).length;
		const url = `${ctx.n8n.baseUrl}/webhook/${trigger.path}`;
		const run = await sendEvent([
			'blocked',
			'--user',
			'7777',
			'--url',
			url,
			'--admin-key',
			ctx.emu.adminKey,
		]);
		assert.equal(run.status, 0, run.stdout + run.stderr);
		assert.match(run.stdout, /^HTTP 200/m);
		assert.doesNotMatch(run.stdout, /undefined/);
		const [execution] = await ctx.n8n.waitForExecutions({
			workflowId: trigger.workflow.id,
			count: before + 1,
		});
		const [item] = emittedItem(await ctx.n8n.getExecution(execution.id));
		assert.deepEqual([item.event, item.id], ['blocked', '7777']);
	});
});
