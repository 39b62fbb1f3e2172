import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { describeNetworkFailure, describeRedirect } from '../../shared/networkFailure';
import { describeKakaoError, parseKakaoErrorBody } from './errors';
import { kakaoCodeOf, outcomeOf, type FailedTry, type KakaoOutcome } from './failure';
import { TOTAL_BOUND_FACTOR } from './timeout';

/** What one call cost: tries made, and how many of them re-sent a request whose outcome was unknown. */
export interface KakaoCallStats {
	attempts: number;
	resent: number;
}

/**
 * A call to Kakao that failed, with what the batch engine needs to account for its users: how it
 * ended, Kakao's code, and the tries it took.
 */
export class KakaoApiError extends NodeApiError {
	readonly outcome: KakaoOutcome;

	readonly kakaoCode?: number;

	readonly attempts: number;

	readonly resent: number;

	constructor(
		node: INode,
		errorResponse: JsonObject,
		options: ConstructorParameters<typeof NodeApiError>[2],
		facts: KakaoCallStats & { outcome: KakaoOutcome; kakaoCode?: number },
	) {
		super(node, errorResponse, options);
		// n8n's editor and logs read the name to show an API error as one.
		this.name = 'NodeApiError';
		this.outcome = facts.outcome;
		this.kakaoCode = facts.kakaoCode;
		this.attempts = facts.attempts;
		this.resent = facts.resent;
	}
}

export interface Effort extends KakaoCallStats {
	timeoutMs: number;
	elapsedMs: number;
	/** The origin the request went to, for naming where a redirect pointed. */
	origin: string;
}

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;

/**
 * Built from the parsed answer only: the request (and its Authorization header) never reaches
 * the error, so no key can leak into the UI or the logs.
 */
export function kakaoApiError(
	node: INode,
	failure: FailedTry,
	effort: Effort,
	itemIndex?: number,
): KakaoApiError {
	const facts = {
		outcome: outcomeOf(failure),
		kakaoCode: kakaoCodeOf(failure),
		attempts: effort.attempts,
		resent: effort.resent,
	};
	const { errorResponse, message, description, httpCode } = wording(failure, effort);
	return new KakaoApiError(
		node,
		errorResponse,
		{ message, description, httpCode, itemIndex },
		facts,
	);
}

interface Wording {
	errorResponse: JsonObject;
	message: string;
	description: string;
	httpCode?: string;
}

function wording(failure: FailedTry, effort: Effort): Wording {
	const retried = effort.attempts > 1 ? ` (tried ${effort.attempts} times)` : '';
	if (failure.timedOut) {
		const tries = `${effort.attempts} ${effort.attempts > 1 ? 'tries' : 'try'}`;
		return {
			errorResponse: { message: 'Kakao did not answer in time' },
			message: `Kakao did not answer within ${seconds(effort.timeoutMs)}${retried}`,
			description: `${capitalize(describeNetworkFailure({ cause: 'timeout' }).reason)}: waited ${seconds(effort.elapsedMs)} in all over ${tries} (option Timeout: ${seconds(effort.timeoutMs)} per try, ${TOTAL_BOUND_FACTOR}× that in all). Kakao may or may not have acted on the request. Run again later, or raise the Timeout option.`,
		};
	}
	if (failure.redirect) {
		const { status, location } = failure.redirect;
		const { what, hint } = describeRedirect(status, location, effort.origin);
		return {
			errorResponse: { message: `Kakao API answered ${what}` },
			message: `Kakao API answered ${what}`,
			description: hint,
			httpCode: String(status),
		};
	}
	if (failure.network) {
		const { reason, hint } = describeNetworkFailure(failure.network);
		return {
			errorResponse: { message: `Connection to Kakao failed: ${reason}` },
			message: `Could not reach the Kakao API${retried}`,
			description: `${capitalize(reason)}. ${hint}`,
		};
	}
	const status = failure.status ?? 0;
	const httpCode = String(status);
	if (failure.unusable) {
		const start = failure.unusable.text.slice(0, 200);
		return {
			errorResponse: { httpCode, body: start },
			message: `Kakao answered HTTP ${status} with ${failure.unusable.problem}${retried}`,
			description: `The answer began: ${JSON.stringify(start)}. ${failure.unusable.hint}`,
			httpCode,
		};
	}
	const body = parseKakaoErrorBody(failure.body);
	const { message, description } = describeKakaoError(status, body);
	const errorResponse: JsonObject = { httpCode };
	if (body.code !== undefined) errorResponse.code = body.code;
	if (body.msg !== undefined) errorResponse.msg = body.msg;
	return { errorResponse, message: `${message}${retried}`, description, httpCode };
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
