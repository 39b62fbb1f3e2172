// Starts a real n8n with this package loaded, for trying the nodes by hand.
//   node scripts/n8n/start.mjs [--flavor 2|1] [--port 5678] [--package <dir, default: repo root>]
// Build first (npm run build); the runtime is installed on first use into .n8n-runtime/.
// Data (owner account, workflows, credentials) persists in .n8n-data/<flavor>/.
import fs from 'node:fs';
import path from 'node:path';
import { ensureRuntime, parseFlavor, REPO_ROOT } from './runtime.mjs';
import { linkPackage, n8nEnv, spawnN8n, stopN8n, waitForReady } from './n8n-server.mjs';
import { arg, assertPortFree } from './setup.mjs';

async function main() {
	const flavor = parseFlavor(process.argv.slice(2));
	const port = Number(arg('port', process.env.N8N_PORT || 5678));
	const brokerPort = Number(process.env.N8N_RUNNERS_BROKER_PORT || port + 1);
	const userFolder = path.resolve(
		process.env.N8N_USER_FOLDER || path.join(REPO_ROOT, '.n8n-data', flavor),
	);
	await assertPortFree(port, '--port');
	await assertPortFree(brokerPort, 'N8N_RUNNERS_BROKER_PORT');

	fs.mkdirSync(userFolder, { recursive: true });
	const packageDir = path.resolve(arg('package', REPO_ROOT));
	const pkg = linkPackage(userFolder, packageDir); // fails fast when dist/ is missing
	const runtime = await ensureRuntime({ flavor });
	console.log(
		`[start] n8n ${flavor}.x, data in ${userFolder}, ${pkg.name}@${pkg.version} linked from ${packageDir}`,
	);

	const env = n8nEnv({ runtime, userFolder, port, brokerPort });
	const t0 = Date.now();
	const child = spawnN8n(runtime, env, { inherit: true });

	let stopping = false;
	for (const sig of ['SIGINT', 'SIGTERM']) {
		process.on(sig, () => {
			if (stopping) return;
			stopping = true;
			console.log(`[start] ${sig}: stopping n8n...`);
			stopN8n(child).then(() => process.exit(0));
		});
	}
	child.on('exit', (code, signal) => {
		if (!stopping) {
			console.error(`[start] n8n exited (code ${code}, signal ${signal})`);
			process.exit(code ?? 1);
		}
	});

	const baseUrl = `http://127.0.0.1:${port}`;
	try {
		await waitForReady(baseUrl, child, 180000);
	} catch (e) {
		console.error(`[start] ${e.message}`);
		await stopN8n(child);
		process.exit(1);
	}
	console.log(`\n[start] ready in ${((Date.now() - t0) / 1000).toFixed(1)}s. Open ${baseUrl}\n`);
}

main().catch((e) => {
	console.error(`[start] ${e.message}`);
	process.exit(1);
});
