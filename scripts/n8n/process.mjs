// Starting, watching and stopping one n8n process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(what, fn, { timeoutMs, intervalMs = 250, child }) {
	const deadline = Date.now() + timeoutMs;
	let last;
	while (Date.now() < deadline) {
		if (child && child.exitCode !== null)
			throw new Error(`n8n exited (code ${child.exitCode}) while waiting for ${what}`);
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

/** Writes a child's output to `logFile` and keeps its last `lines` lines for `child.logTail()`. */
export function keepLog(child, logFile, lines) {
	const file = logFile ? fs.createWriteStream(logFile) : null;
	const tail = [];
	const onData = (d) => {
		file?.write(d);
		tail.push(...String(d).split('\n').filter(Boolean));
		tail.splice(0, Math.max(0, tail.length - lines));
	};
	child.stdout.on('data', onData);
	child.stderr.on('data', onData);
	child.on('exit', () => file?.end());
	child.logTail = () => tail.join('\n');
}

/** Never leave a child's process group behind when this process exits. */
export function killWithParent(child) {
	const killGroup = () => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	};
	process.on('exit', killGroup);
	child.on('exit', () => process.off('exit', killGroup));
}

/** Spawns `n8n start` (or `command`: webhook, worker); output goes to `logFile` (last 200 lines kept). */
export function spawnN8n(
	runtime,
	env,
	{ logFile, inherit = false, command = 'start', args = [] } = {},
) {
	const child = spawn(runtime.nodeBin, [runtime.n8nBin, command, ...args], {
		env,
		cwd: env.N8N_USER_FOLDER,
		stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
		detached: true, // own process group, so stop() also reaches the task runners
	});
	if (!inherit) keepLog(child, logFile, 200);
	else child.logTail = () => '';
	killWithParent(child);
	return child;
}

/** SIGTERM, then SIGKILL to the whole group after `graceMs`. */
export async function stopN8n(child, graceMs = 20000) {
	if (!child || child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	try {
		process.kill(-child.pid, 'SIGTERM');
	} catch {}
	const timer = setTimeout(() => {
		try {
			process.kill(-child.pid, 'SIGKILL');
		} catch {}
	}, graceMs);
	await exited;
	clearTimeout(timer);
	try {
		process.kill(-child.pid, 'SIGKILL'); // leftover task runners
	} catch {}
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
		{
			timeoutMs,
			child,
		},
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
