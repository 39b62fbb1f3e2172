/**
 * Repeated deliveries through n8n's own WebhookContext (see harness.ts): an `X-Kakao-Resource-ID`
 * a trigger has already run starts nothing, for any number of triggers.
 */
import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { createTrigger, kakaoHeaders, resetTrigger, type HarnessOptions } from './harness';
import { SEED_BODY, expectAnswered, json, resourceIds } from './requests';

const DUPLICATE = { received: true, ignored: IGNORED.duplicate };
const nextId = resourceIds('Dup');
/** One delivery of the sample event with this resource id, to a trigger made with `options`. */
const deliver = (id: string | undefined, options: HarnessOptions = {}) =>
	createTrigger(options).call(json(SEED_BODY, kakaoHeaders(id)));
const started = async (run: ReturnType<typeof deliver>) => (await run).result.workflowData?.length;

afterEach(resetTrigger);

describe('a repeated X-Kakao-Resource-ID starts nothing (200, ignored)', () => {
	it('a second and a third delivery; a different id still goes through', async () => {
		const trigger = createTrigger();
		const headers = kakaoHeaders(nextId());
		expect((await trigger.call(json(SEED_BODY, headers))).result.workflowData).toHaveLength(1);
		expectAnswered(await trigger.call(json(SEED_BODY, headers)), 200, DUPLICATE);
		expectAnswered(await trigger.call(json(SEED_BODY, headers)), 200, DUPLICATE);
		expect((await trigger.call(json(SEED_BODY))).result.workflowData).toHaveLength(1);
	});

	it('across node instances (n8n builds one per request)', async () => {
		const options = { workflowId: 'wf-shared', nodeId: 'node-shared' };
		const id = nextId();
		expect(await started(deliver(id, options))).toBe(1);
		expectAnswered(await deliver(id, options), 200, DUPLICATE);
	});

	it('per trigger, and test runs apart from production', async () => {
		const id = nextId();
		const base = { workflowId: 'wf-a', nodeId: 'node-a' };
		const triggers = [
			base,
			{ ...base, workflowId: 'wf-b' },
			{ ...base, nodeId: 'node-b' },
			{ ...base, mode: 'manual' as const },
		];
		for (const options of triggers) expect(await started(deliver(id, options))).toBe(1);
	});

	it('150 triggers in turn, production and test runs, each catch their own repeats', async () => {
		const triggers = Array.from({ length: 150 }, (_, i) =>
			createTrigger({
				workflowId: `wf-many-${i}`,
				nodeId: 'node-many',
				mode: i % 2 === 0 ? 'webhook' : 'manual',
			}),
		);
		const ids = ['Many1c2dkzBAZ5hGD00000001', 'Many1c2dkzBAZ5hGD00000002'];
		const deliverTo = (trigger: (typeof triggers)[0], id: string) =>
			trigger.call(json(SEED_BODY, kakaoHeaders(id)));
		for (const id of ids)
			for (const trigger of triggers)
				expect((await deliverTo(trigger, id)).result.workflowData).toHaveLength(1);
		for (const trigger of triggers)
			for (const id of ids) expectAnswered(await deliverTo(trigger, id), 200, DUPLICATE);
		expect([recentDeliveries.triggerCount, recentDeliveries.size]).toEqual([150, 300]);
	});
});

describe('what is never a duplicate', () => {
	it('deliveries without X-Kakao-Resource-ID', async () => {
		const trigger = createTrigger();
		for (let i = 0; i < 3; i++)
			expect(
				(await trigger.call(json(SEED_BODY, kakaoHeaders(undefined)))).result.workflowData,
			).toHaveLength(1);
	});

	it('the id of a filtered or refused delivery', async () => {
		const headers = kakaoHeaders(nextId());
		const options = { workflowId: 'wf-p', nodeId: 'node-p' };
		// refused: bad body; filtered: channel not selected
		const refused = await createTrigger(options).call(json({ event: 'added' }, headers));
		expect(refused.response.statusCode).toBe(400);
		const filter = { ...options, parameters: { options: { channelIds: '_Other' } } };
		const filtered = await createTrigger(filter).call(json(SEED_BODY, headers));
		expect(filtered.response.body).toEqual({ received: true, ignored: IGNORED.channel });
		// the genuine delivery still starts the workflow
		expect(await started(createTrigger(options).call(json(SEED_BODY, headers)))).toBe(1);
	});

	it('the id of an unauthenticated request', async () => {
		const options = { workflowId: 'wf-401', nodeId: 'node-401' };
		const id = nextId();
		const forged = { ...kakaoHeaders(id), Authorization: 'KakaoAK forged' };
		await createTrigger(options).call(json(SEED_BODY, forged));
		expect(await started(deliver(id, options))).toBe(1);
	});
});
