import {
	CHANNEL_ID_REGEX,
	CHANNEL_URL_REGEX,
	parseChannelId,
	parseChannelList,
} from '../../../nodes/shared/channel';

describe('parseChannelId', () => {
	it.each([
		['_ZeUTxl', '_ZeUTxl'],
		['  _ZeUTxl\n', '_ZeUTxl'],
		['_abc123XYZ', '_abc123XYZ'],
		['https://pf.kakao.com/_ZeUTxl', '_ZeUTxl'],
		['http://pf.kakao.com/_ZeUTxl', '_ZeUTxl'],
		['pf.kakao.com/_ZeUTxl', '_ZeUTxl'],
		['HTTPS://PF.KAKAO.COM/_ZeUTxl', '_ZeUTxl'],
		['https://pf.kakao.com/_ZeUTxl/friend', '_ZeUTxl'],
		['https://pf.kakao.com/_ZeUTxl?from=qr', '_ZeUTxl'],
		['https://pf.kakao.com/_ZeUTxl#top', '_ZeUTxl'],
	])('%j -> %s', (input, expected) => {
		expect(parseChannelId(input)).toBe(expected);
	});

	it.each([
		'ZeUTxl',
		'_',
		'_Ze-UTxl',
		'_ZeU Txl',
		'@테스트',
		'',
		'   ',
		'https://example.com/_ZeUTxl',
		'https://pf.kakao.com/ZeUTxl',
		'https://pf.kakao.com/',
		'https://evilpf.kakao.com/_ZeUTxl',
		'https://pf.kakao.com/_ZeUTxl_extra!',
		'ftp://pf.kakao.com/_ZeUTxl',
		...[undefined, null, 42, { value: '_ZeUTxl' }, ['_ZeUTxl']],
	])('%j is not a channel (nor is a non-string)', (input) => {
		expect(parseChannelId(input)).toBeUndefined();
	});
});

describe('the regexes the node description uses agree with parseChannelId', () => {
	const id = new RegExp(`^${CHANNEL_ID_REGEX}$`);
	const url = new RegExp(`^${CHANNEL_URL_REGEX}$`, 'i');

	it.each(['_ZeUTxl', '_a1'])('ID %s', (value) => {
		expect(id.test(value)).toBe(true);
		expect(parseChannelId(value)).toBe(value);
	});

	it.each(['https://pf.kakao.com/_ZeUTxl', 'pf.kakao.com/_ZeUTxl/friend'])(
		'URL %s, whose first group is the ID',
		(value) => {
			expect(url.exec(value)?.[1]).toBe('_ZeUTxl');
			expect(parseChannelId(value)).toBe('_ZeUTxl');
		},
	);

	it.each(['ZeUTxl', 'https://example.com/_ZeUTxl'])('neither: %s', (value) => {
		expect(id.test(value) || url.test(value)).toBe(false);
		expect(parseChannelId(value)).toBeUndefined();
	});
});

describe('parseChannelList', () => {
	it('splits on commas and newlines, trims, drops empties and repeats, keeps the first order', () => {
		expect(parseChannelList(' _b, https://pf.kakao.com/_a ,\n_b,, _c\n')).toEqual({
			ids: ['_b', '_a', '_c'],
			invalid: [],
		});
	});

	it('returns the bad entries as typed (trimmed)', () => {
		expect(parseChannelList('_a, nope , @테스트, _a')).toEqual({
			ids: ['_a'],
			invalid: ['nope', '@테스트'],
		});
	});

	it('takes an array too', () => {
		expect(parseChannelList(['_a', ' pf.kakao.com/_b ', 'x'])).toEqual({
			ids: ['_a', '_b'],
			invalid: ['x'],
		});
	});

	it.each(['', undefined, null, '  ,  ,\n'])('%j is an empty list', (input) => {
		expect(parseChannelList(input)).toEqual({ ids: [], invalid: [] });
	});
});
