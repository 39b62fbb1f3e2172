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
	it.each([...COMMON_CODES, ...CHANNEL_CODES].map((code) => [code, TRANSIENT.includes(code)]))(
		'code %i has an entry with meaning and hint, transient = %s',
		(code, transient) => {
			const info = kakaoErrorInfo(code);
			expect(info).toBeDefined();
			expect(info!.meaning.length).toBeGreaterThan(3);
			expect(info!.hint.length).toBeGreaterThan(10);
			expect(info!.transient).toBe(transient);
			expect(isTransientKakaoCode(code)).toBe(transient);
		},
	);

	it('-402 names the plusfriends consent item; -10 says quota; -818 says 30', () => {
		expect(kakaoErrorInfo(-402)!.hint).toContain('plusfriends');
		expect(kakaoErrorInfo(-10)!.meaning).toContain('quota');
		expect(kakaoErrorInfo(-818)!.meaning).toContain('30');
	});

	it('unknown codes have no entry and are not transient', () => {
		expect(kakaoErrorInfo(-999)).toBeUndefined();
		expect(kakaoErrorInfo(0)).toBeUndefined();
		expect(isTransientKakaoCode(-999)).toBe(false);
		expect(isTransientKakaoCode(undefined)).toBe(false);
	});
});

describe('isTransientHttpStatus', () => {
	it.each([500, 502, 503, 599])('%i is transient', (status) => {
		expect(isTransientHttpStatus(status)).toBe(true);
	});

	it.each([400, 401, 403, 404, 429, 200, 600, 0])('%i is not', (status) => {
		expect(isTransientHttpStatus(status)).toBe(false);
	});
});

describe('parseKakaoErrorBody', () => {
	it('reads code, msg and the -402 scope lists from an object', () => {
		expect(
			parseKakaoErrorBody({
				code: -402,
				msg: 'insufficient scopes.',
				required_scopes: ['plusfriends'],
				allowed_scopes: ['profile'],
			}),
		).toEqual({
			code: -402,
			msg: 'insufficient scopes.',
			required_scopes: ['plusfriends'],
			allowed_scopes: ['profile'],
		});
	});

	it('reads a JSON string, and a code sent as text', () => {
		expect(parseKakaoErrorBody('{"msg":"x","code":"-10"}')).toEqual({
			code: -10,
			msg: 'x',
			required_scopes: undefined,
			allowed_scopes: undefined,
		});
	});

	it('keeps a non-JSON text body (cut to 300 characters) as msg', () => {
		expect(parseKakaoErrorBody('<html>503</html>')).toEqual({ msg: '<html>503</html>' });
		expect(parseKakaoErrorBody('x'.repeat(500)).msg).toHaveLength(300);
	});

	it.each([[null], [undefined], [[1, 2]], [42], ['[1]']])('%j has no code', (body) => {
		expect(parseKakaoErrorBody(body).code).toBeUndefined();
	});

	it('a non-numeric code or non-string msg is dropped', () => {
		expect(parseKakaoErrorBody({ code: 'abc', msg: 42 })).toEqual({
			code: undefined,
			msg: undefined,
			required_scopes: undefined,
			allowed_scopes: undefined,
		});
	});
});

describe('describeKakaoError', () => {
	it("names the code and its meaning; the description has the hint, Kakao's msg and the HTTP status", () => {
		expect(describeKakaoError(400, { code: -816, msg: 'invalid customer file id' })).toEqual({
			message: 'Kakao API error -816: bad or unknown customer file ID',
			description: `${kakaoErrorInfo(-816)!.hint} Kakao said: "invalid customer file id" (HTTP 400).`,
		});
	});

	it('-402 lists the required scopes', () => {
		const { message, description } = describeKakaoError(403, {
			code: -402,
			msg: 'insufficient scopes.',
			required_scopes: ['plusfriends'],
		});
		expect(message).toBe('Kakao API error -402: the user did not consent to the needed scope');
		expect(description).toContain('Required scopes: ["plusfriends"].');
		expect(description).toContain('(HTTP 403)');
	});

	it('a code without msg still gives the HTTP status', () => {
		expect(describeKakaoError(400, { code: -10 }).description).toBe(
			`${kakaoErrorInfo(-10)!.hint} HTTP 400.`,
		);
	});

	it('an unknown code is named as such', () => {
		expect(describeKakaoError(400, { code: -777, msg: 'new' })).toEqual({
			message: 'Kakao API error -777: unknown Kakao error code',
			description: 'See Kakao\'s error code reference. Kakao said: "new" (HTTP 400).',
		});
	});

	it('no code: a 5xx says Kakao or a proxy failed (the message counts the tries), anything else points at the Base URL', () => {
		expect(describeKakaoError(503, { msg: '<html>' })).toEqual({
			message: 'Kakao API answered HTTP 503',
			description: 'Kakao or a proxy in between failed. Run the workflow again later.',
		});
		expect(describeKakaoError(404, { msg: 'Not Found' })).toEqual({
			message: 'Kakao API answered HTTP 404',
			description: 'Unexpected answer: "Not Found". Check the Base URL in the credential.',
		});
	});
});
