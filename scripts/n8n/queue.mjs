// n8n in queue mode on one machine: Redis, Postgres, one main process, webhook processes behind
// a round-robin proxy, and a worker, every one on 127.0.0.1. Each n8n process has its own user
// folder with the package installed in it, as separate hosts or containers would; they share
// only Redis, Postgres and the encryption key. Used by `npm run start:queue`, the sandbox's
// --queue, the queue-mode e2e suite and `npm run bench:queue`.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { importCredentials, importWorkflows } from './cli.mjs';
import { installPackages } from './n8n-server.mjs';
import { n8nClient } from './owner.mjs';
import { isWebhookActive, spawnN8n, stopN8n, waitForReady, waitUntil } from './process.mjs';
import { startRoundRobinProxy } from './round-robin-proxy.mjs';
import { ensureRuntime } from './runtime.mjs';
import { startPostgres, startRedis } from './services.mjs';
import { freePorts, n8nEnv } from './setup.mjs';

const healthy = async (url) => {
	const res = await fetch(`${url}/healthz/readiness`);
	await res.arrayBuffer();
	return res.ok;
};

/**
 * Starts the topology in `dir` on `ports` (keys of setup.mjs PORTS; free ones when not given),
 * sets up the owner, and returns it with helpers. The package is installed from
 * `packageTarball` or linked from `packageDir`; two webhook processes and one worker.
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
	owner = true, // set up the owner account and an API key (helpers need them)
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
	const q = { dir, runtime, ports, stop };
	try {
		q.redis = await startRedis({ dir: path.join(dir, 'redis'), port: ports.redis });
		stops.push(q.redis.stop);
		q.postgres = await startPostgres({ dir: path.join(dir, 'postgres'), port: ports.postgres });
		stops.push(q.postgres.stop);
		q.publicUrl = `http://127.0.0.1:${ports.proxy}`;
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
			return {
				role,
				command,
				port,
				url: `http://127.0.0.1:${port}`,
				userFolder,
				package: installPackages(userFolder, { packageTarball, packageDir }),
				env: n8nEnv({ runtime, userFolder, port, brokerPort, env: { ...shared, ...extra } }),
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
		q.workflows = await importWorkflows(runtime, q.main.env, workflows);
		q.credentials = await importCredentials(runtime, q.main.env, credentials);

		const launch = async (proc) => {
			const logFile = proc.logFile;
			proc.child = spawnN8n(runtime, proc.env, { command: proc.command, logFile, terminal });
			stops.push(() => stopN8n(proc.child));
			if (proc.command === 'start') await waitForReady(proc.url, proc.child, 240000);
			else
				await waitUntil(`n8n ${proc.command} (${proc.role}) readiness`, () => healthy(proc.url), {
					child: proc.child,
					timeoutMs: 240000,
				});
		};
		// The main process registers the active webhooks in the database before the others read them.
		await launch(q.main);
		await Promise.all([...q.webhooks, q.worker].map(launch));
		q.proxy = await startRoundRobinProxy({
			backends: q.webhooks.map((w) => w.url),
			port: ports.proxy,
		});
		stops.push(q.proxy.stop);
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
		const workerLine = (id) => new RegExp(`Worker started execution ${id} \\(job`);
		/** Execution `id` ran on the worker, and on no other process. */
		q.assertRanOnWorker = (id) => {
			assert.match(
				q.readLog(q.worker),
				workerLine(id),
				`execution ${id} did not run on the worker`,
			);
			for (const proc of [q.main, ...q.webhooks])
				assert.doesNotMatch(q.readLog(proc), workerLine(id), `${proc.role} ran execution ${id}`);
		};
		return q;
	} catch (e) {
		for (const proc of q.processes ?? [])
			if (fs.existsSync(proc.logFile))
				e.message += `\n--- ${proc.role} ---\n${fs.readFileSync(proc.logFile, 'utf8').split('\n').slice(-15).join('\n')}`;
		await stop();
		throw e;
	}
}

/** `count` POSTs at once to <baseUrl>/webhook/<path>; latency percentiles (ms) and status counts. */
export async function burstLatencies(baseUrl, webhookPath, body, headersFor, count = 50) {
	const answers = await Promise.all(
		Array.from({ length: count }, (_, i) =>
			postJson(`${baseUrl}/webhook/${webhookPath}`, body, headersFor(i)),
		),
	);
	const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
	const at = (p) =>
		Number(ms[Math.min(ms.length - 1, Math.ceil((p / 100) * ms.length) - 1)].toFixed(1));
	const statuses = {};
	for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
	return { p50: at(50), p99: at(99), max: Number(ms.at(-1).toFixed(1)), statuses };
}

/** POST `body` (JSON unless a string) to `url`; status, text, the proxy's backend, time in ms. */
export async function postJson(url, body, headers = {}) {
	const started = process.hrtime.bigint();
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await res.text();
	return {
		status: res.status,
		text,
		servedBy: res.headers.get('x-served-by') ?? undefined,
		ms: Number(process.hrtime.bigint() - started) / 1e6,
	};
}
