// n8n in queue mode on one machine: Redis, Postgres, one main process, webhook processes behind
// a round-robin proxy, and a worker. Each n8n process has its own user folder with the package
// installed in it, as separate hosts or containers would; they share only Redis, Postgres and
// the encryption key. Used by test/e2e/queue.e2e.test.mjs and `npm run start:queue`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ensureRuntime, REPO_ROOT } from './runtime.mjs';
import {
	freePort,
	importCredentials,
	importWorkflows,
	installPackageTarball,
	isWebhookActive,
	linkPackage,
	n8nEnv,
	spawnN8n,
	stopN8n,
	waitForReady,
} from './n8n-server.mjs';
import { startRoundRobinProxy } from './round-robin-proxy.mjs';
import { startPostgres, startRedis } from './services.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, { timeoutMs = 180000, child } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null)
			throw new Error(`${what}: process exited (code ${child.exitCode})\n${child.logTail()}`);
		try {
			if (await fn()) return;
		} catch (e) {
			last = e;
		}
		await sleep(300);
	}
	throw new Error(
		`timed out waiting for ${what}${last ? `: ${last.message}` : ''}${child ? `\n${child.logTail()}` : ''}`,
	);
}

const healthy = async (url) => {
	const res = await fetch(`${url}/healthz/readiness`);
	await res.arrayBuffer();
	return res.ok;
};

/**
 * Starts the topology in `dir`. The package is installed from `packageTarball` (as n8n's
 * installer does) or linked from `packageDir`. `webhookCount` webhook processes, one worker.
 */
export async function startQueue({
	dir,
	flavor = '2',
	webhookCount = 2,
	workflows = [],
	credentials = [],
	packageTarball,
	packageDir = REPO_ROOT,
	mainPort,
	proxyPort,
	encryptionKey = crypto.randomBytes(24).toString('base64url'),
	inherit = false,
	env = {},
}) {
	const runtime = await ensureRuntime({ flavor });
	fs.mkdirSync(dir, { recursive: true });
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.splice(0).reverse()) await stop().catch(() => {});
	};
	try {
		const redis = await startRedis({ dir: path.join(dir, 'redis'), port: await freePort() });
		stops.push(redis.stop);
		const postgres = await startPostgres({
			dir: path.join(dir, 'postgres'),
			port: await freePort(),
		});
		stops.push(postgres.stop);
		proxyPort ??= await freePort();
		mainPort ??= await freePort();
		const publicUrl = `http://127.0.0.1:${proxyPort}`;

		const shared = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: encryptionKey, // every process must decrypt the same credentials
			WEBHOOK_URL: `${publicUrl}/`, // the editor shows the load balancer's URL
			// OAuth2 redirect URIs derive from this; without it they would point at WEBHOOK_URL.
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${mainPort}/`,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...env,
		};
		const roles = {};
		const prepare = async (role, port, extra = {}) => {
			const userFolder = path.join(dir, role);
			fs.mkdirSync(userFolder, { recursive: true });
			const pkg = packageTarball
				? installPackageTarball(userFolder, packageTarball)
				: linkPackage(userFolder, packageDir);
			const roleEnv = n8nEnv({
				runtime,
				userFolder,
				port,
				brokerPort: await freePort(),
				env: { ...shared, ...extra },
			});
			roles[role] = {
				role,
				port,
				url: `http://127.0.0.1:${port}`,
				userFolder,
				env: roleEnv,
				package: pkg,
				logFile: path.join(userFolder, 'n8n.log'),
			};
			return roles[role];
		};

		// Main: editor, REST API and workflow activation; production webhooks go to the webhook processes.
		const main = await prepare('main', mainPort, { N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' });
		const webhooks = [];
		for (let i = 1; i <= webhookCount; i++)
			webhooks.push(await prepare(`webhook-${i}`, await freePort()));
		const healthPort = await freePort();
		const worker = await prepare('worker', healthPort, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(healthPort),
		});

		const imported = await importWorkflows(runtime, main.env, workflows);
		const creds = await importCredentials(runtime, main.env, credentials);

		const launch = async (proc, command) => {
			proc.command = command;
			proc.child = spawnN8n(runtime, proc.env, {
				command,
				logFile: inherit ? undefined : proc.logFile,
				inherit,
			});
			stops.push(() => stopN8n(proc.child));
			if (command === 'start') await waitForReady(proc.url, proc.child, 240000);
			else
				await waitFor(`n8n ${command} (${proc.role}) readiness`, () => healthy(proc.url), {
					child: proc.child,
					timeoutMs: 240000,
				});
		};
		// The main process registers the active webhooks in the database before the others read them.
		await launch(main, 'start');
		await Promise.all([...webhooks.map((w) => launch(w, 'webhook')), launch(worker, 'worker')]);
		const proxy = await startRoundRobinProxy({
			backends: webhooks.map((w) => w.url),
			port: proxyPort,
		});
		stops.push(proxy.stop);

		const topology = {
			dir,
			runtime,
			redis,
			postgres,
			main,
			webhooks,
			worker,
			proxy,
			publicUrl,
			workflows: imported,
			credentials: creds,
			/** A CORS preflight answers 204 once a webhook process knows the path; it runs nothing. */
			waitForWebhookPath: (webhookPath) =>
				Promise.all(
					webhooks.map((w) =>
						waitFor(`${webhookPath} on ${w.role}`, () => isWebhookActive(w.url, webhookPath), {
							child: w.child,
							timeoutMs: 60000,
						}),
					),
				),
			/** Stops and starts webhook processes and/or the worker (their memory is gone after). */
			restart: async (procs) => {
				await Promise.all(procs.map((p) => stopN8n(p.child)));
				await Promise.all(
					procs.map((p) => {
						fs.renameSync(p.logFile, `${p.logFile}.${Date.now()}`);
						return launch(p, p.command);
					}),
				);
			},
			/** Everything each process wrote so far (current and rotated logs). */
			readLog: (proc) =>
				fs
					.readdirSync(proc.userFolder)
					.filter((f) => f.startsWith('n8n.log'))
					.map((f) => fs.readFileSync(path.join(proc.userFolder, f), 'utf8'))
					.join('\n'),
			stop: stopAll,
		};
		return topology;
	} catch (e) {
		await stopAll();
		throw e;
	}
}
