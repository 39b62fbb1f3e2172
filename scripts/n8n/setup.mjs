// Prepares n8n user folders: ports, the environment, and our package linked or installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from './runtime.mjs';

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
	return (await freePorts()).main;
}

/** The value of `--name value` or `--name=value` on the command line, or `fallback`. */
export function arg(name, fallback, argv = process.argv.slice(2)) {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return fallback;
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
}

/**
 * Every port `npm start`, `start:queue` and the sandbox listen on, all on 127.0.0.1: a block from
 * --port (5678). Each has its own flag and variable; a flag wins over the variable, and anything
 * not set is --port plus its offset. README's ports table lists the same.
 */
export const PORTS = [
	// [key, flag, environment variable, what listens]; the offset from --port is the index.
	['main', 'port', 'N8N_PORT', 'n8n (main in queue mode): editor, REST API, webhooks'],
	['mainBroker', 'broker-port', 'N8N_RUNNERS_BROKER_PORT', 'task broker (not in queue mode)'],
	['emulator', 'emulator-port', 'KAKAO_EMULATOR_PORT', 'Kakao API emulator (sandbox)'],
	['proxy', 'proxy-port', 'N8N_PROXY_PORT', 'queue: webhook proxy, the public webhook URL'],
	['webhook1', 'webhook-port', 'N8N_WEBHOOK_PORT', 'queue: webhook process 1'],
	['webhook2', 'webhook2-port', 'N8N_WEBHOOK2_PORT', 'queue: webhook process 2'],
	['worker', 'worker-port', 'QUEUE_HEALTH_CHECK_PORT', 'queue: worker health check'],
	['workerBroker', 'worker-broker-port', 'N8N_WORKER_BROKER_PORT', 'queue: task broker (worker)'],
	['redis', 'redis-port', 'QUEUE_BULL_REDIS_PORT', 'queue: Redis'],
	['postgres', 'postgres-port', 'DB_POSTGRESDB_PORT', 'queue: Postgres'],
];

export function resolvePorts(argv = process.argv.slice(2), env = process.env) {
	const base = Number(arg('port', env.N8N_PORT || 5678, argv));
	const ports = {};
	PORTS.forEach(([key, flag, variable], offset) => {
		const value = Number(arg(flag, env[variable] || base + offset, argv));
		if (!Number.isInteger(value) || value < 1 || value > 65535)
			throw new Error(`--${flag} (or ${variable}) must be a port number, got ${value}`);
		ports[key] = value;
	});
	return ports;
}

/** Free ports for every key of PORTS, for tests that must not take the documented ones. */
export async function freePorts() {
	const servers = await Promise.all(
		PORTS.map(
			() =>
				new Promise((resolve, reject) => {
					const srv = net.createServer().on('error', reject);
					srv.listen(0, '127.0.0.1', () => resolve(srv));
				}),
		),
	);
	const ports = Object.fromEntries(PORTS.map(([key], i) => [key, servers[i].address().port]));
	await Promise.all(servers.map((srv) => new Promise((r) => srv.close(r))));
	return ports;
}

/** Fails with a message that names the flag and variable of every port in `keys` already in use. */
export async function assertPortsFree(ports, keys) {
	for (const [key, flag, variable] of PORTS.filter(([key]) => keys.includes(key))) {
		await new Promise((resolve, reject) => {
			const srv = net.createServer();
			srv.once('error', () =>
				reject(
					new Error(
						`port ${ports[key]} on 127.0.0.1 is in use (choose another with --${flag} or ${variable}, or move every port with --port)`,
					),
				),
			);
			srv.listen(ports[key], '127.0.0.1', () => srv.close(resolve));
		});
	}
}

/** Environment for any n8n process (start, webhook, worker or CLI) that works on `userFolder`. */
export function n8nEnv({ runtime, userFolder, port, brokerPort, env = {} }) {
	return {
		...process.env,
		...runtime.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http', // webhook and editor URLs derive from protocol/host/port
		// The task runner broker defaults to 5679; n8n exits when that port is taken.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_WORKER_SERVER_ADDRESS: '127.0.0.1', // a worker's health check listens on all by default
		DB_TYPE: 'sqlite',
		N8N_SECURE_COOKIE: 'false', // plain http on loopback
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true', // ours is not on n8n's verified list
		N8N_REINSTALL_MISSING_PACKAGES: 'false', // never reach out to the registry at start
		// n8n lists these as deprecations at every start unless set: set to today's defaults.
		N8N_RUNNERS_TASK_TIMEOUT: '300',
		N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES: String(2 * 1024 ** 3),
		N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES: '5000',
		// 2.x polls api.n8n.io for an MCP server list at start; this machine has no internet.
		...(runtime.flavor === '2' ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// 1.x: env access as it defaults (2.x blocks it), bare Git repos off (unused): fewer warnings.
		...(runtime.flavor === '1'
			? { N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true' }
			: {}),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		...env,
	};
}

/** Records `pkg` in <userFolder>/.n8n/nodes/package.json, the list n8n keeps of installed packages. */
function recordInstall(nodesDir, pkg) {
	const manifestFile = path.join(nodesDir, 'package.json');
	let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(manifestFile)) manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
	fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
}

/**
 * Makes `packageDir` load like an installed community package:
 * <userFolder>/.n8n/nodes/node_modules/<name> -> packageDir (symlink, so its own
 * node_modules resolve n8n-workflow), recorded as n8n records installs.
 */
export function linkPackage(userFolder, packageDir = REPO_ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (!pkg.n8n) throw new Error(`${packageDir}/package.json has no "n8n" section`);
	const missing = [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])].filter(
		(f) => !fs.existsSync(path.join(packageDir, f)),
	);
	if (missing.length)
		throw new Error(`package not built, missing: ${missing.join(', ')} (run npm run build)`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', pkg.name);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.rmSync(target, { recursive: true, force: true });
	fs.symlinkSync(path.resolve(packageDir), target, 'dir');
	recordInstall(nodesDir, pkg);
	return { name: pkg.name, version: pkg.version, target };
}

/**
 * Installs an `npm pack` tarball the way n8n 2.x's community-package service does: unpack into
 * <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install`
 * with n8n's flags, and record it. n8n-workflow then resolves to n8n's own.
 */
export function installPackageTarball(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pkg-'));
	try {
		execFileSync('tar', ['-xzf', path.resolve(tarball), '-C', staging, '--strip-components=1']);
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
			fs.readFileSync(path.join(staging, 'package.json'), 'utf8'),
		);
		const target = path.join(nodesDir, 'node_modules', pkg.name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(staging, target, { recursive: true });
		fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2));
		const npmEnv = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')),
		);
		const flags = ['--audit=false', '--fund=false', '--bin-links=false'];
		flags.push('--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false');
		execFileSync('npm', ['install', ...flags], { cwd: target, env: npmEnv, stdio: 'pipe' });
		recordInstall(nodesDir, pkg);
		return { name: pkg.name, version: pkg.version, target };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/** `npm pack` of the repository into `dir`; the tarball's path. */
export function packPackage(dir, cwd = REPO_ROOT) {
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd,
		encoding: 'utf8',
	});
	return path.join(dir, out.trim().split('\n').pop());
}

// `node scripts/n8n/setup.mjs [--port 5800 ...]`: the ports table as these flags and variables give it.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const ports = resolvePorts();
	console.log('| port | flag | variable | what listens (on 127.0.0.1) |\n|---|---|---|---|');
	for (const [key, flag, variable, what] of PORTS)
		console.log(`| ${ports[key]} | \`--${flag}\` | \`${variable}\` | ${what} |`);
}
