import { parseJsonExact } from './exactJson';

/**
 * What a successful (2XX) answer of an endpoint must look like (docs/kakao-api.md, "What the node
 * checks in a 2XX answer"). `check` returns what is wrong with a parsed body, or undefined when it
 * can be used.
 */
export type ExpectedAnswer =
	| { kind: 'empty' }
	| { kind: 'json'; check: (value: unknown) => string | undefined };

/** A 2XX answer that cannot be used: the caller turns it into an error of unknown outcome. */
export interface UnusableAnswer {
	problem: string;
	hint: string;
}

/** Kakao's error body, `{code, msg}`, that came with a 2XX status: Kakao refused the request. */
export interface KakaoErrorAnswer {
	kakaoError: Record<string, unknown>;
}

const HINT_PROXY =
	'Something other than Kakao answered (a proxy, a firewall or a login page): check the Base URL in the credential.';
const HINT_CUT =
	'The answer was cut off on the way; run again, and if it repeats check any proxy between n8n and Kakao.';

/** Reads a 2XX body exactly as the endpoint documents it, or says why it cannot be used. */
export function readAnswer(
	text: string,
	expected: ExpectedAnswer,
): { value: unknown } | UnusableAnswer | KakaoErrorAnswer {
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
	const wrong =
		expected.kind === 'empty'
			? // Kakao documents an empty body for deleting users; an empty JSON object says the same.
				isObject(value) && Object.keys(value).length === 0
				? undefined
				: 'a body where none was expected'
			: expected.check(value);
	if (wrong === undefined) return { value: expected.kind === 'empty' ? undefined : value };
	if (isKakaoErrorBody(value)) return { kakaoError: value };
	const problem = expected.kind === 'empty' ? wrong : `JSON of an unexpected shape (${wrong})`;
	return { problem, hint: HINT_PROXY };
}

/** `{"code": <negative integer>, "msg": "..."}`: how Kakao says no (docs/kakao-api.md#error-responses). */
function isKakaoErrorBody(value: unknown): value is Record<string, unknown> {
	return (
		isObject(value) &&
		Number.isSafeInteger(value.code) &&
		(value.code as number) < 0 &&
		(value.msg === undefined || typeof value.msg === 'string')
	);
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

/** An optional field: absent, null, or of the given type. */
const optional = (value: unknown, type: 'string' | 'count') =>
	value === undefined ||
	value === null ||
	(type === 'count' ? isCount(value) : typeof value === type);

const RELATIONS = ['ADDED', 'BLOCKED', 'NONE'];

function channelProblem(channel: unknown, where: string): string | undefined {
	if (!isObject(channel) || typeof channel.channel_public_id !== 'string')
		return `${where} has no channel_public_id`;
	if (!RELATIONS.includes(channel.relation as string))
		return `${where}.relation is not ADDED, BLOCKED or NONE`;
	for (const field of ['channel_uuid', 'created_at', 'updated_at'])
		if (!optional(channel[field], 'string')) return `${where}.${field} is not text`;
	return undefined;
}

function userRelationsProblem(value: unknown, where: string): string | undefined {
	if (!isObject(value)) return `${where} is not an object`;
	if (!isIntegerId(value.user_id)) return `${where}.user_id is not an integer ID`;
	if (!Array.isArray(value.channels)) return `${where}.channels is not a list`;
	for (let k = 0; k < value.channels.length; k++) {
		const problem = channelProblem(value.channels[k], `${where}.channels[${k}]`);
		if (problem) return problem;
	}
	return undefined;
}

function fileListProblem(value: unknown): string | undefined {
	if (!isObject(value) || !Array.isArray(value.results)) return 'no results list';
	if (!optional(value.empty_slot, 'count') || !optional(value.using_slot, 'count'))
		return 'empty_slot or using_slot is not a count';
	for (let k = 0; k < value.results.length; k++) {
		const file = value.results[k] as unknown;
		if (!isObject(file) || !isCount(file.file_id)) return `results[${k}] has no integer file_id`;
		if (typeof file.file_name !== 'string') return `results[${k}] has no file_name`;
		for (const field of ['status', 'update_at', 'schema'])
			if (!optional(file[field], 'string')) return `results[${k}].${field} is not text`;
	}
	return undefined;
}

function addedUsersProblem(value: unknown): string | undefined {
	if (!isObject(value) || !isCount(value.request_count) || !isCount(value.success_count))
		return 'no request_count and success_count';
	if ((value.success_count as number) > (value.request_count as number))
		return 'success_count is above request_count';
	return optional(value.file_id, 'count') ? undefined : 'file_id is not an integer';
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
	fileList: { kind: 'json', check: fileListProblem },
	addedUsers: { kind: 'json', check: addedUsersProblem },
	deletedUsers: { kind: 'empty' },
} satisfies Record<string, ExpectedAnswer>;
