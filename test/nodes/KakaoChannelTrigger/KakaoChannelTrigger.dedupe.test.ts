/**
 * Repeated deliveries through n8n's own WebhookContext (see harness.ts): an `X-Kakao-Resource-ID`
 * a trigger has already run starts nothing, for any number of triggers.
 */
import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import {
	createTrigger,
	emittedItem,
	expectAnswered,
	json,
	kakaoHeaders,
	resourceIds,
	sample,
} from './harness';
import type { Trigger } from './harness';

const DUPLICATE = { received: true, ignored: IGNORED.duplicate };
const nextId = resourceIds('Dup');
/** This delivery of the sample event started the workflow with one item. */
const starts = async (trigger: Trigger, id: string | null = nextId()) =>
	emittedItem(await trigger.call(sample(id)));
const repeated = async (trigger: Trigger, id: string) =>
	expectAnswered(await trigger.call(sample(id)), 200, DUPLICATE);

describe('a repeated X-Kakao-Resource-ID starts nothing (200, ignored)', () => {
	it('a second and a third delivery, and to a new node instance (n8n builds one per request); a different id still goes through', async () => {
		const options = { workflowId: 'wf-shared', nodeId: 'node-shared' };
		const [trigger, id] = [createTrigger(options), nextId()];
		await starts(trigger, id);
		for (const again of [trigger, trigger, createTrigger(options)]) await repeated(again, id);
		await starts(trigger);
	});
	it('per trigger, and test runs apart from production', async () => {
		const [id, base] = [nextId(), { workflowId: 'wf-a', nodeId: 'node-a' }];
		const apart = [{ workflowId: 'wf-b' }, { nodeId: 'node-b' }, { mode: 'manual' as const }];
		for (const options of [{}, ...apart]) await starts(createTrigger({ ...base, ...options }), id);
	});
	it('150 triggers in turn, production and test runs, each catch their own repeats', async () => {
		const triggers = Array.from({ length: 150 }, (_, i) =>
			createTrigger({ workflowId: `wf-many-${i}`, mode: i % 2 ? 'manual' : 'webhook' }),
		);
		const ids = ['Many1c2dkzBAZ5hGD00000001', 'Many1c2dkzBAZ5hGD00000002'];
		for (const id of ids) for (const trigger of triggers) await starts(trigger, id);
		for (const trigger of triggers) for (const id of ids) await repeated(trigger, id);
		expect([recentDeliveries.triggerCount, recentDeliveries.size]).toEqual([150, 300]);
	});
});
it('never a duplicate: deliveries without X-Kakao-Resource-ID, the id of a refused, filtered or unauthenticated delivery', async () => {
	const options = { workflowId: 'wf-p', nodeId: 'node-p' };
	const trigger = createTrigger(options);
	for (let i = 0; i < 3; i++) await starts(trigger, null);
	const id = nextId();
	// refused: bad body; filtered: channel not selected; unauthenticated: a forged key
	const refused = await createTrigger(options).call(json({ event: 'added' }, kakaoHeaders(id)));
	expect(refused.response.statusCode).toBe(400);
	const filter = { ...options, parameters: { options: { channelIds: '_Other' } } };
	const filtered = await createTrigger(filter).call(sample(id));
	expect(filtered.response.body).toEqual({ received: true, ignored: IGNORED.channel });
	expect((await createTrigger(options).call(sample(id, 'forged'))).response.statusCode).toBe(401);
	// the genuine delivery still starts the workflow
	await starts(createTrigger(options), id);
});
