// Starting, watching and stopping n8n (and the services next to it) as child processes.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(what, fn, { timeoutMs, intervalMs = 250, child }) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null)
			throw new Error(`process exited (code ${child.exitCode}) while waiting for ${what}`);
		try {
			const v = await fn();
			if (v) return v;
		} catch (e) {
			last = e;
		}
		await sleep(intervalMs);
	}
	throw new Error(
		`timed out after ${timeoutMs / 1000}s waiting for ${what}${last ? `: ${last.message}` : ''}`,
	);
}

// Lines every fresh n8n 2.x prints that read like failures but are expected here. In a terminal
// each becomes one explanation; the log file keeps them whole.
const EXPECTED = [
	[
		/^(Starting|Finished) migration |^Migrations in progress|^\[\w+\d{13}\] |^Added workflow:publish/,
		'n8n is creating its database (once per data folder; the lines are in the log file)',
	],
	[
		/^Failed to start Python task runner/,
		"n8n's Python task runner is off: this runtime has no Python environment. Only Code nodes in Python need it; these nodes and JavaScript Code nodes do not",
	],
	[
		/^There (is a|are) deprecations? related to your|^ - (N8N_RUNNERS_MODE|N8N_RUNNERS_ENABLED|DB_SQLITE_POOL_SIZE|N8N_EXPRESSION_ENGINE) ->/,
		"n8n lists defaults it will change in later versions (its task runner setup; on 1.x also SQLite's pool and the legacy expression engine that 1.x needs on Node 20): nothing to do for a local n8n",
	],
];

/**
 * Writes a child's output to `logFile` and keeps its last `lines` lines for `child.logTail()`.
 * With `terminal` (a prefix such as "[start]"), the output also goes to our stdout, each
 * expected-but-alarming line above replaced by one explanation.
 */
export function keepLog(child, logFile, lines, terminal) {
	const file = logFile ? fs.createWriteStream(logFile) : null;
	const tail = [];
	const said = new Set();
	const onLine = (line) => {
		file?.write(`${line}\n`);
		if (line) tail.push(line);
		tail.splice(0, Math.max(0, tail.length - lines));
		if (!terminal) return;
		const expected = EXPECTED.find(([re]) => re.test(line));
		if (!expected) process.stdout.write(`${line}\n`);
		else if (!said.has(expected)) {
			said.add(expected);
			console.log(`${terminal} (expected) ${expected[1]}`);
		}
	};
	for (const stream of [child.stdout, child.stderr])
		readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', onLine);
	child.on('exit', () => setTimeout(() => file?.end(), 100));
	child.logTail = () => tail.join('\n');
}

/** Spawns a command in its own process group, which dies with this process. */
export function spawnGroup(cmd, args, { logFile, lines = 200, terminal, ...options } = {}) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
	keepLog(child, logFile, lines, terminal);
	const killGroup = () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	process.on('exit', killGroup);
	child.on('exit', () => process.off('exit', killGroup));
	return child;
}

/** Spawns `n8n start` (or `command`: webhook, worker) with its output in `logFile`. */
export function spawnN8n(runtime, env, { logFile, terminal, command = 'start', args = [] } = {}) {
	return spawnGroup(runtime.nodeBin, [runtime.n8nBin, command, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		logFile,
		terminal,
	});
}

/** `signal` to the child's group (its task runners too), then SIGKILL after `graceMs`. */
export async function stopN8n(child, graceMs = 20000, signal = 'SIGTERM') {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	const kill = (sig) => {
		try {
			process.kill(-child.pid, sig);
		} catch {}
	};
	kill(signal);
	const timer = setTimeout(() => kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	kill('SIGKILL'); // leftover task runners
}

/** Readiness, then the REST API: 1.x reports ready before its REST routes exist. */
export async function waitForReady(baseUrl, child, timeoutMs = 180000) {
	const ok = async (p) => {
		const res = await fetch(`${baseUrl}${p}`);
		await res.arrayBuffer();
		return res.ok;
	};
	return waitUntil(
		'n8n readiness',
		async () => (await ok('/healthz/readiness')) && (await ok('/rest/settings')),
		{ timeoutMs, child },
	);
}

/** A CORS preflight answers 204 only once the path is registered; it starts no execution. */
export async function isWebhookActive(baseUrl, webhookPath, method = 'POST') {
	const res = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
		method: 'OPTIONS',
		headers: { Origin: 'http://127.0.0.1', 'Access-Control-Request-Method': method },
	});
	await res.arrayBuffer();
	return res.status === 204;
}

/** Runs `stop` once on Ctrl+C or SIGTERM, then exits. */
export function stopOnSignal(prefix, stop) {
	let stopping = false;
	const handler = (why, code = 0) => {
		if (stopping) return;
		stopping = true;
		console.log(`${prefix} ${why}: stopping...`);
		Promise.resolve(stop()).finally(() => process.exit(code));
	};
	for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => handler(sig));
	return handler;
}
