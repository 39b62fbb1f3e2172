/**
 * Repeated deliveries through n8n's own WebhookContext (see harness.ts): an `X-Kakao-Resource-ID`
 * a trigger has already run starts nothing, for any number of triggers.
 */
import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { createTrigger, kakaoHeaders } from './harness';
import { SEED_BODY, expectAnswered, json, resourceIds } from './requests';

const DUPLICATE = { received: true, ignored: IGNORED.duplicate };
const nextId = resourceIds('Dup');

afterEach(() => recentDeliveries.clear());

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
		const headers = kakaoHeaders(nextId());
		expect(
			(await createTrigger(options).call(json(SEED_BODY, headers))).result.workflowData,
		).toHaveLength(1);
		expectAnswered(await createTrigger(options).call(json(SEED_BODY, headers)), 200, DUPLICATE);
	});

	it('per trigger, and test runs apart from production', async () => {
		const headers = kakaoHeaders(nextId());
		const base = { workflowId: 'wf-a', nodeId: 'node-a' };
		for (const options of [
			base,
			{ ...base, workflowId: 'wf-b' },
			{ ...base, nodeId: 'node-b' },
			{ ...base, mode: 'manual' as const },
		]) {
			const run = await createTrigger(options).call(json(SEED_BODY, headers));
			expect(run.result.workflowData).toHaveLength(1);
		}
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
		for (const id of ids) {
			for (const trigger of triggers) {
				const run = await trigger.call(json(SEED_BODY, kakaoHeaders(id)));
				expect(run.result.workflowData).toHaveLength(1);
			}
		}
		for (const trigger of triggers) {
			for (const id of ids) {
				expectAnswered(await trigger.call(json(SEED_BODY, kakaoHeaders(id))), 200, DUPLICATE);
			}
		}
		expect([recentDeliveries.triggerCount, recentDeliveries.size]).toEqual([150, 300]);
	});
});

describe('what is never a duplicate', () => {
	it('deliveries without X-Kakao-Resource-ID', async () => {
		const trigger = createTrigger();
		const headers = kakaoHeaders(undefined);
		for (let i = 0; i < 3; i++) {
			expect((await trigger.call(json(SEED_BODY, headers))).result.workflowData).toHaveLength(1);
		}
	});

	it('the id of a filtered or refused delivery', async () => {
		const headers = kakaoHeaders(nextId());
		const options = { workflowId: 'wf-p', nodeId: 'node-p' };
		// refused: bad body; filtered: channel not selected
		expect(
			(await createTrigger(options).call(json({ event: 'added' }, headers))).response.statusCode,
		).toBe(400);
		const filtered = createTrigger({
			...options,
			parameters: { options: { channelIds: '_Other' } },
		});
		expect((await filtered.call(json(SEED_BODY, headers))).response.body).toEqual({
			received: true,
			ignored: IGNORED.channel,
		});
		// the genuine delivery still starts the workflow
		expect(
			(await createTrigger(options).call(json(SEED_BODY, headers))).result.workflowData,
		).toHaveLength(1);
	});

	it('the id of an unauthenticated request', async () => {
		const options = { workflowId: 'wf-401', nodeId: 'node-401' };
		const id = nextId();
		await createTrigger(options).call(
			json(SEED_BODY, { ...kakaoHeaders(id), Authorization: 'KakaoAK forged' }),
		);
		const run = await createTrigger(options).call(json(SEED_BODY, kakaoHeaders(id)));
		expect(run.result.workflowData).toHaveLength(1);
	});
});
