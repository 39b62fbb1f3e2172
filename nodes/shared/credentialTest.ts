import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

const PROBE_PATH = '/v1/system/ips';
const PROBE_TIMEOUT_MS = 10_000;

/** accepted; the key rejected by Kakao; or no answer from Kakao at all (network, DNS, proxy). */
type ProbeResult =
	| { outcome: 'accepted' }
	| { outcome: 'rejected'; detail: string }
	| { outcome: 'unreachable'; detail: string };

/**
 * Tests both keys of the credential separately, so the editor says which one is wrong.
 * GET /v1/system/ips accepts either key and belongs to no API category (admin keys can be
 * limited to categories), so a Kakao error there means the key itself is bad. A failure to
 * get a Kakao answer is reported as such, never as a bad key.
 * ICredentialTestFunctions offers only the deprecated `request` helper, which n8n's community
 * lint rejects, so this probe uses the runtime's fetch.
 */
export async function kakaoChannelApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = String(data.baseUrl || 'https://kapi.kakao.com')
		.trim()
		.replace(/\/+$/, '');
	if (!/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
		return {
			status: 'Error',
			message: `Base URL "${baseUrl}" is not an http(s) URL. Use https://kapi.kakao.com unless you go through a proxy.`,
		};
	}
	const keys = [
		{ label: 'Admin Key', value: String(data.adminKey ?? '').trim() },
		{ label: 'REST API Key', value: String(data.restApiKey ?? '').trim() },
	];
	for (const { label, value } of keys) {
		if (!value) {
			return {
				status: 'Error',
				message: `${label} is empty. Copy it from the Kakao Developers console, [App] > [Platform key].`,
			};
		}
	}
	if (keys[0].value === keys[1].value) {
		return {
			status: 'Error',
			message:
				'Admin Key and REST API Key hold the same key. They are two different keys of the app: copy each from [App] > [Platform key].',
		};
	}
	for (const { label, value } of keys) {
		const result = await probeKey(baseUrl, value);
		if (result.outcome === 'unreachable') {
			return {
				status: 'Error',
				message: `Could not reach Kakao at ${baseUrl}${PROBE_PATH}: ${result.detail}. The keys were not checked. Check the Base URL, and the network, DNS or proxy between n8n and it.`,
			};
		}
		if (result.outcome === 'rejected') {
			return {
				status: 'Error',
				message: `Kakao rejected the ${label}: ${result.detail}. Copy the ${label} again from [App] > [Platform key].`,
			};
		}
	}
	return { status: 'OK', message: 'Kakao accepted both the Admin Key and the REST API Key' };
}

async function probeKey(baseUrl: string, key: string): Promise<ProbeResult> {
	let response: Response;
	try {
		response = await fetch(`${baseUrl}${PROBE_PATH}`, {
			headers: { Authorization: `KakaoAK ${key}` },
			signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
			redirect: 'manual',
		});
	} catch (error) {
		return { outcome: 'unreachable', detail: networkReason(error) };
	}
	if (response.ok) return { outcome: 'accepted' };
	const text = await response.text();
	const code = kakaoErrorCode(text);
	// Only Kakao's own error body (a numeric `code`) speaks about the key; anything else (a proxy's
	// 502, an HTML page, a redirect) means the request did not get a Kakao answer.
	if (code === undefined) {
		return {
			outcome: 'unreachable',
			detail: `the server answered HTTP ${response.status} without a Kakao error body`,
		};
	}
	return { outcome: 'rejected', detail: `code ${code} (HTTP ${response.status})` };
}

function kakaoErrorCode(text: string): number | undefined {
	try {
		const code = (JSON.parse(text) as { code?: unknown }).code;
		return typeof code === 'number' ? code : undefined;
	} catch {
		return undefined; // JSON.parse of a string fails only on text that is not JSON: not Kakao
	}
}

function networkReason(error: unknown): string {
	const name = (error as Error)?.name;
	if (name === 'TimeoutError' || name === 'AbortError')
		return `no answer within ${PROBE_TIMEOUT_MS / 1000} s`;
	const cause = (error as { cause?: { code?: string; message?: string } }).cause;
	const code = cause?.code;
	const explained: Record<string, string> = {
		ECONNREFUSED: 'connection refused',
		ENOTFOUND: 'host name not found (DNS)',
		EAI_AGAIN: 'DNS lookup failed',
		ECONNRESET: 'connection reset',
		ETIMEDOUT: 'connection timed out',
		EHOSTUNREACH: 'host unreachable',
		ENETUNREACH: 'network unreachable',
	};
	if (code) return `${explained[code] ?? 'network error'} (${code})`;
	return cause?.message ?? (error as Error)?.message ?? String(error);
}
