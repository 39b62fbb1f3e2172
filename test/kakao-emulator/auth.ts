// Authorization header checks.
//
// Choice (docs are silent): every Authorization problem answers HTTP 401 code -401, including a header that is
// not of the form `KakaoAK <key>` / `Bearer <token>` at all. The scheme words are matched case-sensitively,
// exactly as the docs write them. A valid key of the wrong kind for the endpoint is also -401.
import { KakaoError } from './errors';
import type { Auth, KeyKind } from './routes-types';
import type { EmulatorState } from './state';

export interface AppKeys {
	adminKey: string;
	restApiKey: string;
}

const KIND_NAMES: Record<KeyKind, string> = {
	admin: 'admin key',
	rest: 'REST API key',
	bearer: 'access token',
};

export function authenticate(
	header: string | string[] | undefined,
	keys: AppKeys,
	state: EmulatorState,
	allowed: KeyKind[],
): Auth {
	const value = Array.isArray(header) ? header[0] : header;
	if (value === undefined || value.trim() === '')
		throw new KakaoError(-401, 'no authentication key!');
	const m = /^(KakaoAK|Bearer)\s+(\S+)$/.exec(value.trim());
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
