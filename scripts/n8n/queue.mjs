// n8n in queue mode on one machine: Redis, Postgres, one main process, webhook processes behind a
// round-robin proxy, and a worker, every one on 127.0.0.1. Each n8n process has its own user
// folder with the package installed in it, as separate hosts or containers would; they share
// only Redis, Postgres and the encryption key. Used by `npm run start:queue`, the sandbox's
// --queue, the queue-mode e2e suite and `npm run bench:queue`.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { isWebhookActive, n8nClient, ok, waitForReady } from './n8n-server.mjs';
import { freePorts } from './options.mjs';
import { spawnN8n, stopN8n, waitUntil } from './process.mjs';
import { ensureRuntime } from './runtime.mjs';
import { startPostgres, startRedis, startRoundRobinProxy } from './services.mjs';
import { importCredentials, importWorkflows, installPackages, n8nEnv } from './user-folder.mjs';

const healthy = async (url) => (await ok(`${url}/healthz/readiness`)).ok;

/**
 * Starts the topology in `dir` on `ports` (keys of options.mjs PORTS; free ones when not given),
 * sets up the owner (unless `owner` is false), and returns it with helpers. The package is
 * installed from `packageTarball` or linked from `packageDir`; two webhook processes, one worker.
 */
export async function startQueue({
	dir,
	ports,
	flavor = '2',
	workflows = [],
	credentials = [],
	packageTarball,
	packageDir,
	encryptionKey = crypto.randomBytes(24).toString('base64url'),
	owner = true,
	terminal, // a prefix: print the processes' output (expected noise explained), e.g. "[start:queue]"
	env = {},
}) {
	ports ??= await freePorts();
	const runtime = await ensureRuntime({ flavor });
	fs.mkdirSync(dir, { recursive: true });
	const stops = [];
	const stop = async () => {
		for (const s of stops.splice(0).reverse()) await s().catch(() => {});
	};
	const q = { dir, runtime, ports, stop, publicUrl: `http://127.0.0.1:${ports.proxy}` };
	try {
		q.redis = await startRedis({ dir: path.join(dir, 'redis'), port: ports.redis });
		stops.push(q.redis.stop);
		q.postgres = await startPostgres({ dir: path.join(dir, 'postgres'), port: ports.postgres });
		stops.push(q.postgres.stop);
		const shared = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(ports.redis),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(ports.postgres),
			DB_POSTGRESDB_DATABASE: q.postgres.database,
			DB_POSTGRESDB_USER: q.postgres.user,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: encryptionKey, // every process must decrypt the same credentials
			// The editor shows the load balancer's URL (2.x reads N8N_WEBHOOK_URL, 1.x WEBHOOK_URL).
			[runtime.flavor === '1' ? 'WEBHOOK_URL' : 'N8N_WEBHOOK_URL']: `${q.publicUrl}/`,
			// OAuth2 redirect URIs derive from this; without it they would point at the webhook URL.
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${ports.main}/`,
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			...env,
		};
		const prepare = (role, command, port, brokerPort, extra = {}) => {
			const userFolder = path.join(dir, role);
			fs.mkdirSync(userFolder, { recursive: true });
			const processEnv = n8nEnv({
				runtime,
				userFolder,
				port,
				brokerPort,
				env: { ...shared, ...extra },
			});
			const url = `http://127.0.0.1:${port}`;
			const pkg = installPackages(userFolder, { packageTarball, packageDir });
			return {
				...{ role, command, port, url, userFolder, package: pkg, env: processEnv },
				logFile: path.join(userFolder, 'n8n.log'),
			};
		};
		// Main: editor, REST API and activation; production webhooks go to the webhook processes.
		// With manual executions offloaded to the worker, main starts no task runner (no broker).
		q.main = prepare('main', 'start', ports.main, ports.mainBroker, {
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		// Webhook processes run no task runner, so they get no broker port of their own.
		q.webhooks = [ports.webhook1, ports.webhook2].map((port, i) =>
			prepare(`webhook-${i + 1}`, 'webhook', port, ports.workerBroker),
		);
		q.worker = prepare('worker', 'worker', ports.worker, ports.workerBroker, {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(ports.worker),
		});
		q.processes = [q.main, ...q.webhooks, q.worker];
		await importWorkflows(runtime, q.main.env, workflows);
		await importCredentials(runtime, q.main.env, credentials);
		const launch = async (proc) => {
			proc.child = spawnN8n(runtime, proc.env, {
				command: proc.command,
				logFile: proc.logFile,
				terminal,
			});
			stops.push(() => stopN8n(proc.child));
			if (proc.command === 'start') return waitForReady(proc.url, proc.child, 240000);
			const what = `n8n ${proc.command} (${proc.role}) readiness`;
			await waitUntil(what, () => healthy(proc.url), { child: proc.child, timeoutMs: 240000 });
		};
		// The main process registers the active webhooks in the database before the others read them.
		await launch(q.main);
		await Promise.all([...q.webhooks, q.worker].map(launch));
		const proxy = await startRoundRobinProxy({
			backends: q.webhooks.map((w) => w.url),
			port: ports.proxy,
		});
		stops.push(proxy.stop);
		if (owner) Object.assign(q, await n8nClient(q.main.url, q.main.child));
		/** A CORS preflight answers 204 once a webhook process knows the path; it runs nothing. */
		q.waitForWebhookPath = (webhookPath) =>
			Promise.all(
				q.webhooks.map((w) =>
					waitUntil(`${webhookPath} on ${w.role}`, () => isWebhookActive(w.url, webhookPath), {
						child: w.child,
						timeoutMs: 60000,
					}),
				),
			);
		/** Stops and starts webhook processes and/or the worker (their memory is gone after). */
		q.restart = async (procs) => {
			await Promise.all(procs.map((p) => stopN8n(p.child)));
			for (const p of procs) fs.renameSync(p.logFile, `${p.logFile}.${Date.now()}`);
			await Promise.all(procs.map(launch));
		};
		/** Everything a process wrote so far (current and rotated logs). */
		q.readLog = (proc) =>
			fs
				.readdirSync(proc.userFolder)
				.filter((f) => f.startsWith('n8n.log'))
				.map((f) => fs.readFileSync(path.join(proc.userFolder, f), 'utf8'))
				.join('\n');
		/** Execution `id` ran on the worker, and on no other process. */
		q.assertRanOnWorker = (id) => {
			const line = new RegExp(`Worker started execution ${id} \\(job`);
			assert.match(q.readLog(q.worker), line, `execution ${id} did not run on the worker`);
			for (const proc of [q.main, ...q.webhooks])
				assert.doesNotMatch(q.readLog(proc), line, `${proc.role} ran execution ${id}`);
		};
		return q;
	} catch (e) {
		for (const proc of (q.processes ?? []).filter((p) => fs.existsSync(p.logFile))) {
			const tail = fs.readFileSync(proc.logFile, 'utf8').split('\n').slice(-15).join('\n');
			e.message += `\n--- ${proc.role} ---\n${tail}`;
		}
		await stop();
		throw e;
	}
}
