// npm start: a real n8n with this package loaded, for trying the nodes by hand; npm run
// start:queue (--queue): the same in queue mode, webhook processes behind a round-robin proxy
// (needs redis-server and postgresql). --help prints the options; --package <dir> loads another
// package. Ports: options.mjs PORTS (README's ports table). Build first
// (npm run build); the runtime is installed on first use into .n8n-runtime/. Data persists in
// .n8n-data/<flavor>/ or N8N_USER_FOLDER (queue mode: .n8n-data/queue/ or N8N_QUEUE_DATA).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { waitForReady } from './n8n-server.mjs';
import {
	arg,
	assertPortsFree,
	exitWithHelpIfAsked,
	flavorOption,
	resolvePorts,
} from './options.mjs';
import { spawnN8n, stopN8n, stopOnSignal } from './process.mjs';
import { startQueue } from './queue.mjs';
import { ensureRuntime, REPO_ROOT, seconds } from './runtime.mjs';
import { missingServices } from './services.mjs';
import { linkPackage, n8nEnv } from './user-folder.mjs';

/** A path as the user can read it: relative to where they are when inside it. */
export const shown = (file) =>
	path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file);

/** The line after a start: how long it took, and on a first start how long each step took. */
export function readyLine(t0, runtime) {
	const i = runtime.installed;
	const start = i && seconds(t0) - i.installSeconds - i.sqliteSeconds;
	const steps = i
		? ` (first start: install ${i.installSeconds} s, SQLite driver ${i.sqliteSeconds} s, start ${start} s)`
		: '';
	return `ready in ${seconds(t0)} s${steps}`;
}

/** Where each process of a queue topology listens, and its logs. */
export function queueSummary(q) {
	return [
		`  editor (main process)        ${q.main.url}`,
		`  production webhooks (proxy)  ${q.publicUrl}/webhook/...  ->  ${q.webhooks.map((w) => w.url).join(', ')}`,
		`  worker health check          ${q.worker.url}/healthz`,
		`  worker's task broker         127.0.0.1:${q.ports.workerBroker} (main runs no task runner here)`,
		`  Redis 127.0.0.1:${q.ports.redis}, Postgres 127.0.0.1:${q.ports.postgres} (database n8n, user n8n)`,
		`  logs                         ${q.processes.map((p) => shown(p.logFile)).join(', ')}`,
	].join('\n');
}

/** Fails when queue mode cannot run here, naming what to install. */
export function assertQueueServices() {
	const missing = missingServices();
	if (missing.length) throw new Error(`queue mode needs ${missing.join(' and ')}`);
}

const data = (name, variable) =>
	path.resolve(process.env[variable] || path.join(REPO_ROOT, '.n8n-data', name));

async function single(flavor, ports, t0) {
	const userFolder = data(flavor, 'N8N_USER_FOLDER');
	fs.mkdirSync(userFolder, { recursive: true });
	const pkg = linkPackage(userFolder, path.resolve(arg('package', REPO_ROOT))); // fails fast without dist/
	const runtime = await ensureRuntime({ flavor });
	const what = `n8n ${flavor}.x with ${pkg.name}@${pkg.version} (data in ${userFolder})`;
	console.log(`[start] ${runtime.installed ? 'step 3/3 ' : ''}starting ${what}`);
	const env = n8nEnv({ runtime, userFolder, port: ports.main, brokerPort: ports.mainBroker });
	const logFile = path.join(userFolder, 'n8n.log');
	const child = spawnN8n(runtime, env, { terminal: '[start]', logFile });
	const stop = stopOnSignal('[start]', () => stopN8n(child));
	child.on('exit', (code) => stop(`n8n exited (code ${code}); its log: ${logFile}`, 1));
	const url = `http://127.0.0.1:${ports.main}`;
	await waitForReady(url, child);
	const settings = await (await fetch(`${url}/rest/settings`)).json();
	const owner = settings.data?.userManagement?.showSetupOnFirstLoad
		? `  1. n8n asks for an owner account (any email; a password of 8+ characters with a number and a capital letter). It stays in ${shown(userFolder)}.\n  2.`
		: '  1.';
	console.log(`
[start] ${readyLine(t0, runtime)}. Open ${url}
${owner} Create a workflow (+ at the top left), add a node and type "Kakao" in the search.
  A credential needs a Kakao app's keys; to try every operation without them: npm run sandbox
  n8n's full log: ${shown(logFile)}. Ctrl+C stops n8n.
`);
}

async function queueMode(flavor, ports, t0) {
	assertQueueServices();
	const dir = data('queue', 'N8N_QUEUE_DATA');
	fs.mkdirSync(dir, { recursive: true });
	// The processes must share one encryption key; keep it with the data so restarts can decrypt.
	const keyFile = path.join(dir, 'encryption-key');
	if (!fs.existsSync(keyFile))
		fs.writeFileSync(keyFile, crypto.randomBytes(24).toString('base64url'), { mode: 0o600 });
	console.log(
		`[start:queue] starting Redis, Postgres and 4 n8n processes (data in ${dir}); a first start takes a few minutes`,
	);
	let q;
	const stop = stopOnSignal('[start:queue]', () => q?.stop());
	const encryptionKey = fs.readFileSync(keyFile, 'utf8').trim();
	q = await startQueue({ dir, ports, flavor, owner: false, encryptionKey });
	for (const proc of q.processes)
		proc.child.on('exit', (code) =>
			stop(`${proc.role} exited (code ${code}), see ${proc.logFile}`, 1),
		);
	console.log(`
[start:queue] ${readyLine(t0, q.runtime)}
${queueSummary(q)}
  Open ${q.main.url} and set up the owner account. To start seeded (owner, credential, emulator,
  sample workflows) use npm run sandbox -- --queue instead. Ctrl+C stops everything.
`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	exitWithHelpIfAsked(`usage: npm start -- [--flavor 2|1] [--queue] [--port 5678] [port flags]
  --flavor 2|1   n8n 2.41.1 (default) or 1.123.81 (npm run start:n8n1)
  --queue        queue mode: Redis, Postgres, main, 2 webhook processes, a worker (npm run start:queue)
  An empty n8n: create the owner account at its address. Seeded with a Kakao emulator, a
  credential and sample workflows instead: npm run sandbox (-- --queue).`);
	const t0 = Date.now();
	const queue = process.argv.includes('--queue');
	const ports = resolvePorts();
	const keys = queue
		? Object.keys(ports).filter((k) => !['emulator', 'mainBroker'].includes(k))
		: ['main', 'mainBroker'];
	assertPortsFree(ports, keys)
		.then(() => (queue ? queueMode : single)(flavorOption(), ports, t0))
		.catch((e) => {
			console.error(`[${queue ? 'start:queue' : 'start'}] ${e.message}`);
			process.exit(1);
		});
}
