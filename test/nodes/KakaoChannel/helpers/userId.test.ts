import {
	describeUserIdRule,
	normalizeAppUserId,
	normalizeUserId,
} from '../../../../nodes/KakaoChannel/helpers/userId';

it.each<[unknown, string]>([
	...['1001', ' 1001 ', '0001001', 1001].map((input): [unknown, string] => [input, '1001']),
	['1234567890123456789', '1234567890123456789'],
	['9223372036854775807', '9223372036854775807'],
	[Number.MAX_SAFE_INTEGER, String(Number.MAX_SAFE_INTEGER)],
	['0009223372036854775807', '9223372036854775807'], // the signed 64-bit limit
])('normalizeAppUserId: %j -> %s', (input, expected) => {
	expect(normalizeAppUserId(input)).toBe(expected);
});
const REFUSED: unknown[] = [
	...['0', '000', 0, '', '  ', 'abc', '12a', '-5', -5, '+5', '1.5', 1.5, '1e3', '1 001'],
	'12345678901234567890',
	'9223372036854775808', // one past the signed 64-bit limit
	'99999999999999999999',
	...[Number.MAX_SAFE_INTEGER + 2, NaN, Infinity, undefined, null, true, { id: 1 }, [1001]],
];
it.each(REFUSED.map((input) => [input]))('normalizeAppUserId: %j is refused', (input) => {
	expect(normalizeAppUserId(input)).toBeUndefined();
});
it('normalizeUserId: app IDs and phone numbers each by their own rule, with an example per user type', () => {
	expect(normalizeUserId('app', '0042')).toBe('42');
	expect(normalizeUserId('app', '010-1234-5678')).toBeUndefined();
	expect(normalizeUserId('phone', '010-1234-5678')).toBe('821012345678');
	expect(normalizeUserId('phone', '42')).toBeUndefined();
	expect(describeUserIdRule('app')).toContain('digits only');
	expect(describeUserIdRule('phone')).toContain('010-1234-5678');
});
