/** The keys Kakao accepts for customer-file schemas; only these may hold strings. */
export const FIXED_SCHEMA_KEYS = [
	{ key: '생년월일', english: 'Birthday' },
	{ key: '국가', english: 'Country' },
	{ key: '지역', english: 'Region' },
	{ key: '성별', english: 'Gender' },
	{ key: '연령', english: 'Age' },
	{ key: '구매금액', english: 'Purchase Amount' },
	{ key: '포인트', english: 'Point' },
	{ key: '가입일', english: 'Signup Date' },
	{ key: '최근 구매일', english: 'Recent Purchase Date' },
	{ key: '응모일', english: 'Event Application Date' },
] as const;

export const RESERVED_CUSTOM_KEYS = ['앱유저아이디', '전화번호'];
export const MAX_SCHEMA_ITEMS = 30;

export type SchemaValueType = 'string' | 'number';

export interface SchemaInput {
	fixed: Array<{ key: string; type: string }>;
	custom: Array<{ key: string }>;
}

/** Builds the schema object Kakao wants, or returns the first rule it breaks. */
export function buildSchema(
	input: SchemaInput,
): { schema: Record<string, SchemaValueType> } | { error: string } {
	// No prototype: a field named __proto__ or constructor is a field like any other.
	const schema: Record<string, SchemaValueType> = Object.create(null);
	const fixedKeys: readonly string[] = FIXED_SCHEMA_KEYS.map((entry) => entry.key);
	for (const { key, type } of input.fixed) {
		if (!fixedKeys.includes(key))
			return { error: `"${key}" is not one of Kakao's fixed schema keys` };
		if (type !== 'string' && type !== 'number') {
			return { error: `The type of "${key}" must be string or number, not "${type}"` };
		}
		if (key in schema) return { error: `The key "${key}" is listed twice` };
		schema[key] = type;
	}
	for (const { key: rawKey } of input.custom) {
		const key = String(rawKey ?? '').trim();
		if (!key) return { error: 'A custom field has an empty name' };
		if (RESERVED_CUSTOM_KEYS.includes(key)) {
			return {
				error: `A custom field may not be named "${key}" (Kakao reserves ${RESERVED_CUSTOM_KEYS.join(' and ')})`,
			};
		}
		if (fixedKeys.includes(key))
			return { error: `"${key}" is a fixed key: add it under Fixed Fields instead` };
		if (key in schema) return { error: `The key "${key}" is listed twice` };
		schema[key] = 'number';
	}
	const count = Object.keys(schema).length;
	if (count === 0) return { error: 'The schema needs at least one field' };
	if (count > MAX_SCHEMA_ITEMS) {
		return { error: `The schema has ${count} fields; Kakao allows at most ${MAX_SCHEMA_ITEMS}` };
	}
	return { schema };
}

/** Kakao returns each file's schema as a JSON string; a broken one is kept as text, not dropped. */
export function parseSchemaString(schema: unknown): Record<string, unknown> | string | null {
	if (schema === undefined || schema === null || schema === '') return null;
	if (typeof schema === 'object') return schema as Record<string, unknown>;
	try {
		const parsed: unknown = JSON.parse(String(schema));
		return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
			? (parsed as Record<string, unknown>)
			: String(schema);
	} catch {
		return String(schema);
	}
}

export type FieldValue = string | number | boolean | null;

/**
 * Field values: Kakao wants numbers, so numeric text becomes a number; other text is kept. A
 * number must reach Kakao with the digits it was given: n8n sends JSON numbers from JavaScript
 * numbers, so a value a JavaScript number cannot hold exactly (docs/kakao-api.md#field-values)
 * is refused with the reason, never sent rounded.
 */
export function toFieldValue(value: unknown): { value: FieldValue } | { problem: string } {
	if (typeof value === 'boolean' || value === null) return { value };
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) return { problem: `${value} is not a number Kakao can take` };
		return Number.isInteger(value) && !Number.isSafeInteger(value)
			? { problem: `${plainDecimal(value)} is beyond 2^53, where digits were already lost` }
			: { value };
	}
	const text = String(value ?? '').trim();
	if (!/^-?\d+(\.\d+)?$/.test(text)) return { value: text };
	const number = Number(text);
	return canonicalDecimal(text) === canonicalDecimal(plainDecimal(number))
		? { value: number }
		: {
				problem: `${text} has more digits than a number keeps (it would be sent as ${plainDecimal(number)})`,
			};
}

/** A number's digits without an exponent ("1e-7" -> "0.0000001"). */
function plainDecimal(number: number): string {
	const text = String(number);
	const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
	if (!match) return text;
	const [, sign, first, rest = '', exponentText] = match;
	const digits = first + rest;
	const exponent = Number(exponentText);
	if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
	return digits.length <= exponent + 1
		? `${sign}${digits.padEnd(exponent + 1, '0')}`
		: `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

/** "-007.50" -> "-7.5", "-0.0" -> "0": the same value written one way. */
function canonicalDecimal(text: string): string {
	const [, sign, whole, fraction = ''] = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text) ?? [];
	const integer = (whole ?? '').replace(/^0+(?=\d)/, '');
	const decimals = fraction.replace(/0+$/, '');
	const isZero = /^0$/.test(integer) && decimals === '';
	return `${isZero ? '' : sign}${integer}${decimals ? `.${decimals}` : ''}`;
}
