import { normalizePhone } from '../../../../nodes/KakaoChannel/helpers/phone';

const ONE_MOBILE = [
	['010-1234-5678', '01012345678', '010 1234 5678', '010.1234.5678', '(010) 1234-5678'],
	['+82 10 1234 5678', '+82-10-1234-5678', '+821012345678', '821012345678', '82 10-1234-5678'],
	['+82 010-1234-5678', '8201012345678', '  010-1234-5678  '],
].flat();
it.each(ONE_MOBILE)('%j -> 821012345678', (input) => {
	expect(normalizePhone(input)).toBe('821012345678');
});
it.each<[string | number, string]>([
	['011-123-4567', '82111234567'],
	['016-1234-5678', '821612345678'],
	['019 123 4567', '82191234567'],
	['+82 17 123 4567', '82171234567'],
	// A number is read as its digits; one that lost its leading zero (as spreadsheets store
	// 010...) gets it back.
	[821012345678, '821012345678'],
	[1012345678, '821012345678'],
	[111234567, '82111234567'],
])('older carrier prefixes and numbers: %j -> %s', (input, expected) => {
	expect(normalizePhone(input)).toBe(expected);
});
const REFUSED: unknown[] = [
	...['02-123-4567', '031-123-4567', '012-1234-5678'], // landlines, no such mobile prefix
	...['010-1234-56', '010-1234-56789', '+1 415 555 0100'], // too short, too long, not Korean
	...['010-1234-5678 ext 2', '010/1234/5678', '+', '', '   ', '82'], // letters, other separators
	'1012345678', // leading zero lost in text: not guessed (only numbers lose it)
	21234567, // a number that is no mobile number with its zero back
	...[undefined, null, true, {}, ['01012345678']],
];
it.each(REFUSED.map((input) => [input]))('%j is refused', (input) => {
	expect(normalizePhone(input)).toBeUndefined();
});
