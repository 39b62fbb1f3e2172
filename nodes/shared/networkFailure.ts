/**
 * Why a request got no answer from Kakao, in one wording per cause, so that the credential test
 * and a workflow run say the same thing about the same fault (and never a library's own phrase,
 * such as "socket hang up" or "fetch failed").
 */
export type NetworkCause =
	| 'refused'
	| 'dns'
	| 'timeout'
	| 'tls'
	| 'reset'
	| 'unreachable'
	| 'blocked'
	| 'badUrl'
	| 'garbled'
	| 'other';

export interface NetworkFailure {
	cause: NetworkCause;
	/** The system's code (such as ECONNREFUSED), for a search or an administrator. */
	code?: string;
}

const CAUSE_OF_CODE: Record<string, NetworkCause> = {
	ECONNREFUSED: 'refused',
	ENOTFOUND: 'dns',
	EAI_AGAIN: 'dns',
	EAI_FAIL: 'dns',
	EAI_NODATA: 'dns',
	ETIMEDOUT: 'timeout',
	ESOCKETTIMEDOUT: 'timeout',
	ECONNRESET: 'reset',
	EPIPE: 'reset',
	ECONNABORTED: 'reset',
	EHOSTUNREACH: 'unreachable',
	EHOSTDOWN: 'unreachable',
	ENETUNREACH: 'unreachable',
	ENETDOWN: 'unreachable',
	EADDRNOTAVAIL: 'unreachable',
	ERR_INVALID_URL: 'badUrl',
	EPROTO: 'tls',
};

const TLS_CODE = /CERT|^ERR_TLS_|^ERR_SSL_|SELF_SIGNED|^UNABLE_TO_/;

/** Reads the cause from an error of n8n's HTTP client (or of fetch), looking through its causes. */
export function networkFailureOf(error: unknown): NetworkFailure | undefined {
	let current = error;
	for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
		const { code, name, message } = current as {
			code?: unknown;
			name?: unknown;
			message?: unknown;
		};
		// n8n's SSRF protection throws these (no code) before any connection is made.
		if (typeof name === 'string' && /^SsrfBlocked/.test(name)) return { cause: 'blocked' };
		if (typeof code === 'string') {
			// axios names an idle timeout ECONNABORTED with "timeout of N ms exceeded".
			if (code === 'ECONNABORTED' && /timeout/i.test(String(message)))
				return { cause: 'timeout', code };
			// Node's HTTP parser (HPE_*): an answer came, but not as HTTP, so the request was sent.
			if (code.startsWith('HPE_')) return { cause: 'garbled', code };
			const cause = CAUSE_OF_CODE[code] ?? (TLS_CODE.test(code) ? 'tls' : undefined);
			if (cause) return { cause, code };
			if (/^E[A-Z_]+$/.test(code) && code !== 'ERR_CANCELED') return { cause: 'other', code };
		}
		if (/socket hang up/i.test(String(message))) return { cause: 'reset', code: 'ECONNRESET' };
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}

const REASONS: Record<NetworkCause, string> = {
	refused: 'the connection was refused: nothing answers at that address and port',
	dns: 'the host name could not be resolved (DNS)',
	timeout: 'no answer came in time',
	tls: 'the secure connection (TLS) failed: the certificate was not accepted, or the server does not speak HTTPS',
	reset: 'the connection was closed before an answer came',
	unreachable: 'the host or its network cannot be reached',
	blocked: "the address is blocked by n8n's SSRF protection",
	badUrl: 'the URL is not valid',
	garbled: 'the answer was not valid HTTP',
	other: 'the connection failed',
};

const CHECK_SETUP =
	'Check the Base URL in the credential, and the network, DNS or proxy between n8n and Kakao.';
const RUN_AGAIN =
	'Run again later; if it keeps happening, check the network or proxy between n8n and Kakao.';

const HINTS: Record<NetworkCause, string> = {
	refused: CHECK_SETUP,
	dns: CHECK_SETUP,
	timeout: RUN_AGAIN,
	tls: CHECK_SETUP,
	reset: RUN_AGAIN,
	unreachable: CHECK_SETUP,
	blocked:
		'Use https://kapi.kakao.com, or ask the n8n administrator to allow this address (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).',
	badUrl: CHECK_SETUP,
	garbled:
		'Kakao answers valid HTTP: check the Base URL in the credential, and any proxy between n8n and Kakao.',
	other: CHECK_SETUP,
};

/** The reason as a clause ("the connection was refused: ... (ECONNREFUSED)") and what to do. */
export function describeNetworkFailure(failure: NetworkFailure): { reason: string; hint: string } {
	const code = failure.code ? ` (${failure.code})` : '';
	return { reason: `${REASONS[failure.cause]}${code}`, hint: HINTS[failure.cause] };
}

const REDIRECT_HINT =
	"Kakao's API does not redirect: the Base URL in the credential, or a proxy in between, is misconfigured. The redirect was not followed, so the key went nowhere else.";

/** A 3XX answer, named by its status and its target's origin (never the whole target). */
export function describeRedirect(
	status: number,
	location: unknown,
	from: string,
): { what: string; hint: string } {
	const target = originOf(location, from);
	return {
		what: `HTTP ${status}, a redirect to ${target ?? 'an unreadable address'}`,
		hint: REDIRECT_HINT,
	};
}

function originOf(location: unknown, from: string): string | undefined {
	if (typeof location !== 'string' || location === '') return undefined;
	try {
		const url = new URL(location, from);
		return url.origin === 'null' ? `${url.protocol}…` : url.origin;
	} catch {
		return undefined;
	}
}
