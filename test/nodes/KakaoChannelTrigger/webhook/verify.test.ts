import crypto = require('crypto');

import {
	VERIFY_FAILURES,
	verifyAuthorization,
} from '../../../../nodes/KakaoChannelTrigger/webhook/verify';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

// The scheme matches in any case with extra spaces; the configured key is trimmed like the
// credential does when it signs calls.
const spellings = [`KakaoAK ${KEY}`, `kakaoak ${KEY}`, `KAKAOAK    ${KEY}  `, `KakaoAK\t${KEY}`];
const accepted = [...spellings.map((header) => [header, KEY]), [`KakaoAK ${KEY}`, `  ${KEY}\n`]];
it.each(accepted)('accepts %j for the admin key %j', (header, configured) => {
	expect(verifyAuthorization(header, configured)).toEqual({ ok: true });
});

const { missingHeader, wrongScheme, wrongKey, noAdminKey } = VERIFY_FAILURES;
// Even a header that would match the "empty" key is refused.
const noKeys = [undefined, null, '', '   ', 12345, { adminKey: KEY }];
it.each(noKeys)('fails closed when the configured admin key is %p', (configured) => {
	for (const header of [`KakaoAK ${KEY}`, 'KakaoAK ', 'KakaoAK', undefined])
		expect(verifyAuthorization(header, configured)).toEqual({ ok: false, reason: noAdminKey });
});

const basic = `Basic ${Buffer.from(`x:${KEY}`).toString('base64')}`;
// wrong schemes: Bearer, Basic, the bare key, KakaoAK glued to the key, a look-alike scheme;
// wrong keys: another, a prefix, one character more, other case, a REST API key, none, two keys
const otherKeys = ['f'.repeat(32), KEY.slice(0, 10), `${KEY}0`, KEY.toUpperCase()];
it.each([
	...[undefined, '', '   ', [`KakaoAK ${KEY}`], 42].map((header) => [header, missingHeader]),
	...[`Bearer ${KEY}`, basic, KEY, `KakaoAK${KEY}`, `KakaoAKK ${KEY}`].map((h) => [h, wrongScheme]),
	...[...otherKeys, 'rest-api-key-not-admin', '', `${KEY} ${KEY}`].map((key) => [
		`KakaoAK ${key}`,
		wrongKey,
	]),
])('refuses %p: %s', (header, reason) => {
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
