import type { IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

export const DEFAULT_TIMEOUT_SECONDS = 30;

/** A call with its retries never takes longer than this many times the per-try timeout. */
export const TOTAL_BOUND_FACTOR = 2;

/** The "Timeout" option every operation offers in its Options collection. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 300 },
	default: DEFAULT_TIMEOUT_SECONDS,
	description: `How long each try may take, in seconds, from connecting to the last byte of the answer. A call with its retries ends within ${TOTAL_BOUND_FACTOR} times this. After a timeout, Kakao may or may not have acted.`,
};

/** The per-try timeout in ms: the node's option while executing, the default elsewhere (list search). */
export function readTimeoutMs(
	context: IExecuteFunctions | ILoadOptionsFunctions,
	itemIndex = 0,
): number {
	if (!('getInputData' in context)) return DEFAULT_TIMEOUT_SECONDS * 1000;
	const raw = Number(
		context.getNodeParameter('options.timeout', itemIndex, DEFAULT_TIMEOUT_SECONDS),
	);
	const secondsValue =
		Number.isFinite(raw) && raw > 0 ? Math.min(raw, 300) : DEFAULT_TIMEOUT_SECONDS;
	return secondsValue * 1000;
}
