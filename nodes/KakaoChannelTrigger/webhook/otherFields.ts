/**
 * "Include Other Fields": body fields the Kakao docs do not name, kept under `extra` only up to a
 * depth and a size. n8n copies and serialises items recursively, and a deeply nested array that
 * fits in the 64 KiB body already overflows the stack there.
 */

/** The fields parseEvent reads (legacy names included); everything else is "other". */
const KNOWN_FIELDS = new Set([
	'event',
	'id',
	'id_type',
	'channel_public_id',
	'channel_uuid',
	'updated_at',
	'plus_friend_public_id',
	'plus_friend_uuid',
	'timestamp',
]);

/** Nesting allowed in each kept field: `{"a":{"b":1}}` has depth 2, a string or number 0. */
export const MAX_OTHER_FIELDS_DEPTH = 10;
/** The kept fields together, as JSON. */
export const MAX_OTHER_FIELDS_BYTES = 16 * 1024;

export type OtherFieldsResult =
	| { ok: true; fields: Record<string, unknown> | undefined }
	| { ok: false; reason: string };

/**
 * Whether `value` nests deeper than `maxDepth`. Walks with its own stack, never recursion, and
 * stops as soon as the limit is passed, so a 30,000-level array costs a few steps.
 */
export function nestedDeeperThan(value: unknown, maxDepth: number): boolean {
	const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
	while (stack.length > 0) {
		const { value: current, depth } = stack.pop()!;
		if (typeof current !== 'object' || current === null) continue;
		if (depth + 1 > maxDepth) return true;
		const children = Array.isArray(current) ? current : Object.values(current);
		for (const child of children) stack.push({ value: child, depth: depth + 1 });
	}
	return false;
}

function quoteKey(key: string): string {
	return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}...` : key);
}

/** The other fields of `body` (undefined when there are none), or the 400 reason past a cap. */
export function readOtherFields(body: Record<string, unknown>): OtherFieldsResult {
	const extra: Record<string, unknown> = {};
	let count = 0;
	for (const key of Object.keys(body)) {
		if (KNOWN_FIELDS.has(key)) continue;
		if (nestedDeeperThan(body[key], MAX_OTHER_FIELDS_DEPTH)) {
			return {
				ok: false,
				reason: `other field ${quoteKey(key)} is nested deeper than ${MAX_OTHER_FIELDS_DEPTH} levels (the limit of Include Other Fields)`,
			};
		}
		// defineProperty, not assignment: a body key "__proto__" must stay a plain field.
		Object.defineProperty(extra, key, {
			value: body[key],
			enumerable: true,
			writable: true,
			configurable: true,
		});
		count++;
	}
	if (count === 0) return { ok: true, fields: undefined };
	// Safe to serialise now: the depth is bounded.
	const bytes = Buffer.byteLength(JSON.stringify(extra), 'utf8');
	if (bytes > MAX_OTHER_FIELDS_BYTES) {
		return {
			ok: false,
			reason: `other fields take ${bytes} bytes as JSON, more than ${MAX_OTHER_FIELDS_BYTES} (the limit of Include Other Fields)`,
		};
	}
	return { ok: true, fields: extra };
}
