import { parseJsonExact } from './exactJson';

/**
 * What a successful (2XX) answer of an endpoint must look like (docs/kakao-api.md). `check`
 * returns what is wrong with a parsed body, or undefined when it can be used.
 */
export type ExpectedAnswer =
	| { kind: 'empty' }
	| { kind: 'json'; check: (value: unknown) => string | undefined };

/** A 2XX answer that cannot be used: the caller turns it into a NodeApiError. */
export interface UnusableAnswer {
	problem: string;
	hint: string;
}

const HINT_PROXY =
	'Something other than Kakao answered (a proxy, a firewall or a login page): check the Base URL in the credential.';
const HINT_CUT =
	'The answer was cut off on the way; run again, and if it repeats check any proxy between n8n and Kakao.';

/** Reads a 2XX body exactly as the endpoint documents it, or says why it cannot be used. */
export function readAnswer(
	text: string,
	expected: ExpectedAnswer,
): { value: unknown } | UnusableAnswer {
	const trimmed = text.trim();
	if (trimmed === '') {
		if (expected.kind === 'empty') return { value: undefined };
		return { problem: 'an empty body', hint: `${HINT_CUT} An empty answer is never a result.` };
	}
	if (trimmed.startsWith('<')) return { problem: 'an HTML page instead of JSON', hint: HINT_PROXY };
	let value: unknown;
	try {
		value = parseJsonExact(trimmed);
	} catch {
		const looksCut = trimmed.startsWith('{') || trimmed.startsWith('[');
		return looksCut
			? { problem: 'cut-off or broken JSON', hint: HINT_CUT }
			: { problem: 'a body that is not JSON', hint: HINT_PROXY };
	}
	// Kakao documents an empty body for deleting users; an empty JSON object means the same.
	if (expected.kind === 'empty') {
		return isObject(value)
			? { value: undefined }
			: { problem: 'a body where none was expected', hint: HINT_PROXY };
	}
	const wrong = expected.check(value);
	return wrong === undefined
		? { value }
		: { problem: `JSON of an unexpected shape (${wrong})`, hint: HINT_PROXY };
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Kakao's IDs arrive as numbers, or as digit strings when beyond 2^53 (see exactJson). */
export function isIntegerId(value: unknown): boolean {
	return (
		(typeof value === 'number' && Number.isSafeInteger(value)) ||
		(typeof value === 'string' && /^\d{1,19}$/.test(value))
	);
}

function isCount(value: unknown): boolean {
	return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

const RELATIONS = ['ADDED', 'BLOCKED', 'NONE'];

function userRelationsProblem(value: unknown, where: string): string | undefined {
	if (!isObject(value)) return `${where} is not an object`;
	if (!isIntegerId(value.user_id)) return `${where}.user_id is not an integer ID`;
	if (!Array.isArray(value.channels)) return `${where}.channels is not a list`;
	for (let k = 0; k < value.channels.length; k++) {
		const channel = value.channels[k] as Record<string, unknown>;
		if (!isObject(channel) || typeof channel.channel_public_id !== 'string')
			return `${where}.channels[${k}] has no channel_public_id`;
		if (!RELATIONS.includes(channel.relation as string))
			return `${where}.channels[${k}].relation is not ADDED, BLOCKED or NONE`;
	}
	return undefined;
}

/** The shapes of the endpoints this node calls, as docs/kakao-api.md gives them. */
export const ANSWERS = {
	relation: { kind: 'json', check: (value) => userRelationsProblem(value, 'the answer') },
	relations: {
		kind: 'json',
		check: (value) => {
			if (!Array.isArray(value)) return 'the answer is not a list';
			for (let k = 0; k < value.length; k++) {
				const problem = userRelationsProblem(value[k], `entry ${k}`);
				if (problem) return problem;
			}
			return undefined;
		},
	},
	createdFile: {
		kind: 'json',
		check: (value) =>
			isObject(value) && isCount(value.file_id) ? undefined : 'no integer file_id',
	},
	fileList: {
		kind: 'json',
		check: (value) => {
			if (!isObject(value) || !Array.isArray(value.results)) return 'no results list';
			const bad = value.results.findIndex((file) => !isObject(file) || !isCount(file.file_id));
			return bad === -1 ? undefined : `results[${bad}] has no integer file_id`;
		},
	},
	addedUsers: {
		kind: 'json',
		check: (value) =>
			isObject(value) && isCount(value.request_count) && isCount(value.success_count)
				? undefined
				: 'no request_count and success_count',
	},
	deletedUsers: { kind: 'empty' },
} satisfies Record<string, ExpectedAnswer>;
