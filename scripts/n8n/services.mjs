// What queue mode needs beside n8n, on loopback ports in a folder of our own: Redis and Postgres
// from Debian's packages (`apt-get install redis-server postgresql`; nothing runs as a system
// service), and a round-robin HTTP proxy in front of the webhook processes, as a load balancer.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { spawnGroup, stopN8n, waitUntil } from './process.mjs';

const onPath = (bin) =>
	(process.env.PATH || '')
		.split(path.delimiter)
		.map((dir) => path.join(dir, bin))
		.find((file) => fs.existsSync(file)) ?? null;

/** Debian keeps initdb and postgres in /usr/lib/postgresql/<major>/bin, off PATH. Newest wins. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
	const dir = majors
		.sort((a, b) => b - a)
		.map((major) => path.join(root, major, 'bin'))
		.find((d) => ['initdb', 'postgres'].every((bin) => fs.existsSync(path.join(d, bin))));
	const initdb = onPath('initdb');
	return dir ?? (initdb && onPath('postgres') ? path.dirname(fs.realpathSync(initdb)) : null);
}

/** What is missing to run queue mode here, or [] when Redis and Postgres are both installed. */
export function missingServices() {
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server (apt-get install redis-server)');
	if (!postgresBinDir()) missing.push('initdb/postgres (apt-get install postgresql)');
	return missing;
}

const portOpen = (port) =>
	new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => socket.end(() => resolve(true)));
		socket.once('error', () => resolve(false));
	});

/** Starts a service's process and waits until it listens on `port`; { port, pid, stop }. */
async function startService(name, cmd, args, { dir, port, stopSignal = 'SIGTERM' }) {
	const child = spawnGroup(cmd, args, { logFile: path.join(dir, `${name}.log`), lines: 30 });
	const listening = () => portOpen(port);
	await waitUntil(`${name} on 127.0.0.1:${port}`, listening, {
		timeoutMs: 30000,
		intervalMs: 100,
		child,
	}).catch((e) => {
		throw new Error(`${e.message}: ${child.logTail()}`);
	});
	return { port, host: '127.0.0.1', pid: child.pid, stop: () => stopN8n(child, 10000, stopSignal) };
}

/** redis-server on 127.0.0.1:<port>, no persistence (the queue only needs it while it runs). */
export function startRedis({ dir, port }) {
	fs.mkdirSync(dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	return startService(
		'redis',
		onPath('redis-server'),
		[...args, '--dir', dir, '--protected-mode', 'yes'],
		{ dir, port },
	);
}

/**
 * Postgres on 127.0.0.1:<port> with a database `n8n` of user `n8n` (trust auth on loopback).
 * initdb and postgres refuse to run as root, so as root they run as the `postgres` user that the
 * Debian package creates (the folder is handed to it). An existing cluster in `dir` is kept.
 */
export async function startPostgres({ dir, port }) {
	const bin = postgresBinDir();
	if (!bin) throw new Error('Postgres is not installed (apt-get install postgresql)');
	const asRoot = process.getuid?.() === 0;
	const as = (cmd, args) =>
		asRoot
			? ['runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]]
			: [path.join(bin, cmd), args];
	const dataDir = path.join(dir, 'data');
	fs.mkdirSync(path.join(dir, 'socket'), { recursive: true });
	if (asRoot) {
		// Every folder above dir must be enterable by `postgres`. Temp folders (mkdtemp makes them
		// 0700) are opened up; anything else is the user's to decide.
		const tmp = fs.realpathSync(os.tmpdir());
		for (let d = fs.realpathSync(dir); d !== path.dirname(d); d = path.dirname(d)) {
			const { mode } = fs.statSync(d);
			if (mode & 0o001) continue;
			if (!d.startsWith(`${tmp}${path.sep}`))
				throw new Error(
					`the postgres user cannot enter ${d}: chmod o+x it or choose another data folder`,
				);
			fs.chmodSync(d, mode | 0o011);
		}
		execFileSync('chown', ['-R', 'postgres:', dir]);
	}
	const fresh = !fs.existsSync(path.join(dataDir, 'PG_VERSION'));
	if (fresh)
		execFileSync(
			...as('initdb', ['-D', dataDir, '-U', 'n8n', '--auth=trust', '--encoding=UTF8', '--no-sync']),
			{ stdio: 'pipe' },
		);
	const settings = [
		`listen_addresses=127.0.0.1`,
		`unix_socket_directories=${path.join(dir, 'socket')}`,
	];
	settings.push('fsync=off', 'max_connections=100');
	const [cmd, args] = as('postgres', [
		'-D',
		dataDir,
		'-p',
		String(port),
		...settings.flatMap((s) => ['-c', s]),
	]);
	// SIGINT is Postgres' "fast shutdown": ends sessions, then exits cleanly.
	const service = await startService('postgres', cmd, args, { dir, port, stopSignal: 'SIGINT' });
	// The port opens a moment before connections are accepted; createdb retries until then.
	const createdb = [
		path.join(bin, 'createdb'),
		['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'],
	];
	if (fresh)
		await waitUntil('createdb', () => execFileSync(...createdb, { stdio: 'pipe' }) && true, {
			timeoutMs: 10000,
			intervalMs: 200,
		});
	return { ...service, user: 'n8n', database: 'n8n' };
}

/** A round-robin proxy to `backends`; each answer carries `x-served-by: <backend index>`. */
export function startRoundRobinProxy({ backends, port = 0, host = '127.0.0.1' }) {
	let next = 0;
	const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
	const server = http.createServer((req, res) => {
		const index = next++ % backends.length;
		const target = new URL(req.url, backends[index]);
		const headers = { ...req.headers, host: target.host };
		const upstream = http.request(target, { method: req.method, headers, agent }, (answer) => {
			res.writeHead(answer.statusCode, { ...answer.headers, 'x-served-by': String(index) });
			answer.pipe(res);
		});
		upstream.on('error', (error) => {
			if (!res.headersSent)
				res.writeHead(502, { 'content-type': 'application/json', 'x-served-by': String(index) });
			res.end(JSON.stringify({ error: 'bad_gateway', backend: index, reason: error.message }));
		});
		req.pipe(upstream);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () =>
			resolve({
				url: `http://${host}:${server.address().port}`,
				stop: () =>
					new Promise((r) => {
						agent.destroy();
						server.closeAllConnections();
						server.close(() => r());
					}),
			}),
		);
	});
}
