// The fault campaign's faults and how the node must take each (not a test file itself).
// Timeout is 1 s in every run, so "never answers" costs about 2 s (two tries within 2 × 1 s).
import type { Fault, KakaoEmulator } from '../../../kakao-emulator';

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

/** A 2XX answer of the wrong shape for the endpoint, and the problem the node must name. */
export interface WrongShape {
	body: string;
	problem: string;
}

const tried = (tries: number) => (tries > 1 ? ` (tried ${tries} times)` : '');
const unknown = (name: string, fault: Fault, text: string): CampaignFault => ({
	name,
	fault,
	class: 'unknown',
	message: (tries) => `${text}${tried(tries)}`,
});
const rejected = (code: number, meaning: string): CampaignFault => ({
	name: `Kakao ${code}`,
	fault: { kind: 'kakao', code },
	class: 'rejected',
	message: (tries) => `Kakao API error ${code}: ${meaning}${tried(tries)}`,
});
/** A 200 with this body (an HTML page when none is given), and how the node names it. */
const answered = (name: string, body: string | undefined, problem: string, type?: string) =>
	unknown(
		name,
		body === undefined
			? { kind: 'http', status: 200 }
			: { kind: 'http', status: 200, body, contentType: type ?? 'application/json;charset=UTF-8' },
		`Kakao answered HTTP 200 with ${problem}`,
	);
const UNREACHED = 'Could not reach the Kakao API';

/** `cut` is the start of a valid answer of the endpoint, cut off. */
export function campaignFaults(cut: string, wrong: WrongShape): CampaignFault[] {
	return [
		unknown('reset before the server applied it', { kind: 'drop' }, UNREACHED),
		unknown('reset after the server applied it', { kind: 'dropAfterApply' }, UNREACHED),
		unknown('HTTP 502 from a proxy', { kind: 'http', status: 502 }, 'Kakao API answered HTTP 502'),
		rejected(-1, 'Kakao internal error'),
		rejected(-7, 'service under maintenance'),
		rejected(-815, 'Kakao internal error'),
		rejected(-9798, 'service check (maintenance)'),
		{
			name: 'Kakao -10 (quota)',
			fault: { kind: 'kakao', code: -10 },
			class: 'quota',
			message: () => 'Kakao API error -10: quota exceeded',
		},
		answered('an empty 200', '', 'an empty body'),
		answered('a cut-off 200', cut, 'cut-off or broken JSON'),
		answered('a 200 that is not JSON', 'OK', 'a body that is not JSON', 'text/plain'),
		answered('a 200 of the wrong shape', wrong.body, wrong.problem),
		answered('an HTML 200', undefined, 'an HTML page instead of JSON'),
		unknown('no answer at all', { kind: 'latency', ms: 4000 }, 'Kakao did not answer within 1 s'),
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

export const callsTo = (emu: KakaoEmulator, path: string) =>
	emu.requests.filter((request) => request.path === path).length;
