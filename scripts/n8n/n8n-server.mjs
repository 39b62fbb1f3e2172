// Starts a real, pinned n8n with our package loaded, for the sandbox, e2e tests and benchmarks.
//   const n8n = await startN8n({ flavor: '2', workflows: [workflowJson] });
//   await fetch(`${n8n.baseUrl}/webhook/hello`, { method: 'POST' });
//   const [execution] = await n8n.waitForExecutions({ workflowId: n8n.workflowIds[0], count: 1 });
//   await n8n.stop();
// The parts live in setup.mjs, cli.mjs, process.mjs and owner.mjs; this file puts them together.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importCredentials, importWorkflows, webhookPaths } from './cli.mjs';
import { n8nClient } from './owner.mjs';
import { isWebhookActive, spawnN8n, stopN8n, waitForReady, waitUntil } from './process.mjs';
import { ensureRuntime, REPO_ROOT, runtimeAt } from './runtime.mjs';
import { freePort, installPackageTarball, linkPackage, n8nEnv } from './setup.mjs';

// The launchers' API, for the suites that run a real n8n (test/e2e, test/browser).
export { importCredentials, importWorkflows, runCli, webhookPaths } from './cli.mjs';
export { BROWSER_ID, OWNER, setupOwnerAndApiKey } from './owner.mjs';
export { isWebhookActive, spawnN8n, stopN8n, waitForReady } from './process.mjs';
export {
	freePort,
	freePorts,
	installPackageTarball,
	linkPackage,
	n8nEnv,
	packPackage,
} from './setup.mjs';

/** Installs `packageTarball` (as n8n's installer does) or links `packageDir`, then `extraPackages`. */
export function installPackages(
	userFolder,
	{ packageTarball, packageDir = REPO_ROOT, extraPackages = [] },
) {
	const pkg = packageTarball
		? installPackageTarball(userFolder, packageTarball)
		: linkPackage(userFolder, packageDir);
	for (const extra of extraPackages) {
		if (/\.t(ar\.)?gz$/.test(extra)) installPackageTarball(userFolder, extra);
		else linkPackage(userFolder, extra);
	}
	return pkg;
}

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
	const logFile = path.join(userFolder, 'n8n.log');
	let child;
	try {
		const pkg = installPackages(userFolder, { packageTarball, packageDir, extraPackages });
		let t = Date.now();
		const imported = await importWorkflows(runtime, fullEnv, workflows);
		const creds = await importCredentials(runtime, fullEnv, credentials);
		mark('import', t);

		t = Date.now();
		child = spawnN8n(runtime, fullEnv, { logFile });
		await waitForReady(baseUrl, child, readyTimeoutMs);
		mark('ready', t);
		const client = await n8nClient(baseUrl, child);
		const waitForWebhook = (p, method = 'POST', timeoutMs = webhookTimeoutMs) =>
			waitUntil(`webhook ${p}`, () => isWebhookActive(baseUrl, p, method), { timeoutMs, child });

		// Readiness turns OK before activation ends, so wait for each derivable webhook path.
		t = Date.now();
		const nodeTypes = imported.length ? await client.restGet('/types/nodes.json') : [];
		const hooks = imported.flatMap((wf) => webhookPaths(wf, nodeTypes));
		for (const p of hooks) await waitForWebhook(p, 'POST');
		mark('webhooks', t);
		mark('total', t0);

		return {
			...client,
			flavor: runtime.flavor,
			runtimeDir: runtime.dir,
			installed: runtime.installed,
			baseUrl,
			port,
			brokerPort,
			userFolder,
			package: pkg,
			workflowIds: imported.map((w) => w.id),
			workflows: imported,
			credentials: creds,
			webhookPaths: hooks,
			timings,
			process: child,
			logFile,
			logTail: () => child.logTail(),
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
			e.message += `\n--- n8n log tail (${logFile}) ---\n${tail.split('\n').slice(-40).join('\n')}`;
		throw e;
	}
}
