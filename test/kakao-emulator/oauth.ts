// Kakao Login's OAuth 2.0 endpoints (kauth.kakao.com), served on the emulator's own port:
// GET /oauth/authorize (the user logs in and consents at once) and POST /oauth/token
// (authorization_code and refresh_token grants). Issued access tokens work on the API routes
// (Bearer) until they expire. See docs/kakao-login.md.
//
// Error answers follow Kakao Login's format, `{ error, error_description, error_code: "KOE…" }`:
// KOE101 unknown app key (client_id), KOE010 wrong client secret, KOE006 redirect URI not
// registered (an error page: nothing is redirected), KOE303 redirect URI differs from the
// authorize step, KOE320 authorization code unknown, used or expired, KOE322 refresh token
// unknown or expired. A user who cancels is sent back with `error=access_denied`.
import { randomBytes } from 'node:crypto';
import type { EmulatorState } from './state';

export interface LoginOptions {
	/** The Kakao user who logs in at the authorize step (service user id, e.g. '1001'). */
	userId: string;
	/** Redirect URIs registered under [Kakao Login] > [Redirect URI]. */
	redirectUris: string[];
	/** Set when the app enables a client secret ([Kakao Login] > [Security]). */
	clientSecret?: string;
	/** Scopes the user agrees to; requested scopes outside it are not granted. Default: all requested. */
	consent?: string[];
	/** The user presses Cancel on the consent screen. */
	deny?: boolean;
	accessTokenTtlSeconds?: number;
	refreshTokenTtlSeconds?: number;
}

export interface OAuthAnswer {
	status: number;
	body: string;
	contentType: string;
	extraHeaders?: Record<string, string>;
}

interface Grant {
	userId: string;
	scopes: string[];
	expiresAt: number;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const MONTH_S = 30 * 24 * 3600;
const token = () => randomBytes(24).toString('base64url');

const json = (status: number, body: unknown): OAuthAnswer => ({
	status,
	body: JSON.stringify(body),
	contentType: 'application/json;charset=UTF-8',
});
const oauthError = (status: number, error: string, description: string, code?: string) =>
	json(status, { error, error_description: description, ...(code && { error_code: code }) });
const errorPage = (code: string, message: string): OAuthAnswer => ({
	status: 400,
	body: `<html><body><h1>${code}</h1><p>${message}</p></body></html>`,
	contentType: 'text/html;charset=UTF-8',
});
const redirect = (uri: string, params: Record<string, string | undefined>): OAuthAnswer => {
	const url = new URL(uri);
	for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
	return {
		status: 302,
		body: '',
		contentType: 'text/plain',
		extraHeaders: { Location: url.toString() },
	};
};

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
		for (const t of this.issued) {
			const record = this.state.tokens.get(t);
			if (record) record.expiresAt = Date.now() - 1;
		}
	}

	handle(
		method: string,
		path: string,
		query: Record<string, string>,
		headers: Record<string, string | string[] | undefined>,
		rawBody: string,
	): OAuthAnswer | undefined {
		if (path === '/oauth/authorize' && method === 'GET') return this.authorize(query);
		if (path === '/oauth/token' && method === 'POST')
			return this.token(String(headers['content-type'] ?? ''), rawBody);
		if (path === '/oauth/authorize' || path === '/oauth/token')
			return oauthError(405, 'invalid_request', `method ${method} is not allowed`);
		return undefined;
	}

	private authorize(q: Record<string, string>): OAuthAnswer {
		if (q.client_id !== this.restApiKey)
			return errorPage('KOE101', "Invalid app key: client_id must be the app's REST API key.");
		if (!q.redirect_uri || !this.options.redirectUris.includes(q.redirect_uri)) {
			return errorPage(
				'KOE006',
				'The redirect_uri is not registered under [Kakao Login] > [Redirect URI].',
			);
		}
		if (q.response_type !== 'code')
			return redirect(q.redirect_uri, {
				error: 'unsupported_response_type',
				error_description: 'response_type must be code',
				state: q.state,
			});
		if (this.options.deny)
			return redirect(q.redirect_uri, {
				error: 'access_denied',
				error_description: 'User denied access',
				state: q.state,
			});
		const requested = (q.scope ?? '').split(/[\s,]+/).filter(Boolean);
		const scopes = this.options.consent
			? requested.filter((s) => this.options.consent!.includes(s))
			: requested;
		const code = token();
		this.codes.set(code, {
			userId: this.options.userId,
			scopes,
			redirectUri: q.redirect_uri,
			expiresAt: Date.now() + CODE_TTL_MS,
		});
		return redirect(q.redirect_uri, { code, state: q.state });
	}

	private token(contentType: string, rawBody: string): OAuthAnswer {
		if (!contentType.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
			return oauthError(
				400,
				'invalid_request',
				'Content-Type must be application/x-www-form-urlencoded',
			);
		}
		const form = Object.fromEntries(new URLSearchParams(rawBody));
		if (form.client_id !== this.restApiKey)
			return oauthError(
				401,
				'invalid_client',
				`Not exist client_id [${form.client_id ?? ''}]`,
				'KOE101',
			);
		if (
			this.options.clientSecret !== undefined &&
			form.client_secret !== this.options.clientSecret
		) {
			return oauthError(401, 'invalid_client', 'Bad client credentials', 'KOE010');
		}
		if (form.grant_type === 'authorization_code') return this.exchangeCode(form);
		if (form.grant_type === 'refresh_token') return this.refresh(form);
		return oauthError(
			400,
			'unsupported_grant_type',
			`grant_type must be authorization_code or refresh_token, got ${form.grant_type ?? 'nothing'}`,
		);
	}

	private exchangeCode(form: Record<string, string>): OAuthAnswer {
		const grant = form.code ? this.codes.get(form.code) : undefined;
		if (!grant || grant.expiresAt < Date.now())
			return oauthError(
				400,
				'invalid_grant',
				`authorization code not found for code=${form.code ?? ''}`,
				'KOE320',
			);
		this.codes.delete(form.code); // a code works once
		if (form.redirect_uri !== grant.redirectUri)
			return oauthError(400, 'invalid_grant', 'Redirect URI mismatch.', 'KOE303');
		const refreshTtl = this.options.refreshTokenTtlSeconds ?? 5183999;
		const refreshToken = token();
		this.refreshTokens.set(refreshToken, { ...grant, expiresAt: Date.now() + refreshTtl * 1000 });
		return json(200, {
			...this.issueAccessToken(grant),
			refresh_token: refreshToken,
			refresh_token_expires_in: refreshTtl,
			scope: grant.scopes.join(' '),
		});
	}

	private refresh(form: Record<string, string>): OAuthAnswer {
		const grant = form.refresh_token ? this.refreshTokens.get(form.refresh_token) : undefined;
		if (!grant || grant.expiresAt < Date.now())
			return oauthError(400, 'invalid_grant', 'refresh_token not found or expired', 'KOE322');
		const body: Record<string, unknown> = this.issueAccessToken(grant);
		// Kakao returns a new refresh token only when the current one has less than a month left.
		const left = Math.floor((grant.expiresAt - Date.now()) / 1000);
		if (left < MONTH_S) {
			this.refreshTokens.delete(form.refresh_token);
			const next = token();
			const ttl = this.options.refreshTokenTtlSeconds ?? 5183999;
			this.refreshTokens.set(next, { ...grant, expiresAt: Date.now() + ttl * 1000 });
			Object.assign(body, { refresh_token: next, refresh_token_expires_in: ttl });
		}
		return json(200, body);
	}

	private issueAccessToken(grant: Grant): {
		token_type: string;
		access_token: string;
		expires_in: number;
	} {
		const ttl = this.options.accessTokenTtlSeconds ?? 21599;
		const accessToken = token();
		this.state.addAccessToken({
			token: accessToken,
			userId: grant.userId,
			scopes: grant.scopes,
			expiresAt: Date.now() + ttl * 1000,
		});
		this.issued.add(accessToken);
		return { token_type: 'bearer', access_token: accessToken, expires_in: ttl };
	}
}
