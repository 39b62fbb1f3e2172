import {
	CHANNEL_ID_REGEX,
	CHANNEL_URL_REGEX,
	parseChannelId,
	parseChannelList,
} from '../../../nodes/shared/channel';

describe('parseChannelId', () => {
	const FORMS = [
		['_ZeUTxl', '  _ZeUTxl\n', 'https://pf.kakao.com/_ZeUTxl', 'http://pf.kakao.com/_ZeUTxl'],
		['pf.kakao.com/_ZeUTxl', 'HTTPS://PF.KAKAO.COM/_ZeUTxl', 'https://pf.kakao.com/_ZeUTxl/friend'],
		['https://pf.kakao.com/_ZeUTxl?from=qr', 'https://pf.kakao.com/_ZeUTxl#top'],
	].flat();
	const READ = [...FORMS.map((form) => [form, '_ZeUTxl']), ['_abc123XYZ', '_abc123XYZ']];
	it.each(READ)('%j -> %s', (input, expected) => {
		expect(parseChannelId(input)).toBe(expected);
	});
	it.each([
		...['ZeUTxl', '_', '_Ze-UTxl', '_ZeU Txl', '@테스트', '', '   ', 'https://example.com/_ZeUTxl'],
		...['https://pf.kakao.com/ZeUTxl', 'https://pf.kakao.com/', 'https://evilpf.kakao.com/_ZeUTxl'],
		...['https://pf.kakao.com/_ZeUTxl_extra!', 'ftp://pf.kakao.com/_ZeUTxl'],
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
	const URLS = ['https://pf.kakao.com/_ZeUTxl', 'pf.kakao.com/_ZeUTxl/friend'];
	it.each(URLS)('URL %s, whose first group is the ID', (value) => {
		expect(url.exec(value)?.[1]).toBe('_ZeUTxl');
		expect(parseChannelId(value)).toBe('_ZeUTxl');
	});
	it.each(['ZeUTxl', 'https://example.com/_ZeUTxl'])('neither: %s', (value) => {
		expect(id.test(value) || url.test(value)).toBe(false);
		expect(parseChannelId(value)).toBeUndefined();
	});
});

describe('parseChannelList', () => {
	const list = (ids: string[], invalid: string[] = []) => ({ ids, invalid });
	const ORDER =
		'splits on commas and newlines, trims, drops empties and repeats, keeps the first order';
	const BAD = ['nope', '@테스트'];
	it.each<[string, unknown, object]>([
		[ORDER, ' _b, https://pf.kakao.com/_a ,\n_b,, _c\n', list(['_b', '_a', '_c'])],
		['bad entries returned as typed (trimmed)', '_a, nope , @테스트, _a', list(['_a'], BAD)],
		['takes an array too', ['_a', ' pf.kakao.com/_b ', 'x'], list(['_a', '_b'], ['x'])],
		...['', undefined, null, '  ,  ,\n'].map((input): [string, unknown, object] => [
			`${JSON.stringify(input)} is an empty list`,
			input,
			list([]),
		]),
	])('%s', (_name, input, parsed) => {
		expect(parseChannelList(input)).toEqual(parsed);
	});
});
