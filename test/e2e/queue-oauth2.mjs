// Kakao Login through n8n's own OAuth2 code path, in the queue-mode topology: the main process
// builds the authorize URL (/rest/oauth2-credential/auth) and takes Kakao's redirect
// (/rest/oauth2-credential/callback), exchanging the code at the emulator's token endpoint; the
// worker then runs Channel Relation > Get with the user's token and refreshes it when it expires.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { BROWSER_ID } from '../../scripts/n8n/n8n-server.mjs';
import { actionWorkflow, rl } from '../../scripts/sandbox/workflows.mjs';

export const LOGIN = { userId: '1001', clientSecret: 'kakao-login-client-secret' };
export const OAUTH_CREDENTIAL = { id: 'kakaoQueueOAuth2', name: 'Kakao Login (emulator)' };

// n8n ignores stored values of the credential's hidden OAuth URLs (they are pinned to Kakao's);
// its own CREDENTIALS_OVERWRITE_DATA is how an instance repoints them, here at the emulator.
export function overwriteEnv({ baseUrl }) {
	const urls = { authUrl: `${baseUrl}/oauth/authorize`, accessTokenUrl: `${baseUrl}/oauth/token` };
	return { CREDENTIALS_OVERWRITE_DATA: JSON.stringify({ kakaoChannelOAuth2Api: urls }) };
}

export const oauthCredential = (emu) => ({
	...OAUTH_CREDENTIAL,
	type: 'kakaoChannelOAuth2Api',
	data: {
		...{ grantType: 'authorizationCode', clientId: emu.restApiKey, scope: 'plusfriends' },
		...{ clientSecret: LOGIN.clientSecret, authQueryParameters: '', authentication: 'body' },
		baseUrl: emu.baseUrl,
	},
});

export function oauthRelationWorkflow(channel) {
	const get = { resource: 'relation', operation: 'get', authentication: 'oAuth2' };
	const parameters = { ...get, channel: rl(channel), options: {} };
	const credentials = { kakaoChannelOAuth2Api: OAUTH_CREDENTIAL };
	return actionWorkflow('q-oauth-relation', parameters, credentials);
}

const form = (request) => Object.fromEntries(new URLSearchParams(request.rawBody));
const callbackUrl = (q) => `${q.main.url}/rest/oauth2-credential/callback`;

/** The editor's "Connect" as a browser does it: n8n's auth URL, Kakao's consent, n8n's callback. */
async function connect(q) {
	const headers = { cookie: q.cookie, 'browser-id': BROWSER_ID };
	const start = `${q.main.url}/rest/oauth2-credential/auth?id=${OAUTH_CREDENTIAL.id}`;
	const auth = await fetch(start, { headers });
	const binding = auth.headers.getSetCookie().map((c) => c.split(';')[0]);
	const { data: authUrl } = await auth.json();
	const consent = await fetch(authUrl, { redirect: 'manual' });
	assert.equal(consent.status, 302);
	const back = consent.headers.get('location');
	assert.ok(back.startsWith(`${callbackUrl(q)}?`), back);
	const cookie = [q.cookie, ...binding].join('; ');
	const done = await fetch(back, { headers: { ...headers, cookie } });
	return { authUrl: new URL(authUrl), back, status: done.status, page: await done.text() };
}

/** ctx() -> { q, emu, channel, oauthPath } once the topology runs. */
export function kakaoLoginTests(ctx) {
	const calls = (path) => ctx().emu.requests.filter((r) => r.path === path);
	const tokenRequests = () => calls('/oauth/token').map(form);
	const relationAuth = () =>
		calls('/v2/api/talk/channels').map((r) => [r.headers.authorization, r.status]);
	/** The token request's fields, in the order of `names` (the code and token: their type). */
	const hidden = new Set(['code', 'refresh_token']);
	const fields = (request, names) =>
		names.map((name) => (hidden.has(name) ? typeof request[name] : request[name]));
	// User IDs are output as text: 64-bit IDs are not JavaScript numbers.
	const times = { created_at: '2020-04-18T03:17:05Z', updated_at: '2021-05-17T05:25:01Z' };
	const user = { user_id: '1001', channel_uuid: '@테스트', relation: 'ADDED', ...times };
	const expected = (channel) => [{ ...user, channel_public_id: channel }];
	test("Kakao Login errors end on n8n's callback page and connect nothing: a cancelled consent, a wrong client secret", async () => {
		const { q, emu, oauthPath } = ctx();
		const login = (extra) =>
			emu.configureLogin({ ...LOGIN, redirectUris: [callbackUrl(q)], ...extra });
		login({ deny: true });
		const denied = await connect(q);
		assert.match(denied.back, /[?&]error=access_denied/);
		assert.doesNotMatch(denied.page, /Connection successful/);
		login({ clientSecret: 'a-rotated-secret' });
		emu.clearRequests();
		const wrongSecret = await connect(q);
		assert.doesNotMatch(wrongSecret.page, /Connection successful/);
		assert.match(wrongSecret.page, /invalid_client/);
		for (const secret of [LOGIN.clientSecret, 'a-rotated-secret'])
			assert.ok(!wrongSecret.page.includes(secret), 'no secret on the page');
		const tokenStatuses = calls('/oauth/token').map((r) => r.status);
		assert.deepEqual(tokenStatuses, [401]);
		const run = await q.post(q.publicUrl, oauthPath, { items: [{}] });
		assert.equal(run.status, 500, 'no token stored: the relation check cannot run');
		assert.equal(relationAuth().length, 0);
		login();
	});
	test("Kakao Login: n8n's OAuth2 flow exchanges the code, and Relation > Get runs on the worker with the user's token", async () => {
		const { q, emu, channel } = ctx();
		emu.clearRequests();
		const { authUrl: url, status, page } = await connect(q);
		assert.equal(`${url.origin}${url.pathname}`, `${emu.baseUrl}/oauth/authorize`);
		const query = ['client_id', 'redirect_uri', 'response_type', 'scope'];
		const asked = query.map((k) => url.searchParams.get(k));
		assert.deepEqual(asked, [emu.restApiKey, callbackUrl(q), 'code', 'plusfriends']);
		assert.equal(status, 200);
		assert.match(page, /Connection successful/, page.slice(0, 500));
		const [exchange] = tokenRequests();
		const names = ['grant_type', 'client_id', 'client_secret', 'redirect_uri', 'code'];
		const exchanged = ['authorization_code', emu.restApiKey, LOGIN.clientSecret, callbackUrl(q)];
		assert.deepEqual(fields(exchange, names), [...exchanged, 'string']);
		emu.clearRequests();
		const { output, executionId } = await q.runAction('oauthRelation', [{}]);
		assert.deepEqual(output, expected(channel));
		const [[authorization, status200], ...more] = relationAuth();
		assert.deepEqual([more.length, status200], [0, 200]);
		assert.match(authorization, /^Bearer \S+$/);
		q.assertRanOnWorker(executionId);
	});
	test('Kakao Login: after the access token expires, n8n refreshes it once and the check succeeds', async () => {
		const { q, emu, channel } = ctx();
		emu.clearRequests();
		emu.expireLoginTokens();
		const { output, executionId } = await q.runAction('oauthRelation', [{}]);
		assert.deepEqual(output, expected(channel));
		const [expired, retried] = relationAuth();
		assert.equal(expired[1], 401, 'the expired token is refused first');
		assert.equal(retried[1], 200);
		assert.notEqual(retried[0], expired[0], 'the retry carries the new token');
		const [refresh, ...more] = tokenRequests();
		const names = ['grant_type', 'client_id', 'client_secret', 'refresh_token'];
		const refreshed = ['refresh_token', emu.restApiKey, LOGIN.clientSecret, 'string'];
		assert.deepEqual([more.length, ...fields(refresh, names)], [0, ...refreshed]);
		q.assertRanOnWorker(executionId);
		// The refreshed token was saved: the next run uses it without another refresh.
		emu.clearRequests();
		assert.deepEqual((await q.runAction('oauthRelation', [{}])).output, expected(channel));
		assert.deepEqual(relationAuth(), [[retried[0], 200]]);
		assert.equal(tokenRequests().length, 0);
	});
}
