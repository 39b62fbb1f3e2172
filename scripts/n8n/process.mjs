// n8n and the services next to it as child processes: start, log, wait, stop; n8n's own CLI.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import readline from 'node:readline';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `fn` until it returns something truthy; fails when `child` (or the one `child()` gives)
 * exits, or time runs out.
 */
export async function waitUntil(what, fn, { timeoutMs, intervalMs = 250, child }) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		const { exitCode = null } = (typeof child === 'function' ? child() : child) ?? {};
		if (exitCode !== null)
			throw new Error(`process exited (code ${exitCode}) while waiting for ${what}`);
		try {
			const value = await fn();
			if (value) return value;
		} catch (e) {
			last = e;
		}
		await sleep(intervalMs);
	}
	const why = last ? `: ${last.message}` : '';
	throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}${why}`);
}

// Lines every fresh n8n prints that read like failures but are expected here. In a terminal each
// becomes one explanation; the log file keeps them whole.
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
 * Spawns a command in its own process group, which dies with this process. Its output goes to
 * `logFile`; `child.logTail()` gives the last `lines` lines. With `terminal` (a prefix such as
 * "[start]") the output also goes to our stdout, each expected-but-alarming line explained once.
 */
export function spawnGroup(cmd, args, { logFile, lines = 200, terminal, ...options } = {}) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
	const file = logFile ? fs.createWriteStream(logFile) : null;
	const tail = [];
	const said = new Set();
	const onLine = (line) => {
		file?.write(`${line}\n`);
		if (line) tail.push(line);
		tail.splice(0, Math.max(0, tail.length - lines));
		const expected = terminal && EXPECTED.find(([re]) => re.test(line));
		if (terminal && !expected) process.stdout.write(`${line}\n`);
		else if (expected && !said.has(expected)) {
			said.add(expected);
			console.log(`${terminal} (expected) ${expected[1]}`);
		}
	};
	for (const input of [child.stdout, child.stderr])
		readline.createInterface({ input, crlfDelay: Infinity }).on('line', onLine);
	child.logTail = () => tail.join('\n');
	const killGroup = () => signalGroup(child, 'SIGKILL');
	process.on('exit', killGroup);
	child.on('exit', () => {
		process.off('exit', killGroup);
		setTimeout(() => file?.end(), 100);
	});
	return child;
}

function signalGroup(child, signal) {
	try {
		process.kill(-child.pid, signal);
	} catch {
		// the group is gone already
	}
}

/** `n8n <command>` (start, webhook, worker) on the runtime, in `env`'s user folder. */
export const spawnN8n = (runtime, env, { command = 'start', logFile, terminal } = {}) =>
	spawnGroup(runtime.nodeBin, [runtime.n8nBin, command], {
		env,
		cwd: env.N8N_USER_FOLDER,
		logFile,
		terminal,
	});

/** `signal` to the child's group (n8n's task runners too), SIGKILL after `graceMs`. */
export async function stopN8n(child, graceMs = 20000, signal = 'SIGTERM') {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	signalGroup(child, signal);
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
	signalGroup(child, 'SIGKILL'); // leftover task runners
}

/** Runs `stop` once on Ctrl+C or SIGTERM, then exits; returns the same for other reasons. */
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

/** One run of n8n's CLI (an import, an activation); fails on an error it prints, too. */
export async function runCli(runtime, env, args, timeoutMs = 180000) {
	const t0 = Date.now();
	const child = spawnGroup(runtime.nodeBin, [runtime.n8nBin, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		lines: 2000,
	});
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), timeoutMs);
	const [code, signal] = await once(child, 'close');
	clearTimeout(timer);
	const out = child.logTail();
	const took = ((Date.now() - t0) / 1000).toFixed(1);
	// Some versions exit 0 after logging an import error, so look at the text too.
	if (code === 0 && !/An error occurred|ERROR:/.test(out))
		return void process.stderr.write(
			`[n8n-server] n8n ${args[0]} ${args[1] ?? ''} took ${took}s\n`,
		);
	const tail = out
		.split('\n')
		.filter((l) => !/migration/i.test(l))
		.slice(-40)
		.join('\n');
	throw new Error(
		`n8n ${args.join(' ')} failed (code ${code}, signal ${signal}, ${took}s):\n${tail}`,
	);
}
