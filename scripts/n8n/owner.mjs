// The owner account, an API key, and a client for n8n's REST and public APIs.
import { waitUntil } from './process.mjs';

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-password-1',
};
export const BROWSER_ID = 'n8n-e2e-browser'; // the auth cookie is bound to this header's value

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
	const body = await json(setup, 'owner setup');
	const cookie = setup.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('n8n-auth='));
	if (!cookie) throw new Error(`no n8n-auth cookie after owner setup: ${JSON.stringify(body)}`);
	const authed = { ...headers, cookie };

	// Both versions want { label, scopes, expiresAt } and reject scopes the owner's role lacks.
	const scopesRes = await fetch(`${baseUrl}/rest/api-keys/scopes`, { headers: authed });
	const scopes = (await json(scopesRes, 'API key scopes')).data;
	const key = { label: `e2e-${Date.now()}`, scopes, expiresAt: null };
	const created = await json(
		await fetch(`${baseUrl}/rest/api-keys`, {
			method: 'POST',
			headers: authed,
			body: JSON.stringify(key),
		}),
		'create API key',
	);
	return { cookie, apiKey: created.data.rawApiKey ?? created.data.apiKey };
}

/** Sets up the owner on `baseUrl` and returns helpers to read what n8n did. */
export async function n8nClient(baseUrl, child) {
	const { cookie, apiKey } = await setupOwnerAndApiKey(baseUrl);
	const restGet = async (p) =>
		json(await fetch(`${baseUrl}${p}`, { headers: { cookie, 'browser-id': BROWSER_ID } }), p);
	const apiGet = async (p) =>
		json(await fetch(`${baseUrl}/api/v1${p}`, { headers: { 'X-N8N-API-KEY': apiKey } }), p);
	/** Every execution (of `workflowId`), newest first. */
	const listExecutions = async (workflowId) => {
		const all = [];
		let cursor;
		do {
			const q = new URLSearchParams({ limit: '250' });
			if (workflowId) q.set('workflowId', workflowId);
			if (cursor) q.set('cursor', cursor);
			const page = await apiGet(`/executions?${q}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all;
	};
	const finished = async (workflowId) =>
		(await listExecutions(workflowId)).filter((e) => e.finished || e.stoppedAt);
	return {
		cookie,
		apiKey,
		restGet,
		apiGet,
		listExecutions,
		finished,
		getExecution: (id) => apiGet(`/executions/${id}?includeData=true`),
		/** Polls until `count` finished executions exist (newest first). */
		waitForExecutions: ({ workflowId, count = 1, timeoutMs = 60000 } = {}) =>
			waitUntil(
				`${count} execution(s)`,
				async () => {
					const list = await finished(workflowId);
					return list.length >= count ? list : null;
				},
				{ timeoutMs, intervalMs: 300, child },
			),
		listNodeTypes: async () => (await restGet('/types/nodes.json')).map((n) => n.name),
		listCredentialTypes: async () => (await restGet('/types/credentials.json')).map((c) => c.name),
	};
}
