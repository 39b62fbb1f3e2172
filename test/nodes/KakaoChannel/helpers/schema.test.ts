import {
	FIXED_SCHEMA_KEYS,
	MAX_SCHEMA_ITEMS,
	RESERVED_CUSTOM_KEYS,
	buildSchema,
	parseSchemaString,
	toFieldValue,
} from '../../../../nodes/KakaoChannel/helpers/schema';
// The emulator's reading of the same Kakao docs (docs/kakao-api.md#customer-file-schema).
import * as kakaoDocs from '../../../kakao-emulator/rules';

const fixed = (...fields: Array<[string, string]>) => fields.map(([key, type]) => ({ key, type }));
const custom = (...keys: string[]) => keys.map((key) => ({ key }));
const many = (count: number) => custom(...Array.from({ length: count }, (_, k) => `c${k}`));
const reserved = (key: string) =>
	`A custom field may not be named "${key}" (Kakao reserves 앱유저아이디 and 전화번호)`;
const TOO_MANY = { error: 'The schema has 31 fields; Kakao allows at most 30' };

describe('constants match the Kakao docs', () => {
	it('the ten supported Korean keys, 30 items at most, 앱유저아이디 and 전화번호 reserved', () => {
		expect(FIXED_SCHEMA_KEYS.map((entry) => entry.key)).toEqual(kakaoDocs.FIXED_SCHEMA_KEYS);
		expect(kakaoDocs.FIXED_SCHEMA_KEYS).toHaveLength(10);
		expect([MAX_SCHEMA_ITEMS, kakaoDocs.MAX_SCHEMA_ITEMS]).toEqual([30, 30]);
		expect(RESERVED_CUSTOM_KEYS).toEqual(['앱유저아이디', '전화번호']);
		expect(kakaoDocs.RESERVED_CUSTOM_KEYS).toEqual(RESERVED_CUSTOM_KEYS);
	});
});

describe('buildSchema', () => {
	it('fixed keys keep their type; custom keys are numbers; order is kept', () => {
		const input = {
			fixed: fixed(['성별', 'string'], ['연령', 'number']),
			custom: custom(' visits ', 'points'),
		};
		expect(buildSchema(input)).toEqual({
			schema: { 성별: 'string', 연령: 'number', visits: 'number', points: 'number' },
		});
		const built = buildSchema({ fixed: fixed(['연령', 'number']), custom: custom('b', 'a') });
		expect('schema' in built && Object.keys(built.schema)).toEqual(['연령', 'b', 'a']);
	});

	it('30 items are allowed, 31 are not', () => {
		const all = kakaoDocs.FIXED_SCHEMA_KEYS.map((key): [string, string] => [key, 'string']);
		const thirty = buildSchema({ fixed: fixed(...all), custom: many(20) });
		expect('schema' in thirty && Object.keys(thirty.schema)).toHaveLength(30);
		expect(buildSchema({ fixed: fixed(...all), custom: many(21) })).toEqual(TOO_MANY);
		expect(buildSchema({ fixed: [], custom: many(31) })).toEqual(TOO_MANY);
	});

	const customOnly = (...keys: string[]) => ({ fixed: [], custom: custom(...keys) });
	const fixedOnly = (...fields: Array<[string, string]>) => ({
		fixed: fixed(...fields),
		custom: [],
	});
	it.each<[string, Parameters<typeof buildSchema>[0], string]>([
		['reserved 앱유저아이디', customOnly('앱유저아이디'), reserved('앱유저아이디')],
		['reserved 전화번호 (padded)', customOnly(' 전화번호 '), reserved('전화번호')],
		[
			'an unknown fixed key',
			fixedOnly(['birthday', 'string']),
			'"birthday" is not one of Kakao\'s fixed schema keys',
		],
		[
			'a bad type',
			fixedOnly(['연령', 'boolean']),
			'The type of "연령" must be string or number, not "boolean"',
		],
		[
			'a fixed key twice',
			fixedOnly(['연령', 'number'], ['연령', 'string']),
			'The key "연령" is listed twice',
		],
		['a custom key twice', customOnly('a', 'a '), 'The key "a" is listed twice'],
		[
			'a fixed key as custom',
			customOnly('포인트'),
			'"포인트" is a fixed key: add it under Fixed Fields instead',
		],
		['a custom key with no name', customOnly('  '), 'A custom field has an empty name'],
		[
			'a custom key that is undefined',
			{ fixed: [], custom: [{ key: undefined as never }] },
			'A custom field has an empty name',
		],
		['nothing', customOnly(), 'The schema needs at least one field'],
	])('%s is refused', (_name, input, error) => {
		expect(buildSchema(input)).toEqual({ error });
	});
});

describe('parseSchemaString', () => {
	it("parses Kakao's JSON string, and keeps an object as it is", () => {
		const parsed = parseSchemaString('{"birthday":"string","age":"number"}');
		expect(parsed).toEqual({ birthday: 'string', age: 'number' });
		const schema = { 연령: 'number' };
		expect(parseSchemaString(schema)).toBe(schema);
	});

	it.each(['not json', '[1,2]', '"text"', '42', 'null'])('keeps %j as text', (input) => {
		expect(parseSchemaString(input)).toBe(input);
	});

	it.each([undefined, null, ''])('%j is null', (input) => {
		expect(parseSchemaString(input)).toBeNull();
	});
});

describe('toFieldValue', () => {
	it.each<[unknown, unknown]>([
		['36', 36],
		[' 36 ', 36],
		['-5', -5],
		['3.25', 3.25],
		['007', 7],
		[36, 36],
		[0, 0],
		[true, true],
		[null, null],
		['1990-01-01', '1990-01-01'],
		['남자', '남자'],
		[' 남자 ', '남자'],
		['1e3', '1e3'],
		['12,000', '12,000'],
		['', ''],
		[undefined, ''],
		['.5', '.5'],
		['1.50', 1.5],
		['-0', -0],
		['0.30000000000000004', 0.30000000000000004],
		['9007199254740991', 9007199254740991],
		['9007199254740992', 9007199254740992],
		['-9007199254740991', -9007199254740991],
		['0.0000001', 1e-7],
		['123456789012345.6', 123456789012345.6],
		[9007199254740991, 9007199254740991],
		[0.1, 0.1],
	])('%j -> %j', (input, expected) => {
		expect(toFieldValue(input)).toStrictEqual({ value: expected });
	});

	const inexact = (text: string, sent: string) =>
		`${text} has more digits than a number keeps (it would be sent as ${sent})`;
	it.each<[unknown, string]>([
		['12345678901234567890', inexact('12345678901234567890', '12345678901234567000')],
		['9007199254740993', inexact('9007199254740993', '9007199254740992')],
		['0.3000000000000000444', inexact('0.3000000000000000444', '0.30000000000000004')],
		['-1234567890.12345678901', inexact('-1234567890.12345678901', '-1234567890.1234567')],
		// eslint-disable-next-line no-loss-of-precision -- on purpose: a number that lost digits upstream
		[12345678901234567890, '12345678901234567000 is beyond 2^53, where digits were already lost'],
		[Number.NaN, 'NaN is not a number Kakao can take'],
		[Number.POSITIVE_INFINITY, 'Infinity is not a number Kakao can take'],
	])('%j is refused: %s', (input, problem) => {
		expect(toFieldValue(input)).toEqual({ problem });
	});
});
