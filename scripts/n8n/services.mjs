// Redis and Postgres from Debian's packages (`apt-get install redis-server postgresql`), started
// on loopback ports in a folder of our own: nothing runs as a system service. Used by the
// queue-mode e2e test and `npm run start:queue`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnGroup, stopN8n } from './process.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function onPath(bin) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const file = path.join(dir, bin);
		if (fs.existsSync(file)) return file;
	}
	return null;
}

/** Debian keeps initdb/postgres in /usr/lib/postgresql/<major>/bin, off PATH. Newest wins. */
function postgresBinDir() {
	const root = '/usr/lib/postgresql';
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => /^\d+$/.test(v))
				.sort((a, b) => b - a)
		: [];
	for (const major of majors) {
		const dir = path.join(root, major, 'bin');
		if (fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres')))
			return dir;
	}
	const initdb = onPath('initdb');
	return initdb && onPath('postgres') ? path.dirname(fs.realpathSync(initdb)) : null;
}

/** What is missing to run queue mode here, or [] when Redis and Postgres are both installed. */
export function missingServices() {
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server (apt-get install redis-server)');
	if (!postgresBinDir()) missing.push('initdb/postgres (apt-get install postgresql)');
	return missing;
}

function portOpen(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => socket.end(() => resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

async function waitForPort(name, port, child, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null)
			throw new Error(`${name} exited (code ${child.exitCode}): ${child.logTail()}`);
		if (await portOpen(port)) return;
		await sleep(100);
	}
	throw new Error(
		`${name} did not listen on 127.0.0.1:${port} within ${timeoutMs / 1000}s: ${child.logTail()}`,
	);
}

/** redis-server on 127.0.0.1:<port>, no persistence (the queue only needs it while it runs). */
export async function startRedis({ dir, port }) {
	fs.mkdirSync(dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
	args.push('--dir', dir, '--protected-mode', 'yes');
	const child = spawnGroup(onPath('redis-server'), args, {
		logFile: path.join(dir, 'redis.log'),
		lines: 30,
	});
	await waitForPort('redis-server', port, child);
	return { port, host: '127.0.0.1', pid: child.pid, stop: () => stopN8n(child, 10000) };
}

/**
 * Postgres on 127.0.0.1:<port> with a database `n8n` owned by user `n8n` (trust auth on loopback).
 * initdb and postgres refuse to run as root, so as root they run as the `postgres` user that the
 * Debian package creates (the folder is handed to it). Keeps an existing cluster in `dir`.
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
	const socketDir = path.join(dir, 'socket');
	fs.mkdirSync(socketDir, { recursive: true });
	if (asRoot) {
		// Every folder above dir must be enterable by `postgres`. Temp folders (mkdtemp makes them
		// 0700) are opened up; anything else is the user's to decide.
		const tmp = fs.realpathSync(os.tmpdir());
		for (let d = fs.realpathSync(dir); d !== path.dirname(d); d = path.dirname(d)) {
			const mode = fs.statSync(d).mode;
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
	if (fresh) {
		const [cmd, args] = as('initdb', [
			'-D',
			dataDir,
			'-U',
			'n8n',
			'--auth=trust',
			'--encoding=UTF8',
			'--no-sync',
		]);
		execFileSync(cmd, args, { stdio: 'pipe' });
	}
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${socketDir}`]
		.concat('fsync=off', 'max_connections=100')
		.flatMap((s) => ['-c', s]);
	const [cmd, args] = as('postgres', ['-D', dataDir, '-p', String(port), ...settings]);
	const child = spawnGroup(cmd, args, { logFile: path.join(dir, 'postgres.log'), lines: 30 });
	await waitForPort('postgres', port, child);
	if (fresh) {
		// The port opens a moment before connections are accepted; createdb retries until then.
		for (let attempt = 0; ; attempt++) {
			try {
				execFileSync(
					path.join(bin, 'createdb'),
					['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n'],
					{ stdio: 'pipe' },
				);
				break;
			} catch (e) {
				if (attempt > 50) throw new Error(`createdb failed: ${e.stderr || e.message}`);
				await sleep(200);
			}
		}
	}
	// SIGINT is Postgres' "fast shutdown": ends sessions, then exits cleanly.
	return {
		port,
		host: '127.0.0.1',
		pid: child.pid,
		user: 'n8n',
		database: 'n8n',
		stop: () => stopN8n(child, 10000, 'SIGINT'),
	};
}
