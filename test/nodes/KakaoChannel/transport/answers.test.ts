import { ANSWERS, readAnswer } from '../../../../nodes/KakaoChannel/transport/answers';
import { parseJsonExact } from '../../../../nodes/KakaoChannel/transport/exactJson';

describe('parseJsonExact', () => {
	const BIG_AND_SAFE = '{"big":-9007199254740993,"safe":9007199254740991}';
	const QUOTED = '{"q":"a \\" 12345678901234567890 b","x":12345678901234567890}';
	it.each([
		['{"user_id":9223372036854775807}', { user_id: '9223372036854775807' }],
		['[{"user_id":9223372036854775806,"n":1001}]', [{ user_id: '9223372036854775806', n: 1001 }]],
		[BIG_AND_SAFE, { big: '-9007199254740993', safe: 9007199254740991 }],
		[
			'{"s":"9223372036854775807 in a string","e":1.5e300,"f":12345678901234567.5}',
			// eslint-disable-next-line no-loss-of-precision -- on purpose: the value a plain JSON.parse gives
			{ s: '9223372036854775807 in a string', e: 1.5e300, f: 12345678901234567.5 },
		],
		[QUOTED, { q: 'a " 12345678901234567890 b', x: '12345678901234567890' }],
	])('%s', (text, value) => {
		expect(parseJsonExact(text)).toEqual(value);
	});
	it('throws like JSON.parse on broken text, with or without long numbers', () => {
		expect(() => parseJsonExact('{"user_id":1234567890123456789,"ch')).toThrow(SyntaxError);
		expect(() => parseJsonExact('{"a":')).toThrow(SyntaxError);
	});
});

describe('readAnswer', () => {
	const shape = (detail: string) => ({
		problem: `JSON of an unexpected shape (${detail})`,
		hint: expect.any(String),
	});
	const NO_FILE_ID = 'JSON of an unexpected shape (no integer file_id)';
	it.each([
		['', 'an empty body'],
		['   ', 'an empty body'],
		['<html><body>Login</body></html>', 'an HTML page instead of JSON'],
		['{"file_id":4', 'cut-off or broken JSON'],
		['[{"user_id":1001,', 'cut-off or broken JSON'],
		['OK', 'a body that is not JSON'],
		['{"file_id":"437"}', NO_FILE_ID],
		['{"id":437}', NO_FILE_ID],
	])('createdFile: %j -> %s', (text, problem) => {
		expect(readAnswer(text, ANSWERS.createdFile)).toEqual({ problem, hint: expect.any(String) });
	});
	const MAYBE = '[{"user_id":1,"channels":[{"channel_public_id":"_a","relation":"MAYBE"}]}]';
	const STATUS_5 = '{"results":[{"file_id":1,"file_name":"a","status":5}]}';
	const TEXT_ID = '{"request_count":1,"success_count":1,"file_id":"x"}';
	const DATE_7 =
		'{"user_id":1,"channels":[{"channel_public_id":"_a","relation":"ADDED","created_at":7}]}';
	it.each<[keyof typeof ANSWERS, string, string]>([
		['relations', '{}', 'the answer is not a list'],
		['relations', '[{"user_id":1001}]', 'entry 0.channels is not a list'],
		['relations', '[{"user_id":"x","channels":[]}]', 'entry 0.user_id is not an integer ID'],
		['relations', MAYBE, 'entry 0.channels[0].relation is not ADDED, BLOCKED or NONE'],
		['fileList', '{"results":[{"file_id":1}]}', 'results[0] has no file_name'],
		['fileList', STATUS_5, 'results[0].status is not text'],
		['fileList', '{"results":[],"empty_slot":-1}', 'empty_slot or using_slot is not a count'],
		['addedUsers', '{"file_id":437}', 'no request_count and success_count'],
		['addedUsers', '{"request_count":1,"success_count":2}', 'success_count is above request_count'],
		['addedUsers', TEXT_ID, 'file_id is not an integer'],
		['relation', DATE_7, 'the answer.channels[0].created_at is not text'],
	])('%s: %s -> %s', (name, text, detail) => {
		expect(readAnswer(text, ANSWERS[name])).toEqual(shape(detail));
	});
	it('reads valid answers, big IDs as text', () => {
		const channels = [{ channel_public_id: '_a', relation: 'ADDED' }];
		const text = `[{"user_id":9223372036854775807,"channels":${JSON.stringify(channels)}}]`;
		const value = [{ user_id: '9223372036854775807', channels }];
		expect(readAnswer(text, ANSWERS.relations)).toEqual({ value });
		const counts = { file_id: 437, request_count: 2, success_count: 1 };
		expect(readAnswer(JSON.stringify(counts), ANSWERS.addedUsers)).toEqual({ value: counts });
		const files = { results: [], empty_slot: 30, using_slot: 0 };
		expect(readAnswer(JSON.stringify(files), ANSWERS.fileList)).toEqual({ value: files });
	});
	it("delete: an empty body (Kakao's answer) or an empty JSON object is success, nothing else", () => {
		const read = (text: string) => readAnswer(text, ANSWERS.deletedUsers);
		expect([read(''), read(' {} ')]).toEqual([{ value: undefined }, { value: undefined }]);
		expect(read('<html></html>')).toMatchObject({ problem: 'an HTML page instead of JSON' });
		for (const text of ['[1]', '{"error":"upstream down"}', '{"result":"ok"}', 'null', '0'])
			expect(read(text)).toMatchObject({ problem: 'a body where none was expected' });
	});
	const NAMES = Object.keys(ANSWERS) as Array<keyof typeof ANSWERS>;
	it.each(NAMES)("%s: a 2XX with Kakao's {code, msg} is Kakao refusing with that code", (name) => {
		const kakaoError = { code: -816, msg: 'invalid file id' };
		expect(readAnswer(JSON.stringify(kakaoError), ANSWERS[name])).toEqual({ kakaoError });
		expect(readAnswer('{"code":-1}', ANSWERS[name])).toEqual({ kakaoError: { code: -1 } });
	});
	it.each([
		['a positive code', '{"code":200,"msg":"ok"}'],
		['a code that is text', '{"code":"-816","msg":"x"}'],
		['a msg that is not text', '{"code":-816,"msg":{"a":1}}'],
	])('a body with %s is not a Kakao error: it is the wrong shape', (_name, text) => {
		expect(readAnswer(text, ANSWERS.createdFile)).toMatchObject({ problem: NO_FILE_ID });
	});
});
