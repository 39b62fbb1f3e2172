// Types shared by the route handlers and the server.
import type { EmulatorAccessToken } from './types';
import type { EmulatorState } from './state';

export type KeyKind = 'admin' | 'rest' | 'bearer';

export type Auth =
	| { kind: 'admin' }
	| { kind: 'rest' }
	| { kind: 'bearer'; token: EmulatorAccessToken };

export interface Ctx {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	auth: Auth;
	state: EmulatorState;
}

/** body undefined = empty body (Content-Length: 0) */
export interface Reply {
	status: number;
	body?: unknown;
}

export interface Route {
	method: 'GET' | 'POST';
	path: string;
	/** key kinds accepted by the endpoint; any other valid key -> -401 */
	auth: KeyKind[];
	handle(ctx: Ctx): Reply;
}
