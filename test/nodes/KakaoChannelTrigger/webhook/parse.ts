// parseEvent's two outcomes for the event suites: the item it accepted, or the reason it refused.
import { parseEvent, type ParseOptions } from '../../../../nodes/KakaoChannelTrigger/webhook/event';
import { SAMPLE_EVENT } from '../../../support/kakaoWebhook';

// Kakao's sample request (docs/kakao-api.md#webhook-body), a copy each test may change.
export const SEED_BODY: Record<string, unknown> = { ...SAMPLE_EVENT };
export const KEEP_OTHERS: ParseOptions = { includeOtherFields: true };
type Body = Record<string, unknown>;

export function accepted(body: Body, options: ParseOptions = {}, resourceId: string | null = null) {
	const result = parseEvent(body, resourceId, options);
	if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
	return result.event;
}

export function refused(body: Body, options: ParseOptions = {}): string {
	const result = parseEvent(body, null, options);
	if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.event)}`);
	return result.reason;
}

/** The same for Kakao's sample with these fields changed (an undefined one is left out). */
export const acceptedWith = (patch: Body, options?: ParseOptions) =>
	accepted({ ...SEED_BODY, ...patch }, options);
export const refusedWith = (patch: Body, options?: ParseOptions) =>
	refused({ ...SEED_BODY, ...patch }, options);
