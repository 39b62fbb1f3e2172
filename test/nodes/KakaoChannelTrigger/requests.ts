/**
 * What the trigger suites share: Kakao's sample body, fresh resource ids, a JSON request, and the
 * two ways a run can end (the node answered itself and started nothing, or it emitted items).
 */
import { SAMPLE_EVENT } from '../../support/kakaoWebhook';
import { buildRequest, kakaoHeaders, type WebhookRun } from './harness';

// Kakao's sample request (docs/kakao-api.md#webhook-body), a copy each test may change.
export const SEED_BODY: Record<string, unknown> = { ...SAMPLE_EVENT };

/** Fresh 24-character ids like Kakao's `Rvy1c2dkzBAZ5hGD3rqYbxvr`, distinct per prefix. */
export function resourceIds(prefix: string): () => string {
	let counter = 0;
	return () => `${prefix}1c2dkzBAZ5hGD${String(++counter).padStart(8, '0')}`;
}

const nextId = resourceIds('Req');

export function json(body: unknown, headers: Record<string, string> = kakaoHeaders(nextId())) {
	return buildRequest(JSON.stringify(body), headers);
}

/** The node answered the request itself and started nothing. */
export function expectAnswered(run: WebhookRun, status: number, body: unknown) {
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.result.workflowData).toBeUndefined();
	expect(run.response.statusCode).toBe(status);
	expect(run.response.body).toEqual(body);
	expect(run.response.sent).toBe(1);
}

/** The node started the workflow with exactly these items and left the answer to n8n. */
export function expectEmitted(run: WebhookRun, items: unknown[]) {
	expect(run.result.noWebhookResponse).toBeUndefined();
	expect(run.result.workflowData).toEqual([items.map((json) => ({ json }))]);
	expect(run.response.statusCode).toBeUndefined();
	expect(run.response.sent).toBe(0);
}

/** The one item a run emitted. */
export function emittedItem(run: WebhookRun) {
	expect(run.response.sent).toBe(0);
	expect(run.result.workflowData).toHaveLength(1);
	expect(run.result.workflowData![0]).toHaveLength(1);
	return run.result.workflowData![0][0].json;
}
