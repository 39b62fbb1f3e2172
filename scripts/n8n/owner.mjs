// The owner account and an API key, so tests can read executions through n8n's APIs.
export const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-password-1',
};
export const BROWSER_ID = 'n8n-e2e-browser'; // the auth cookie is bound to this header's value

function cookieFrom(res, body) {
	const auth = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!auth)
		throw new Error(`no n8n-auth cookie in response: ${JSON.stringify(body).slice(0, 300)}`);
	return auth;
}

export async function json(res, what) {
	const text = await res.text();
	if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : null;
}

/** Owner setup, then a public API key with every scope the owner may grant. */
export async function setupOwnerAndApiKey(baseUrl) {
	const headers = { 'content-type': 'application/json', 'browser-id': BROWSER_ID };
	const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
		method: 'POST',
		headers,
		body: JSON.stringify(OWNER),
	});
	const cookie = cookieFrom(setup, await json(setup, 'owner setup'));
	const authed = { ...headers, cookie };

	// Both versions want { label, scopes, expiresAt } and reject scopes the owner's role lacks.
	const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers: authed });
	const scopes = (await json(scopesRes, 'API key scopes')).data;
	const body = { label: `e2e-${Date.now()}`, scopes, expiresAt: null };
	const created = await json(
		await fetch(`${baseUrl}/rest/api-keys`, {
			method: 'POST',
			headers: authed,
			body: JSON.stringify(body),
		}),
		'create API key',
	);
	return { cookie, apiKey: created.data.rawApiKey ?? created.data.apiKey };
}

/**
 * Starts n8n with our package (or `packageDir`) linked, `workflows` imported and active and
 * `credentials` imported. Returns helpers for the REST/public API; always call stop().
 */
