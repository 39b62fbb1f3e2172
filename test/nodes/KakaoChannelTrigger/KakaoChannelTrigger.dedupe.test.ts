/**
 * Repeated deliveries through n8n's own WebhookContext (see harness.ts): an `X-Kakao-Resource-ID`
 * a trigger has already run starts nothing, for any number of triggers.
 */
import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import {
	createTrigger,
	expectAnswered,
	json,
	kakaoHeaders,
	resourceIds,
	sample,
	type HarnessOptions,
} from './harness';

const DUPLICATE = { received: true, ignored: IGNORED.duplicate };
const nextId = resourceIds('Dup');
/** One delivery of the sample event with this resource id, to a trigger made with `options`. */
const deliver = (id: string, options: HarnessOptions = {}) =>
	createTrigger(options).call(sample(id));
const started = async (run: ReturnType<typeof deliver>) => (await run).result.workflowData?.length;

describe('a repeated X-Kakao-Resource-ID starts nothing (200, ignored)', () => {
	it('a second and a third delivery, and to a new node instance (n8n builds one per request); a different id still goes through', async () => {
		const options = { workflowId: 'wf-shared', nodeId: 'node-shared' };
		const [trigger, id] = [createTrigger(options), nextId()];
		expect(await started(trigger.call(sample(id)))).toBe(1);
		for (const again of [trigger, trigger, createTrigger(options)])
			expectAnswered(await again.call(sample(id)), 200, DUPLICATE);
		expect(await started(trigger.call(sample()))).toBe(1);
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
		for (const id of ids)
			for (const trigger of triggers) expect(await started(trigger.call(sample(id)))).toBe(1);
		for (const trigger of triggers)
			for (const id of ids) expectAnswered(await trigger.call(sample(id)), 200, DUPLICATE);
		expect([recentDeliveries.triggerCount, recentDeliveries.size]).toEqual([150, 300]);
	});
});

it('never a duplicate: deliveries without X-Kakao-Resource-ID, the id of a refused, filtered or unauthenticated delivery', async () => {
	const options = { workflowId: 'wf-p', nodeId: 'node-p' };
	const trigger = createTrigger(options);
	for (let i = 0; i < 3; i++) expect(await started(trigger.call(sample(null)))).toBe(1);
	const id = nextId();
	// refused: bad body; filtered: channel not selected; unauthenticated: a forged key
	const refused = await createTrigger(options).call(json({ event: 'added' }, kakaoHeaders(id)));
	expect(refused.response.statusCode).toBe(400);
	const filter = { ...options, parameters: { options: { channelIds: '_Other' } } };
	const filtered = await createTrigger(filter).call(sample(id));
	expect(filtered.response.body).toEqual({ received: true, ignored: IGNORED.channel });
	expect((await createTrigger(options).call(sample(id, 'forged'))).response.statusCode).toBe(401);
	// the genuine delivery still starts the workflow
	expect(await started(createTrigger(options).call(sample(id)))).toBe(1);
});
