// Kakao Login on the emulator: the authorization code, the token endpoint's errors, expiry, refresh
import { useKakaoEmulator } from '../support/emulator';
import type { LoginOptions } from './index';
import { PATHS, call, expectKakaoError } from './test-helpers';

const { SINGLE } = PATHS;
const REDIRECT = 'https://n8n.example.com/rest/oauth2-credential/callback';
const SECRET = 'login-secret';
const LOGIN: LoginOptions = { userId: '1001', redirectUris: [REDIRECT], clientSecret: SECRET };

// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
		emu.addUser({ id: '1001', relations: { _ZeUTxl: { relation: 'ADDED' } } });
		emu.configureLogin(LOGIN);
	},
});

const authorize = (query: Record<string, string>) => {
	const defaults = { client_id: emu.restApiKey, redirect_uri: REDIRECT, response_type: 'code' };
	query = { ...defaults, scope: 'plusfriends', state: 's1', ...query };
	return call(emu, 'GET', '/oauth/authorize', { query });
};
const FORM = 'application/x-www-form-urlencoded;charset=utf-8';
const tokenCall = (form: Record<string, string>) => {
	const body = new URLSearchParams({ client_id: emu.restApiKey, client_secret: SECRET, ...form });
	return call(emu, 'POST', '/oauth/token', { body: body.toString(), contentType: FORM });
};
async function codeFor(): Promise<string> {
	const r = await authorize({});
	const { origin, pathname, searchParams } = new URL(String(r.headers.location));
	const back = [r.status, `${origin}${pathname}`, searchParams.get('state')];
	expect(back).toEqual([302, REDIRECT, 's1']);
	return searchParams.get('code')!;
}
const exchange = (code: string, extra: Record<string, string> = {}) =>
	tokenCall({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, ...extra });
const refresh = (refresh_token: string) =>
	tokenCall({ grant_type: 'refresh_token', refresh_token });
const relation = (token: string) =>
	call(emu, 'GET', SINGLE, { auth: `Bearer ${token}`, query: { channel_ids: '_ZeUTxl' } });
/** `HTTP status error error_code`, without the code when there is none. */
const error = (r: { status: number; json: Record<string, string> }) =>
	[r.status, r.json.error, r.json.error_code].filter((part) => part !== undefined).join(' ');
const ISSUED = { token_type: 'bearer', access_token: expect.any(String), expires_in: 21599 };

it('code -> tokens -> the relation check as that user', async () => {
	const r = await exchange(await codeFor());
	const refreshToken = { refresh_token: expect.any(String), refresh_token_expires_in: 5183999 };
	expect([r.status, r.json]).toEqual([200, { ...ISSUED, ...refreshToken, scope: 'plusfriends' }]);
	const check = await relation(r.json.access_token);
	const added = expect.objectContaining({ channel_public_id: '_ZeUTxl', relation: 'ADDED' });
	expect([check.status, check.json.channels[0]]).toEqual([200, added]);
});

const once = async (code: string) => (await exchange(code), exchange(code));
const elsewhere = (code: string) => exchange(code, { redirect_uri: 'https://else.example.com/cb' });
const asJson = (code: string) =>
	call(emu, 'POST', '/oauth/token', { json: { grant_type: 'authorization_code', code } });
it.each<[string, string, (code: string) => ReturnType<typeof tokenCall>]>([
	['a code works once', '400 invalid_grant KOE320', once],
	['only with the redirect URI it was issued for', '400 invalid_grant KOE303', elsewhere],
	['a wrong client_id', '401 invalid_client KOE101', (c) => exchange(c, { client_id: 'nope' })],
	['a wrong secret', '401 invalid_client KOE010', (c) => exchange(c, { client_secret: 'x' })],
	['an unknown grant', '400 unsupported_grant_type', () => tokenCall({ grant_type: 'pw' })],
	['a JSON body, not a form', '400 invalid_request', asJson],
])('token: %s -> %s', async (_name, expected, send) => {
	expect(error(await send(await codeFor()))).toBe(expected);
});

it.each([
	['an unknown app key (KOE101)', { client_id: 'nope' }, 'KOE101'],
	['an unregistered redirect URI (KOE006)', { redirect_uri: 'https://evil.example/cb' }, 'KOE006'],
])('authorize: %s gets an error page, no redirect', async (_name, query, code) => {
	const r = await authorize(query);
	expect([r.status, r.headers.location, r.text.includes(code)]).toEqual([400, undefined, true]);
});

it('cancel -> access_denied, no code; an unconsented scope is not granted (-402); an expired token -401, refreshed it works; a refresh token with under a month left is replaced (old one KOE322)', async () => {
	emu.configureLogin({ ...LOGIN, deny: true });
	const r = await authorize({});
	const back = new URL(String(r.headers.location)).searchParams;
	const got = [r.status, ...['error', 'code', 'state'].map((k) => back.get(k))];
	expect(got).toEqual([302, 'access_denied', null, 's1']);
	emu.configureLogin({ ...LOGIN, consent: ['profile_nickname'] });
	const granted = await exchange(await codeFor());
	expect(granted.json.scope).toBe('');
	expectKakaoError(await relation(granted.json.access_token), 403, -402);
	emu.configureLogin(LOGIN);
	const first = (await exchange(await codeFor())).json;
	emu.expireLoginTokens();
	const expired = await relation(first.access_token);
	expectKakaoError(expired, 401, -401);
	expect(expired.json.msg).toMatch(/expired/);
	const refreshed = await refresh(first.refresh_token);
	// More than a month left on the refresh token: Kakao sends no new one.
	expect([refreshed.status, refreshed.json]).toEqual([200, ISSUED]);
	expect((await relation(refreshed.json.access_token)).status).toBe(200);
	emu.configureLogin({ ...LOGIN, refreshTokenTtlSeconds: 7 * 24 * 3600 });
	const short = (await exchange(await codeFor())).json;
	const replaced = (await refresh(short.refresh_token)).json.refresh_token;
	expect([typeof replaced, replaced === short.refresh_token]).toEqual(['string', false]);
	expect(error(await refresh(short.refresh_token))).toBe('400 invalid_grant KOE322');
});
