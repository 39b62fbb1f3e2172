import crypto = require('crypto');

import {
	VERIFY_FAILURES,
	verifyAuthorization,
} from '../../../../nodes/KakaoChannelTrigger/webhook/verify';

const KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('verifyAuthorization', () => {
	it('accepts "KakaoAK <admin key>"', () => {
		expect(verifyAuthorization(`KakaoAK ${KEY}`, KEY)).toEqual({ ok: true });
	});

	it('matches the scheme case-insensitively and tolerates extra spaces', () => {
		expect(verifyAuthorization(`kakaoak ${KEY}`, KEY)).toEqual({ ok: true });
		expect(verifyAuthorization(`KAKAOAK    ${KEY}  `, KEY)).toEqual({ ok: true });
		expect(verifyAuthorization(`KakaoAK\t${KEY}`, KEY)).toEqual({ ok: true });
	});

	it('trims the configured key like the credential does when it signs calls', () => {
		expect(verifyAuthorization(`KakaoAK ${KEY}`, `  ${KEY}\n`)).toEqual({ ok: true });
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

	it.each([
		['undefined', undefined],
		['empty', ''],
		['blank', '   '],
		['an array', [`KakaoAK ${KEY}`]],
		['a number', 42],
	])('refuses a missing Authorization header (%s)', (_label, header) => {
		expect(verifyAuthorization(header, KEY)).toEqual({
			ok: false,
			reason: VERIFY_FAILURES.missingHeader,
		});
	});

	it.each([
		['Bearer', `Bearer ${KEY}`],
		['Basic', `Basic ${Buffer.from(`x:${KEY}`).toString('base64')}`],
		['the bare key', KEY],
		['KakaoAK glued to the key', `KakaoAK${KEY}`],
		['a look-alike scheme', `KakaoAKK ${KEY}`],
	])('refuses a wrong scheme (%s)', (_label, header) => {
		expect(verifyAuthorization(header, KEY)).toEqual({
			ok: false,
			reason: VERIFY_FAILURES.wrongScheme,
		});
	});

	it.each([
		['another key', 'ffffffffffffffffffffffffffffffff'],
		['a prefix of the key', KEY.slice(0, 10)],
		['the key plus a character', `${KEY}0`],
		['the key in other case', KEY.toUpperCase()],
		['the REST API key style', 'rest-api-key-not-admin'],
		['nothing after the scheme', ''],
		['two keys', `${KEY} ${KEY}`],
	])('refuses a wrong key (%s)', (_label, provided) => {
		expect(verifyAuthorization(`KakaoAK ${provided}`, KEY)).toEqual({
			ok: false,
			reason: VERIFY_FAILURES.wrongKey,
		});
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
});
