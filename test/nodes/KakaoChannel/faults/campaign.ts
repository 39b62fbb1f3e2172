// The fault campaign's faults and how the node must take each (not a test file itself).
// Timeout is 1 s in every run, so "never answers" costs about 2 s (two tries within 2 × 1 s).
import type { Fault } from '../../../kakao-emulator';

const JSON_TYPE = 'application/json;charset=UTF-8';

/**
 * How the node takes a fault: `rejected` (Kakao's code says it did nothing), `unknown` (Kakao
 * may have acted), `quota` (not retried). Unknown faults are re-sent only where that is safe.
 */
export type FaultClass = 'rejected' | 'unknown' | 'quota';

export interface CampaignFault {
	name: string;
	fault: Fault;
	class: FaultClass;
	/** The error after every try failed, for `tries` tries. */
	message: (tries: number) => string;
}

const tried = (tries: number) => (tries > 1 ? ` (tried ${tries} times)` : '');

/** A 2XX answer of the wrong shape for the endpoint, and the problem the node must name. */
export interface WrongShape {
	body: string;
	problem: string;
}

/** `cut` is the start of a valid answer of the endpoint, cut off. */
export function campaignFaults(cut: string, wrong: WrongShape): CampaignFault[] {
	return [
		{
			name: 'reset before the server applied it',
			fault: { kind: 'drop' },
			class: 'unknown',
			message: (n) => `Could not reach the Kakao API${tried(n)}`,
		},
		{
			name: 'reset after the server applied it',
			fault: { kind: 'dropAfterApply' },
			class: 'unknown',
			message: (n) => `Could not reach the Kakao API${tried(n)}`,
		},
		{
			name: 'HTTP 502 from a proxy',
			fault: { kind: 'http', status: 502 },
			class: 'unknown',
			message: (n) => `Kakao API answered HTTP 502${tried(n)}`,
		},
		{
			name: 'Kakao -1',
			fault: { kind: 'kakao', code: -1 },
			class: 'rejected',
			message: (n) => `Kakao API error -1: Kakao internal error${tried(n)}`,
		},
		{
			name: 'Kakao -7',
			fault: { kind: 'kakao', code: -7 },
			class: 'rejected',
			message: (n) => `Kakao API error -7: service under maintenance${tried(n)}`,
		},
		{
			name: 'Kakao -815',
			fault: { kind: 'kakao', code: -815 },
			class: 'rejected',
			message: (n) => `Kakao API error -815: Kakao internal error${tried(n)}`,
		},
		{
			name: 'Kakao -9798',
			fault: { kind: 'kakao', code: -9798 },
			class: 'rejected',
			message: (n) => `Kakao API error -9798: service check (maintenance)${tried(n)}`,
		},
		{
			name: 'Kakao -10 (quota)',
			fault: { kind: 'kakao', code: -10 },
			class: 'quota',
			message: () => 'Kakao API error -10: quota exceeded',
		},
		{
			name: 'an empty 200',
			fault: { kind: 'http', status: 200, body: '', contentType: JSON_TYPE },
			class: 'unknown',
			message: (n) => `Kakao answered HTTP 200 with an empty body${tried(n)}`,
		},
		{
			name: 'a cut-off 200',
			fault: { kind: 'http', status: 200, body: cut, contentType: JSON_TYPE },
			class: 'unknown',
			message: (n) => `Kakao answered HTTP 200 with cut-off or broken JSON${tried(n)}`,
		},
		{
			name: 'a 200 that is not JSON',
			fault: { kind: 'http', status: 200, body: 'OK', contentType: 'text/plain' },
			class: 'unknown',
			message: (n) => `Kakao answered HTTP 200 with a body that is not JSON${tried(n)}`,
		},
		{
			name: 'a 200 of the wrong shape',
			fault: { kind: 'http', status: 200, body: wrong.body, contentType: JSON_TYPE },
			class: 'unknown',
			message: (n) => `Kakao answered HTTP 200 with ${wrong.problem}${tried(n)}`,
		},
		{
			name: 'an HTML 200',
			fault: { kind: 'http', status: 200 },
			class: 'unknown',
			message: (n) => `Kakao answered HTTP 200 with an HTML page instead of JSON${tried(n)}`,
		},
		{
			name: 'no answer at all',
			fault: { kind: 'latency', ms: 4000 },
			class: 'unknown',
			message: (n) => `Kakao did not answer within 1 s${tried(n)}`,
		},
	];
}

/**
 * Tries made when a fault never goes away, with Timeout 1 s: a call stops at 2 × Timeout, waits
 * included. A quick failure gets 3 tries (after waits of 0.5 s and 1 s; the 2 s wait would cross
 * the bound), no answer at all 2 (1 s, then what is left).
 */
export function triesFor(fault: CampaignFault, retryUnknown = true): number {
	if (fault.class === 'quota') return 1;
	if (fault.class === 'unknown' && !retryUnknown) return 1;
	return fault.fault.kind === 'latency' ? 2 : 3;
}

export const TIMEOUT_OPTION = { timeout: 1 };
