// Starts a real, pinned n8n with our package loaded, for the sandbox, e2e tests and benchmarks.
//   const n8n = await startN8n({ flavor: '2', workflows: [workflowJson] });
//   await fetch(`${n8n.baseUrl}/webhook/hello`, { method: 'POST' });
//   const [execution] = await n8n.waitForExecutions({ workflowId: n8n.workflowIds[0], count: 1 });
//   await n8n.stop();
// This file is the launchers' API for the suites that run a real n8n (test/e2e, test/browser).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort } from './options.mjs';
import { spawnN8n, stopN8n, waitUntil } from './process.mjs';
import { ensureRuntime } from './runtime.mjs';
import { importCredentials, importWorkflows, installPackages, n8nEnv } from './user-folder.mjs';

export { freePort, freePorts } from './options.mjs';
export { spawnN8n, stopN8n } from './process.mjs';
export { ensureRuntime } from './runtime.mjs';
export { importCredentials, n8nEnv, packPackage } from './user-folder.mjs';

export const OWNER = {
	email: 'owner@example.com',
	firstName: 'E2E',
	lastName: 'Owner',
	password: 'E2e-password-1',
};
export const BROWSER_ID = 'n8n-e2e-browser'; // the auth cookie is bound to this header's value

async function json(res, what) {
	const text = await res.text();
	if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text.slice(0, 500)}`);
	return text ? JSON.parse(text) : null;
}

/** POST `body` (JSON unless a string) to `url`; status, text, the proxy's backend, time in ms. */
export async function postJson(url, body, headers = {}) {
	const started = performance.now();
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	const servedBy = res.headers.get('x-served-by') ?? undefined;
	return { status: res.status, text, servedBy, ms: performance.now() - started };
}

export const ok = async (url, init) => {
	const res = await fetch(url, init);
	await res.arrayBuffer();
	return res;
};

/** Readiness, then the REST API: 1.x reports ready before its REST routes exist. */
export const waitForReady = (baseUrl, child, timeoutMs = 180000) =>
	waitUntil(
		'n8n readiness',
		async () =>
			(await ok(`${baseUrl}/healthz/readiness`)).ok && (await ok(`${baseUrl}/rest/settings`)).ok,
		{ timeoutMs, child },
	);

/** A CORS preflight answers 204 only once the path is registered; it starts no execution. */
export const isWebhookActive = async (baseUrl, webhookPath, method = 'POST') =>
	(
		await ok(`${baseUrl}/webhook/${webhookPath}`, {
			method: 'OPTIONS',
			headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': method },
		})
	).status === 204;

/** Sets up the owner and a public API key with every scope; helpers to read what n8n did. */
export async function n8nClient(baseUrl, child) {
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
	/** n8n's REST API as the editor calls it: signed in as the owner. */
	const rest = async (method, p, data) => {
		const init = { method, headers: { ...headers, cookie }, body: data && JSON.stringify(data) };
		return json(await fetch(`${baseUrl}${p}`, init), `${method} ${p}`);
	};
	const restGet = (p) => rest('GET', p);
	// Both versions want { label, scopes, expiresAt } and refuse scopes the owner's role lacks.
	const { data: scopes } = await restGet('/rest/api-keys/scopes');
	const key = { label: `e2e-${Date.now()}`, scopes, expiresAt: null };
	const { data } = await rest('POST', '/rest/api-keys', key);
	const apiKey = data.rawApiKey ?? data.apiKey;
	const apiGet = async (p) =>
		json(await fetch(`${baseUrl}/api/v1${p}`, { headers: { 'X-N8N-API-KEY': apiKey } }), p);
	/** Every execution (of `workflowId`), newest first. */
	const listExecutions = async (workflowId) => {
		const all = [];
		let cursor;
		do {
			const query = new URLSearchParams({
				limit: '250',
				...(workflowId && { workflowId }),
				...(cursor && { cursor }),
			});
			const page = await apiGet(`/executions?${query}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all;
	};
	const finished = async (workflowId) =>
		(await listExecutions(workflowId)).filter((e) => e.finished || e.stoppedAt);
	return {
		...{ cookie, apiKey, rest, restGet, apiGet, listExecutions, finished },
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

/** The path each webhook node listens on: n8n's Webhook node its own, a trigger <webhookId>/webhook. */
export const webhookPaths = (workflow) =>
	workflow.nodes
		.filter((node) => node.webhookId && !node.disabled)
		.map((node) =>
			node.type === 'n8n-nodes-base.webhook' ? node.parameters.path : `${node.webhookId}/webhook`,
		);

/**
 * Installs the package (a tarball, or the repository linked) and `extraPackages`, imports the
 * workflows and credentials, starts n8n, sets up the owner, and waits for every webhook path.
 */
export async function startN8n({
	flavor = process.env.N8N_FLAVOR || '2',
	port,
	brokerPort,
	userFolder,
	workflows = [],
	credentials = [],
	env = {},
	packageDir,
	packageTarball,
	extraPackages = [],
	keepUserFolder = false,
} = {}) {
	const t0 = Date.now();
	const runtime = await ensureRuntime({ flavor });
	port ??= await freePort();
	brokerPort ??= await freePort();
	const ownFolder = !userFolder;
	userFolder = path.resolve(userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-')));
	fs.rmSync(path.join(userFolder, '.n8n'), { recursive: true, force: true }); // fresh state
	fs.mkdirSync(userFolder, { recursive: true });
	const baseUrl = `http://127.0.0.1:${port}`;
	const fullEnv = n8nEnv({ runtime, userFolder, port, brokerPort, env });
	const logFile = path.join(userFolder, 'n8n.log');
	let child;
	const running = () => child; // the n8n process, also after restart()
	try {
		const pkg = installPackages(userFolder, { packageTarball, packageDir, extraPackages });
		const imported = await importWorkflows(runtime, fullEnv, workflows);
		const creds = await importCredentials(runtime, fullEnv, credentials);
		child = spawnN8n(runtime, fullEnv, { logFile });
		await waitForReady(baseUrl, child);
		const client = await n8nClient(baseUrl, running);
		const waitForWebhook = (p, method = 'POST', timeoutMs = 60000) =>
			waitUntil(`webhook ${p}`, () => isWebhookActive(baseUrl, p, method), {
				timeoutMs,
				child: running,
			});
		// Readiness turns OK before activation ends, so wait for each derivable webhook path.
		for (const p of imported.flatMap(webhookPaths)) await waitForWebhook(p);
		return {
			...client,
			...{ installed: runtime.installed, baseUrl, package: pkg, credentials: creds },
			seconds: (Date.now() - t0) / 1000,
			get process() {
				return child;
			},
			logFile,
			waitForWebhook,
			importCredentials: (list) => importCredentials(runtime, fullEnv, list),
			/** Stops n8n; then `restart()` starts it again on the same folder, database and ports. */
			stop: async () => {
				await stopN8n(child);
				if (ownFolder && !keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			},
			restart: async () => {
				await stopN8n(child);
				child = spawnN8n(runtime, fullEnv, { logFile: `${logFile}.${Date.now()}` });
				await waitForReady(baseUrl, child);
			},
		};
	} catch (e) {
		const tail = child?.logTail();
		await stopN8n(child);
		if (tail)
			e.message += `\n--- n8n log tail (${logFile}) ---\n${tail.split('\n').slice(-40).join('\n')}`;
		throw e;
	}
}
