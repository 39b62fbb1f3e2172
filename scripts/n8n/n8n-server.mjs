// Starts a real, pinned n8n with our package loaded, for end-to-end tests and benchmarks.
//   const n8n = await startN8n({ flavor: '2', workflows: [workflowJson] });
//   await fetch(`${n8n.baseUrl}/webhook/hello`, { method: 'POST' });
//   const [execution] = await n8n.waitForExecutions({ workflowId: n8n.workflowIds[0], count: 1 });
//   await n8n.stop();
// The parts live in setup.mjs, cli.mjs, process.mjs and owner.mjs; this file puts them together.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCredentials, importWorkflows, webhookPaths } from './cli.mjs';
import { BROWSER_ID, json, setupOwnerAndApiKey } from './owner.mjs';
import { isWebhookActive, spawnN8n, stopN8n, waitForReady, waitUntil } from './process.mjs';
import { ensureRuntime, REPO_ROOT, runtimeAt } from './runtime.mjs';
import { freePort, installPackageTarball, linkPackage, n8nEnv } from './setup.mjs';

export { importCredentials, importWorkflows, runCli, webhookPaths } from './cli.mjs';
export { BROWSER_ID, OWNER, setupOwnerAndApiKey } from './owner.mjs';
export { isWebhookActive, spawnN8n, stopN8n, waitForReady } from './process.mjs';
export { freePort, installPackageTarball, linkPackage, n8nEnv } from './setup.mjs';

export async function startN8n({
	flavor = process.env.N8N_FLAVOR || '2',
	port,
	brokerPort,
	userFolder,
	workflows = [],
	credentials = [],
	env = {},
	packageDir = REPO_ROOT,
	packageTarball,
	extraPackages = [], // more community packages: `npm pack` tarballs (.tgz) or folders (linked)
	runtimeDir, // a runtime root laid out like .n8n-runtime (e.g. a patched copy); default: the pinned one
	keepUserFolder = false,
	readyTimeoutMs = 180000,
	webhookTimeoutMs = 60000,
} = {}) {
	const t0 = Date.now();
	const runtime = runtimeDir ? runtimeAt(runtimeDir, flavor) : await ensureRuntime({ flavor });
	port ??= await freePort();
	brokerPort ??= await freePort();
	const ownFolder = !userFolder;
	userFolder = path.resolve(userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-')));
	fs.rmSync(path.join(userFolder, '.n8n'), { recursive: true, force: true }); // fresh state
	fs.mkdirSync(userFolder, { recursive: true });

	const baseUrl = `http://127.0.0.1:${port}`;
	const fullEnv = n8nEnv({ runtime, userFolder, port, brokerPort, env });
	const timings = {};
	const mark = (name, since) => (timings[name] = Number(((Date.now() - since) / 1000).toFixed(1)));
	let child;
	try {
		const pkg = packageTarball
			? installPackageTarball(userFolder, packageTarball)
			: linkPackage(userFolder, packageDir);
		for (const extra of extraPackages) {
			if (/\.t(ar\.)?gz$/.test(extra)) installPackageTarball(userFolder, extra);
			else linkPackage(userFolder, extra);
		}
		let t = Date.now();
		const imported = await importWorkflows(runtime, fullEnv, workflows);
		const creds = await importCredentials(runtime, fullEnv, credentials);
		mark('import', t);

		t = Date.now();
		const logFile = path.join(userFolder, 'n8n.log');
		child = spawnN8n(runtime, fullEnv, { logFile });
		await waitForReady(baseUrl, child, readyTimeoutMs);
		mark('ready', t);
		const { cookie, apiKey } = await setupOwnerAndApiKey(baseUrl);
		const authed = { cookie, 'browser-id': BROWSER_ID };
		const restGet = async (p) =>
			json(await fetch(`${baseUrl}${p}`, { headers: authed }), `GET ${p}`);
		const apiGet = async (p) =>
			json(
				await fetch(`${baseUrl}/api/v1${p}`, { headers: { 'X-N8N-API-KEY': apiKey } }),
				`GET ${p}`,
			);

		const listNodeTypes = async () => (await restGet('/types/nodes.json')).map((n) => n.name);
		const waitForWebhook = (p, method = 'POST', timeoutMs = webhookTimeoutMs) =>
			waitUntil(`webhook ${p}`, () => isWebhookActive(baseUrl, p, method), { timeoutMs, child });

		// Readiness turns OK before activation ends, so wait for each derivable webhook path.
		t = Date.now();
		const nodeTypes = imported.length ? await restGet('/types/nodes.json') : [];
		const hooks = imported.flatMap((wf) => webhookPaths(wf, nodeTypes));
		for (const p of hooks) await waitForWebhook(p, 'POST');
		mark('webhooks', t);
		mark('total', t0);

		const listExecutions = async (workflowId) => {
			const all = [];
			let cursor;
			do {
				const q = new URLSearchParams({ includeData: 'true', limit: '250' });
				if (workflowId) q.set('workflowId', workflowId);
				if (cursor) q.set('cursor', cursor);
				const page = await apiGet(`/executions?${q}`);
				all.push(...page.data);
				cursor = page.nextCursor;
			} while (cursor);
			return all;
		};

		return {
			flavor: runtime.flavor,
			runtimeDir: runtime.dir,
			baseUrl,
			port,
			brokerPort,
			userFolder,
			apiKey,
			cookie,
			package: pkg,
			workflowIds: imported.map((w) => w.id),
			workflows: imported,
			credentials: creds,
			webhookPaths: hooks,
			timings,
			process: child,
			logFile,
			logTail: () => child.logTail(),
			listExecutions,
			getExecution: (id) => apiGet(`/executions/${id}?includeData=true`),
			/** Polls the public API until `count` finished executions exist (newest first). */
			waitForExecutions: ({ workflowId, count = 1, timeoutMs = 30000 } = {}) =>
				waitUntil(
					`${count} execution(s)`,
					async () => {
						const list = (await listExecutions(workflowId)).filter(
							(e) => e.finished || e.stoppedAt,
						);
						return list.length >= count ? list : null;
					},
					{ timeoutMs, intervalMs: 300, child },
				),
			listNodeTypes,
			listCredentialTypes: async () =>
				(await restGet('/types/credentials.json')).map((c) => c.name),
			restGet,
			apiGet,
			waitForWebhook,
			importCredentials: (list) => importCredentials(runtime, fullEnv, list),
			stop: async () => {
				await stopN8n(child);
				if (ownFolder && !keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
			},
		};
	} catch (e) {
		const tail = child?.logTail?.();
		await stopN8n(child);
		if (tail)
			e.message += `\n--- n8n log tail (${userFolder}/n8n.log) ---\n${tail.split('\n').slice(-40).join('\n')}`;
		throw e;
	}
}
