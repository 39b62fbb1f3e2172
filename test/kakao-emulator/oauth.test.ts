import { useKakaoEmulator } from '../support/emulator';
import { bearer, call, expectKakaoError } from './test-helpers';

const REDIRECT = 'https://n8n.example.com/rest/oauth2-credential/callback';
const SECRET = 'login-secret';
const FORM = 'application/x-www-form-urlencoded;charset=utf-8';

// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
		emu.addUser({ id: '1001', relations: { _ZeUTxl: { relation: 'ADDED' } } });
		emu.configureLogin({ userId: '1001', redirectUris: [REDIRECT], clientSecret: SECRET });
	},
});

const authorize = (query: Record<string, string>) =>
	call(emu, 'GET', '/oauth/authorize', {
		query: {
			client_id: emu.restApiKey,
			redirect_uri: REDIRECT,
			response_type: 'code',
			scope: 'plusfriends',
			state: 's1',
			...query,
		},
	});
const tokenCall = (form: Record<string, string>, contentType = FORM) =>
	call(emu, 'POST', '/oauth/token', {
		body: new URLSearchParams({
			client_id: emu.restApiKey,
			client_secret: SECRET,
			...form,
		}).toString(),
		contentType,
	});

async function codeFor(query: Record<string, string> = {}): Promise<string> {
	const r = await authorize(query);
	expect(r.status).toBe(302);
	const location = new URL(String(r.headers.location));
	expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
	expect(location.searchParams.get('state')).toBe('s1');
	return location.searchParams.get('code') as string;
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
	tokenCall({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...extra });
const relation = (token: string) =>
	call(emu, 'GET', '/v2/api/talk/channels', {
		auth: bearer(token),
		query: { channel_ids: '_ZeUTxl' },
	});

describe('Kakao Login: authorization code', () => {
	test('code -> tokens -> the relation check as that user', async () => {
		const r = await exchange(await codeFor());
		expect(r.status).toBe(200);
		expect(r.json).toEqual({
			token_type: 'bearer',
			access_token: expect.any(String),
			expires_in: 21599,
			refresh_token: expect.any(String),
			refresh_token_expires_in: 5183999,
			scope: 'plusfriends',
		});
		const check = await relation(r.json.access_token);
		expect(check.status).toBe(200);
		expect(check.json.channels[0]).toMatchObject({
			channel_public_id: '_ZeUTxl',
			relation: 'ADDED',
		});
	});

	test('a code works once (KOE320), and only with the redirect URI it was issued for (KOE303)', async () => {
		const code = await codeFor();
		expect((await exchange(code)).status).toBe(200);
		const again = await exchange(code);
		expect([again.status, again.json.error, again.json.error_code]).toEqual([
			400,
			'invalid_grant',
			'KOE320',
		]);
		const other = await exchange(await codeFor(), {
			redirect_uri: 'https://elsewhere.example.com/cb',
		});
		expect([other.status, other.json.error, other.json.error_code]).toEqual([
			400,
			'invalid_grant',
			'KOE303',
		]);
	});

	test('wrong client_id (KOE101) or client secret (KOE010); unknown grant; not a form', async () => {
		const code = await codeFor();
		const badId = await exchange(code, { client_id: 'not-the-rest-key' });
		expect([badId.status, badId.json.error, badId.json.error_code]).toEqual([
			401,
			'invalid_client',
			'KOE101',
		]);
		const badSecret = await exchange(code, { client_secret: 'wrong' });
		expect([badSecret.status, badSecret.json.error, badSecret.json.error_code]).toEqual([
			401,
			'invalid_client',
			'KOE010',
		]);
		const grant = await tokenCall({ grant_type: 'password' });
		expect([grant.status, grant.json.error]).toEqual([400, 'unsupported_grant_type']);
		const json = await call(emu, 'POST', '/oauth/token', {
			json: { grant_type: 'authorization_code', code },
		});
		expect([json.status, json.json.error]).toEqual([400, 'invalid_request']);
	});

	test('authorize: unknown app key (KOE101) or unregistered redirect URI (KOE006) get an error page, no redirect', async () => {
		const badKey = await authorize({ client_id: 'nope' });
		expect([badKey.status, badKey.headers.location, badKey.text.includes('KOE101')]).toEqual([
			400,
			undefined,
			true,
		]);
		const badUri = await authorize({ redirect_uri: 'https://evil.example.com/cb' });
		expect([badUri.status, badUri.headers.location, badUri.text.includes('KOE006')]).toEqual([
			400,
			undefined,
			true,
		]);
	});

	test('a user who cancels is sent back with error=access_denied and no code', async () => {
		emu.configureLogin({ userId: '1001', redirectUris: [REDIRECT], deny: true });
		const r = await authorize({});
		const location = new URL(String(r.headers.location));
		expect([
			r.status,
			location.searchParams.get('error'),
			location.searchParams.get('code'),
			location.searchParams.get('state'),
		]).toEqual([302, 'access_denied', null, 's1']);
	});

	test('a scope the user did not consent to is not granted: the relation check answers -402', async () => {
		emu.configureLogin({
			userId: '1001',
			redirectUris: [REDIRECT],
			clientSecret: SECRET,
			consent: ['profile_nickname'],
		});
		const r = await exchange(await codeFor());
		expect(r.json.scope).toBe('');
		expectKakaoError(await relation(r.json.access_token), 403, -402);
	});
});

describe('Kakao Login: expiry and refresh', () => {
	test('an expired access token gets -401; the refresh token gives a new one that works', async () => {
		const first = (await exchange(await codeFor())).json;
		emu.expireLoginTokens();
		const expired = await relation(first.access_token);
		expectKakaoError(expired, 401, -401);
		expect(expired.json.msg).toMatch(/expired/);
		const refreshed = await tokenCall({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
		});
		expect(refreshed.status).toBe(200);
		// More than a month left on the refresh token: Kakao sends no new one.
		expect(refreshed.json).toEqual({
			token_type: 'bearer',
			access_token: expect.any(String),
			expires_in: 21599,
		});
		expect((await relation(refreshed.json.access_token)).status).toBe(200);
	});

	test('a refresh token with less than a month left is replaced; an unknown one gets KOE322', async () => {
		emu.configureLogin({
			userId: '1001',
			redirectUris: [REDIRECT],
			clientSecret: SECRET,
			refreshTokenTtlSeconds: 7 * 24 * 3600,
		});
		const first = (await exchange(await codeFor())).json;
		const refreshed = await tokenCall({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
		});
		expect(refreshed.json.refresh_token).toEqual(expect.any(String));
		expect(refreshed.json.refresh_token).not.toBe(first.refresh_token);
		const old = await tokenCall({
			grant_type: 'refresh_token',
			refresh_token: first.refresh_token,
		});
		expect([old.status, old.json.error, old.json.error_code]).toEqual([
			400,
			'invalid_grant',
			'KOE322',
		]);
	});
});
