// The Authorization header (every problem is HTTP 401 -401; README.md here), and what a route
// gets once it passed.
import { KakaoError } from './errors';
import type { EmulatorState } from './state';
import type { EmulatorAccessToken } from './types';

const KIND_NAMES: Record<KeyKind, string> = {
	admin: 'admin key',
	rest: 'REST API key',
	bearer: 'access token',
};

export function authenticate(
	header: string | string[] | undefined,
	keys: { adminKey: string; restApiKey: string },
	state: EmulatorState,
	allowed: KeyKind[],
): Auth {
	const value = (Array.isArray(header) ? header[0] : header)?.trim();
	if (!value) throw new KakaoError(-401, 'no authentication key!');
	const m = /^(KakaoAK|Bearer)\s+(\S+)$/.exec(value);
	if (!m)
		throw new KakaoError(
			-401,
			'wrong authorization header: use "KakaoAK ${APP_KEY}" or "Bearer ${ACCESS_TOKEN}"',
		);
	let auth: Auth;
	if (m[1] === 'KakaoAK') {
		if (m[2] === keys.adminKey) auth = { kind: 'admin' };
		else if (m[2] === keys.restApiKey) auth = { kind: 'rest' };
		else throw new KakaoError(-401, 'invalid app key');
	} else {
		const token = state.tokens.get(m[2]);
		if (!token) throw new KakaoError(-401, 'this access token does not exist');
		if (token.expiresAt !== undefined && token.expiresAt <= Date.now())
			throw new KakaoError(-401, 'this access token is already expired');
		auth = { kind: 'bearer', token };
	}
	if (!allowed.includes(auth.kind)) {
		const want = allowed.map((k) => KIND_NAMES[k]).join(' or ');
		throw new KakaoError(
			-401,
			`wrong credential type: this API only allows ${want}, got ${KIND_NAMES[auth.kind]}`,
		);
	}
	return auth;
}

export type KeyKind = 'admin' | 'rest' | 'bearer';

export type Auth =
	| { kind: 'admin' }
	| { kind: 'rest' }
	| { kind: 'bearer'; token: EmulatorAccessToken };

/** What a route handler gets. */
export interface Ctx {
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	auth: Auth;
	state: EmulatorState;
}

/** body undefined: an empty body (Content-Length: 0) */
export interface Reply {
	status: number;
	body?: unknown;
}

export interface Route {
	method: 'GET' | 'POST';
	path: string;
	/** key kinds the endpoint takes; any other valid key -> -401 */
	auth: KeyKind[];
	handle(ctx: Ctx): Reply;
}
