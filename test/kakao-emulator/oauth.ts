// Kakao Login's OAuth 2.0 endpoints (kauth.kakao.com) on the emulator's own port: GET
// /oauth/authorize and POST /oauth/token. What each answers, errors included: README.md here.
import { randomBytes } from 'node:crypto';
import { JSON_TYPE, type Answer } from './faults';
import type { EmulatorState } from './state';
import type { Ctx } from './auth';

type Request = Omit<Ctx, 'auth' | 'state'>;

export interface LoginOptions {
	userId: string; // the Kakao user who logs in and consents at the authorize step (service user id)
	redirectUris: string[]; // registered under [Kakao Login] > [Redirect URI]
	clientSecret?: string;
	consent?: string[]; // the scopes the user agrees to (default: all requested)
	deny?: boolean; // the user presses Cancel
	accessTokenTtlSeconds?: number;
	refreshTokenTtlSeconds?: number;
}

type Grant = { userId: string; scopes: string[]; expiresAt: number };

const CODE_TTL_MS = 10 * 60 * 1000;
const MONTH_S = 30 * 24 * 3600;
const newToken = () => randomBytes(24).toString('base64url');

const json = (status: number, body: unknown): Answer => {
	return { status, body: JSON.stringify(body), contentType: JSON_TYPE };
};
const oauthError = (status: number, error: string, description: string, code?: string) =>
	json(status, { error, error_description: description, ...(code && { error_code: code }) });
const invalidGrant = (description: string, code: string) =>
	oauthError(400, 'invalid_grant', description, code);
const invalidClient = (description: string, code: string) =>
	oauthError(401, 'invalid_client', description, code);
const UNREGISTERED = 'The redirect_uri is not registered under [Kakao Login] > [Redirect URI].';
const errorPage = (code: string, message: string): Answer => {
	const body = `<html><body><h1>${code}</h1><p>${message}</p></body></html>`;
	return { status: 400, body, contentType: 'text/html;charset=UTF-8' };
};
function redirect(uri: string, params: Record<string, string | undefined>): Answer {
	const url = new URL(uri);
	for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
	return { status: 302, body: '', contentType: 'text/plain', extraHeaders: { Location: `${url}` } };
}

export class KakaoLogin {
	private readonly codes = new Map<string, Grant & { redirectUri: string }>();
	private readonly refreshTokens = new Map<string, Grant>();
	private readonly issued = new Set<string>();

	constructor(
		private readonly restApiKey: string,
		private readonly state: EmulatorState,
		private readonly options: LoginOptions,
	) {}

	/** Makes every access token issued so far expire now (refresh tokens stay valid). */
	expireAccessTokens(): void {
		for (const record of [...this.issued].map((t) => this.state.tokens.get(t)))
			if (record) record.expiresAt = Date.now() - 1; // gone after a reset
	}

	handle(method: string, path: string, { query, headers, rawBody }: Request): Answer | undefined {
		if (path !== '/oauth/authorize' && path !== '/oauth/token') return undefined;
		if (path === '/oauth/authorize' && method === 'GET') return this.authorize(query);
		if (path === '/oauth/token' && method === 'POST')
			return this.token(String(headers['content-type'] ?? ''), rawBody);
		return oauthError(405, 'invalid_request', `method ${method} is not allowed`);
	}

	private authorize(q: Record<string, string>): Answer {
		if (q.client_id !== this.restApiKey)
			return errorPage('KOE101', "Invalid app key: client_id must be the app's REST API key.");
		if (!q.redirect_uri || !this.options.redirectUris.includes(q.redirect_uri))
			return errorPage('KOE006', UNREGISTERED);
		const back = (error: string, error_description: string) =>
			redirect(q.redirect_uri, { error, error_description, state: q.state });
		if (q.response_type !== 'code')
			return back('unsupported_response_type', 'response_type must be code');
		if (this.options.deny) return back('access_denied', 'User denied access');
		const { consent, userId } = this.options;
		const asked = (q.scope ?? '').split(/[\s,]+/);
		const scopes = asked.filter((s) => s && (!consent || consent.includes(s)));
		const code = newToken();
		const expiresAt = Date.now() + CODE_TTL_MS;
		this.codes.set(code, { userId, scopes, redirectUri: q.redirect_uri, expiresAt });
		return redirect(q.redirect_uri, { code, state: q.state });
	}

	private token(contentType: string, rawBody: string): Answer {
		const FORM = 'application/x-www-form-urlencoded';
		if (!contentType.toLowerCase().startsWith(FORM))
			return oauthError(400, 'invalid_request', `Content-Type must be ${FORM}`);
		const form = Object.fromEntries(new URLSearchParams(rawBody));
		if (form.client_id !== this.restApiKey)
			return invalidClient(`Not exist client_id [${form.client_id ?? ''}]`, 'KOE101');
		const { clientSecret } = this.options;
		if (clientSecret !== undefined && form.client_secret !== clientSecret)
			return invalidClient('Bad client credentials', 'KOE010');
		if (form.grant_type === 'authorization_code') return this.exchangeCode(form);
		if (form.grant_type === 'refresh_token') return this.refresh(form);
		const why = `must be authorization_code or refresh_token, got ${form.grant_type ?? 'nothing'}`;
		return oauthError(400, 'unsupported_grant_type', `grant_type ${why}`);
	}

	private exchangeCode(form: Record<string, string>): Answer {
		const grant = form.code ? this.codes.get(form.code) : undefined;
		if (!grant || grant.expiresAt < Date.now())
			return invalidGrant(`authorization code not found for code=${form.code ?? ''}`, 'KOE320');
		this.codes.delete(form.code); // a code works once
		if (form.redirect_uri !== grant.redirectUri)
			return invalidGrant('Redirect URI mismatch.', 'KOE303');
		const tokens = { ...this.issueAccessToken(grant), ...this.issueRefreshToken(grant) };
		return json(200, { ...tokens, scope: grant.scopes.join(' ') });
	}

	private refresh(form: Record<string, string>): Answer {
		const grant = form.refresh_token ? this.refreshTokens.get(form.refresh_token) : undefined;
		if (!grant || grant.expiresAt < Date.now())
			return invalidGrant('refresh_token not found or expired', 'KOE322');
		// Kakao returns a new refresh token only when the current one has less than a month left.
		if (grant.expiresAt - Date.now() >= MONTH_S * 1000)
			return json(200, this.issueAccessToken(grant));
		this.refreshTokens.delete(form.refresh_token);
		return json(200, { ...this.issueAccessToken(grant), ...this.issueRefreshToken(grant) });
	}

	private issueRefreshToken(grant: Grant) {
		const ttl = this.options.refreshTokenTtlSeconds ?? 5183999;
		const refresh_token = newToken();
		this.refreshTokens.set(refresh_token, { ...grant, expiresAt: Date.now() + ttl * 1000 });
		return { refresh_token, refresh_token_expires_in: ttl };
	}

	private issueAccessToken({ userId, scopes }: Grant) {
		const ttl = this.options.accessTokenTtlSeconds ?? 21599;
		const token = newToken();
		this.state.addAccessToken({ token, userId, scopes, expiresAt: Date.now() + ttl * 1000 });
		this.issued.add(token);
		return { token_type: 'bearer', access_token: token, expires_in: ttl };
	}
}
