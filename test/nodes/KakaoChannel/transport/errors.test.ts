import {
	describeKakaoError,
	isTransientHttpStatus,
	isTransientKakaoCode,
	kakaoErrorInfo,
	parseKakaoErrorBody,
} from '../../../../nodes/KakaoChannel/transport/errors';

// The codes in docs/kakao-api.md#error-codes (common table, then the Talk Channel table); the
// transient ones are retried.
const COMMON_CODES = [-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -401, -402, -501];
const CHANNEL_CODES = [-9798, -541, -544, -815, -816, -817, -818, -819];
const TRANSIENT = [-1, -7, -9798, -815];

describe('kakaoErrorInfo', () => {
	const CODES = [...COMMON_CODES, ...CHANNEL_CODES];
	it.each(CODES)('code %i has an entry with meaning and hint, transient if listed', (code) => {
		const info = kakaoErrorInfo(code);
		const transient = TRANSIENT.includes(code);
		expect(info).toBeDefined();
		expect(info!.meaning.length).toBeGreaterThan(3);
		expect(info!.hint.length).toBeGreaterThan(10);
		expect(info!.transient).toBe(transient);
		expect(isTransientKakaoCode(code)).toBe(transient);
	});
	it('-402 names the plusfriends consent item; -10 says quota; -818 says 30; unknown codes have no entry and are not transient', () => {
		expect(kakaoErrorInfo(-402)!.hint).toContain('plusfriends');
		expect(kakaoErrorInfo(-10)!.meaning).toContain('quota');
		expect(kakaoErrorInfo(-818)!.meaning).toContain('30');
		expect(kakaoErrorInfo(-999)).toBeUndefined();
		expect(kakaoErrorInfo(0)).toBeUndefined();
		expect(isTransientKakaoCode(-999)).toBe(false);
		expect(isTransientKakaoCode(undefined)).toBe(false);
	});
});
const TRANSIENT_STATUSES = [500, 502, 503, 599];
const STATUSES = [...TRANSIENT_STATUSES, 400, 401, 403, 404, 429, 200, 600, 0];
it.each(STATUSES)('isTransientHttpStatus: HTTP %i is transient only if 5XX', (status) => {
	expect(isTransientHttpStatus(status)).toBe(TRANSIENT_STATUSES.includes(status));
});

describe('parseKakaoErrorBody', () => {
	const FIELDS = ['code', 'msg', 'required_scopes', 'allowed_scopes'];
	const none = Object.fromEntries(FIELDS.map((field) => [field, undefined]));
	const SCOPES = { required_scopes: ['plusfriends'], allowed_scopes: ['profile'] };
	const SCOPED = { code: -402, msg: 'insufficient scopes.', ...SCOPES };
	type Row = [string, unknown, object];
	it.each<Row>([
		['an object: code, msg and the -402 scope lists', SCOPED, SCOPED],
		['JSON text with a text code', '{"msg":"x","code":"-10"}', { ...none, code: -10, msg: 'x' }],
		['a non-JSON text body: kept as msg', '<html>503</html>', { msg: '<html>503</html>' }],
		['a long text body: msg cut to 300 characters', 'x'.repeat(500), { msg: 'x'.repeat(300) }],
		['a non-numeric code or non-string msg: dropped', { code: 'abc', msg: 42 }, none],
		...[null, undefined, [1, 2], 42, '[1]'].map(
			(body): Row => [`${JSON.stringify(body)}: no code`, body, {}],
		),
	])('%s', (_name, body, parsed) => {
		expect(parseKakaoErrorBody(body)).toEqual(parsed);
	});
});

describe('describeKakaoError', () => {
	const hint = (code: number) => kakaoErrorInfo(code)!.hint;
	it.each<[string, number, Parameters<typeof describeKakaoError>[1], string, string]>([
		[
			"the code and its meaning; the hint, Kakao's msg and the HTTP status",
			400,
			{ code: -816, msg: 'invalid customer file id' },
			'Kakao API error -816: bad or unknown customer file ID',
			`${hint(-816)} Kakao said: "invalid customer file id" (HTTP 400).`,
		],
		[
			'-402 lists the required scopes',
			403,
			{ code: -402, msg: 'insufficient scopes.', required_scopes: ['plusfriends'] },
			'Kakao API error -402: the user did not consent to the needed scope',
			`${hint(-402)} Required scopes: ["plusfriends"]. Kakao said: "insufficient scopes." (HTTP 403).`,
		],
		[
			'a code without msg still gives the HTTP status',
			400,
			{ code: -10 },
			'Kakao API error -10: quota exceeded',
			`${hint(-10)} HTTP 400.`,
		],
		[
			'an unknown code is named as such',
			400,
			{ code: -777, msg: 'new' },
			'Kakao API error -777: unknown Kakao error code',
			'See Kakao\'s error code reference. Kakao said: "new" (HTTP 400).',
		],
		[
			'no code, a 5xx: Kakao or a proxy failed',
			503,
			{ msg: '<html>' },
			'Kakao API answered HTTP 503',
			'Kakao or a proxy in between failed. Run the workflow again later.',
		],
		[
			'no code, anything else: points at the Base URL',
			404,
			{ msg: 'Not Found' },
			'Kakao API answered HTTP 404',
			'Unexpected answer: "Not Found". Check the Base URL in the credential.',
		],
	])('%s', (_name, status, body, message, description) => {
		expect(describeKakaoError(status, body)).toEqual({ message, description });
	});
});
