import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

const PROBE_PATH = '/v1/system/ips';
const PROBE_TIMEOUT_MS = 10_000;

type ProbeResult = { accepted: true } | { accepted: false; detail: string };

/**
 * Tests both keys of the credential separately, so the editor says which one is wrong.
 * GET /v1/system/ips accepts either key and belongs to no API category (admin keys can be
 * limited to categories), so a -401 there means the key itself is bad.
 * ICredentialTestFunctions offers only the deprecated `request` helper, which n8n's community
 * lint rejects, so this probe uses the runtime's fetch.
 */
export async function kakaoChannelApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const baseUrl = String(data.baseUrl || 'https://kapi.kakao.com').replace(/\/+$/, '');
	const keys = [
		{ label: 'Admin Key', value: String(data.adminKey ?? '').trim() },
		{ label: 'REST API Key', value: String(data.restApiKey ?? '').trim() },
	];
	for (const { label, value } of keys) {
		if (!value) {
			return { status: 'Error', message: `${label} is empty. Copy it from the Kakao Developers console, [App] > [Platform key].` };
		}
	}
	if (keys[0].value === keys[1].value) {
		return { status: 'Error', message: 'Admin Key and REST API Key hold the same key. They are two different keys of the app: copy each from [App] > [Platform key].' };
	}
	for (const { label, value } of keys) {
		const result = await probeKey(baseUrl, value);
		if (!result.accepted) {
			return { status: 'Error', message: `Kakao rejected the ${label}: ${result.detail}. Copy the ${label} again from [App] > [Platform key].` };
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
		});
	} catch (error) {
		const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
		return { accepted: false, detail: `could not reach ${baseUrl} (${reason})` };
	}
	if (response.ok) return { accepted: true };
	const text = await response.text();
	let code: unknown;
	try {
		code = (JSON.parse(text) as { code?: unknown }).code;
	} catch {
		code = undefined;
	}
	return { accepted: false, detail: code === undefined ? `HTTP ${response.status}` : `code ${String(code)} (HTTP ${response.status})` };
}
