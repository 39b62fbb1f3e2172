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

type Field = [string, string];
const fixed = (...fields: Field[]) => fields.map(([key, type]) => ({ key, type }));
const custom = (...keys: string[]) => keys.map((key) => ({ key }));
const many = (count: number) => custom(...Array.from({ length: count }, (_, k) => `c${k}`));
const reserved = (key: string) =>
	`A custom field may not be named "${key}" (Kakao reserves 앱유저아이디 and 전화번호)`;
const TOO_MANY = { error: 'The schema has 31 fields; Kakao allows at most 30' };
it('constants match the Kakao docs: the ten supported Korean keys, 30 items at most, 앱유저아이디 and 전화번호 reserved', () => {
	expect(FIXED_SCHEMA_KEYS.map((entry) => entry.key)).toEqual(kakaoDocs.FIXED_SCHEMA_KEYS);
	expect(kakaoDocs.FIXED_SCHEMA_KEYS).toHaveLength(10);
	expect([MAX_SCHEMA_ITEMS, kakaoDocs.MAX_SCHEMA_ITEMS]).toEqual([30, 30]);
	expect(RESERVED_CUSTOM_KEYS).toEqual(['앱유저아이디', '전화번호']);
	expect(kakaoDocs.RESERVED_CUSTOM_KEYS).toEqual(RESERVED_CUSTOM_KEYS);
});

describe('buildSchema', () => {
	it('fixed keys keep their type; custom keys are numbers; order is kept', () => {
		const input = {
			fixed: fixed(['성별', 'string'], ['연령', 'number']),
			custom: custom(' visits ', 'points'),
		};
		const schema = { 성별: 'string', 연령: 'number', visits: 'number', points: 'number' };
		expect(buildSchema(input)).toEqual({ schema });
		const built = buildSchema({ fixed: fixed(['연령', 'number']), custom: custom('b', 'a') });
		expect('schema' in built && Object.keys(built.schema)).toEqual(['연령', 'b', 'a']);
	});
	it('a custom key named like a built-in property (constructor, __proto__) is a key like any other', () => {
		const built = buildSchema({
			fixed: [],
			custom: custom('constructor', '__proto__', 'toString'),
		});
		expect('schema' in built && JSON.stringify(built.schema)).toBe(
			'{"constructor":"number","__proto__":"number","toString":"number"}',
		);
	});
	it('30 items are allowed, 31 are not', () => {
		const all = kakaoDocs.FIXED_SCHEMA_KEYS.map((key): Field => [key, 'string']);
		const thirty = buildSchema({ fixed: fixed(...all), custom: many(20) });
		expect('schema' in thirty && Object.keys(thirty.schema)).toHaveLength(30);
		expect(buildSchema({ fixed: fixed(...all), custom: many(21) })).toEqual(TOO_MANY);
		expect(buildSchema({ fixed: [], custom: many(31) })).toEqual(TOO_MANY);
	});
	type Input = Parameters<typeof buildSchema>[0];
	const customOnly = (...keys: string[]): Input => ({ fixed: [], custom: custom(...keys) });
	const fixedOnly = (...fields: Field[]): Input => ({ fixed: fixed(...fields), custom: [] });
	const EMPTY = 'A custom field has an empty name';
	it.each<[Input, string]>([
		[customOnly('앱유저아이디'), reserved('앱유저아이디')],
		[customOnly(' 전화번호 '), reserved('전화번호')],
		[fixedOnly(['birthday', 'string']), '"birthday" is not one of Kakao\'s fixed schema keys'],
		[fixedOnly(['연령', 'boolean']), 'The type of "연령" must be string or number, not "boolean"'],
		[fixedOnly(['연령', 'number'], ['연령', 'string']), 'The key "연령" is listed twice'],
		[customOnly('a', 'a '), 'The key "a" is listed twice'],
		[customOnly('포인트'), '"포인트" is a fixed key: add it under Fixed Fields instead'],
		[customOnly('  '), EMPTY],
		[{ fixed: [], custom: [{ key: undefined as never }] }, EMPTY],
		[customOnly(), 'The schema needs at least one field'],
	])('%j is refused: %s', (input, error) => {
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
	const NUMBERS = ['36', ' 36 ', '-5', '3.25', '007', '1.50', '-0', '0.30000000000000004'];
	const BIG = ['9007199254740991', '9007199254740992', '-9007199254740991', '123456789012345.6'];
	const KEPT = [36, 0, true, null, 9007199254740991, 0.1, '1990-01-01', '남자', '1e3', '12,000'];
	it.each<[unknown, unknown]>([
		...[...NUMBERS, ...BIG, '0.0000001'].map((text): [unknown, unknown] => [text, Number(text)]),
		...[...KEPT, '', '.5'].map((value): [unknown, unknown] => [value, value]),
		[' 남자 ', '남자'],
		[undefined, ''],
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
