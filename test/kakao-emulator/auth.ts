// The Authorization header (every problem is HTTP 401 -401; README.md here), and what a route
// gets once it passed.
import { KakaoError } from './errors';
import type { EmulatorState } from './state';
import type { EmulatorAccessToken } from './types';

const NAMES = { admin: 'admin key', rest: 'REST API key', bearer: 'access token' };
const unauthorized = (msg: string) => new KakaoError(-401, msg);
const USE = 'use "KakaoAK ${APP_KEY}" or "Bearer ${ACCESS_TOKEN}"';

export function authenticate(
	header: string | string[] | undefined,
	keys: { adminKey: string; restApiKey: string },
	state: EmulatorState,
	allowed: KeyKind[],
): Auth {
	const value = (Array.isArray(header) ? header[0] : header)?.trim();
	if (!value) throw unauthorized('no authentication key!');
	const m = /^(KakaoAK|Bearer)\s+(\S+)$/.exec(value);
	if (!m) throw unauthorized(`wrong authorization header: ${USE}`);
	let auth: Auth;
	if (m[1] === 'KakaoAK') {
		if (m[2] === keys.adminKey) auth = { kind: 'admin' };
		else if (m[2] === keys.restApiKey) auth = { kind: 'rest' };
		else throw unauthorized('invalid app key');
	} else {
		const token = state.tokens.get(m[2]);
		if (!token) throw unauthorized('this access token does not exist');
		if (token.expiresAt !== undefined && token.expiresAt <= Date.now())
			throw unauthorized('this access token is already expired');
		auth = { kind: 'bearer', token };
	}
	const [want, got] = [allowed.map((k) => NAMES[k]).join(' or '), NAMES[auth.kind]];
	if (!allowed.includes(auth.kind))
		throw unauthorized(`wrong credential type: this API only allows ${want}, got ${got}`);
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
