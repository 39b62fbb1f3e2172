import crypto = require('crypto');

import {
	VERIFY_FAILURES,
	verifyAuthorization,
} from '../../../../nodes/KakaoChannelTrigger/webhook/verify';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

// The scheme matches in any case with extra spaces; the configured key is trimmed like the
// credential does when it signs calls.
it.each([
	[`KakaoAK ${KEY}`, KEY],
	[`kakaoak ${KEY}`, KEY],
	[`KAKAOAK    ${KEY}  `, KEY],
	[`KakaoAK\t${KEY}`, KEY],
	[`KakaoAK ${KEY}`, `  ${KEY}\n`],
])('accepts %j for the admin key %j', (header, configured) => {
	expect(verifyAuthorization(header, configured)).toEqual({ ok: true });
});

describe('fails closed when the credential has no admin key', () => {
	it.each([
		['undefined', undefined],
		['null', null],
		['empty', ''],
		['blank', '   '],
		['a number', 12345],
		['an object', { adminKey: KEY }],
	])('%s', (_label, configured) => {
		// Even a header that would match the "empty" key is refused.
		for (const header of [`KakaoAK ${KEY}`, 'KakaoAK ', 'KakaoAK', undefined]) {
			expect(verifyAuthorization(header, configured)).toEqual({
				ok: false,
				reason: VERIFY_FAILURES.noAdminKey,
			});
		}
	});
});

const { missingHeader, wrongScheme, wrongKey } = VERIFY_FAILURES;
it.each([
	['a missing header (undefined)', undefined, missingHeader],
	['a missing header (empty)', '', missingHeader],
	['a missing header (blank)', '   ', missingHeader],
	['a missing header (an array)', [`KakaoAK ${KEY}`], missingHeader],
	['a missing header (a number)', 42, missingHeader],
	['a wrong scheme (Bearer)', `Bearer ${KEY}`, wrongScheme],
	['a wrong scheme (Basic)', `Basic ${Buffer.from(`x:${KEY}`).toString('base64')}`, wrongScheme],
	['a wrong scheme (the bare key)', KEY, wrongScheme],
	['a wrong scheme (KakaoAK glued to the key)', `KakaoAK${KEY}`, wrongScheme],
	['a wrong scheme (a look-alike scheme)', `KakaoAKK ${KEY}`, wrongScheme],
	['a wrong key (another key)', 'KakaoAK ffffffffffffffffffffffffffffffff', wrongKey],
	['a wrong key (a prefix of the key)', `KakaoAK ${KEY.slice(0, 10)}`, wrongKey],
	['a wrong key (the key plus a character)', `KakaoAK ${KEY}0`, wrongKey],
	['a wrong key (the key in other case)', `KakaoAK ${KEY.toUpperCase()}`, wrongKey],
	['a wrong key (the REST API key style)', 'KakaoAK rest-api-key-not-admin', wrongKey],
	['a wrong key (nothing after the scheme)', 'KakaoAK ', wrongKey],
	['a wrong key (two keys)', `KakaoAK ${KEY} ${KEY}`, wrongKey],
])('refuses %s', (_label, header, reason) => {
	expect(verifyAuthorization(header, KEY)).toEqual({ ok: false, reason });
});

it('never puts any part of either key in the reason', () => {
	const provided = 'zz-provided-secret-zz';
	const cases: Array<[unknown, unknown]> = [
		[`KakaoAK ${provided}`, KEY],
		[`Bearer ${provided}`, KEY],
		[undefined, KEY],
		[`KakaoAK ${provided}`, ''],
	];
	for (const [header, configured] of cases) {
		const result = verifyAuthorization(header, configured);
		expect(result.ok).toBe(false);
		if (result.ok) continue;
		for (const secret of [KEY, provided]) {
			for (let i = 0; i + 6 <= secret.length; i++) {
				expect(result.reason).not.toContain(secret.slice(i, i + 6));
			}
		}
	}
});

it('compares SHA-256 digests with timingSafeEqual (equal-length buffers whatever the input)', () => {
	const spy = jest.spyOn(crypto, 'timingSafeEqual');
	try {
		verifyAuthorization('KakaoAK short', KEY);
		verifyAuthorization(`KakaoAK ${'x'.repeat(500)}`, KEY);
		verifyAuthorization(`KakaoAK ${KEY}`, KEY);
		expect(spy).toHaveBeenCalledTimes(3);
		for (const [a, b] of spy.mock.calls) {
			expect((a as Buffer).length).toBe(32);
			expect((b as Buffer).length).toBe(32);
		}
	} finally {
		spy.mockRestore();
	}
});
