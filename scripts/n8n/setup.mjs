// Prepares an n8n user folder: a free port, the environment, and our package linked or installed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './runtime.mjs';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

/** Environment for any n8n process (start or CLI) that works on `userFolder`. */
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
		// 2.x polls api.n8n.io for an MCP server list at start; this machine has no internet.
		...(runtime.flavor === '2' ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		...env,
	};
}

/**
 * Makes `packageDir` load like an installed community package:
 * <userFolder>/.n8n/nodes/node_modules/<name> -> packageDir (symlink, so its own
 * node_modules resolve n8n-workflow), plus the nodes/package.json n8n keeps for installs.
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

	const manifestFile = path.join(nodesDir, 'package.json');
	let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	try {
		manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
	} catch {}
	manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
	fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
	return { name: pkg.name, version: pkg.version, target };
}

/**
 * Installs an `npm pack` tarball the way n8n 2.x's community-package service does: unpack into
 * <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install`
 * with n8n's flags, and record it in nodes/package.json. n8n-workflow then resolves to n8n's own.
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
		execFileSync(
			'npm',
			[
				'install',
				'--audit=false',
				'--fund=false',
				'--bin-links=false',
				'--install-strategy=shallow',
				'--ignore-scripts=true',
				'--package-lock=false',
			],
			{ cwd: target, env: npmEnv, stdio: 'pipe' },
		);
		const manifestFile = path.join(nodesDir, 'package.json');
		let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
		if (fs.existsSync(manifestFile)) manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
		manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
		fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
		return { name: pkg.name, version: pkg.version, target };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/** Runs an n8n CLI command to completion; rejects with its output on failure. */

/** The value of `--name value` or `--name=value` on the command line, or `fallback`. */
export function arg(name, fallback) {
	const argv = process.argv.slice(2);
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return fallback;
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
}

/** Fails with a message that names how to choose another port when `port` is taken. */
export function assertPortFree(port, hint) {
	return new Promise((resolve, reject) => {
		const srv = net.createServer();
		srv.once('error', () =>
			reject(new Error(`port ${port} on 127.0.0.1 is in use (choose another with ${hint})`)),
		);
		srv.listen(port, '127.0.0.1', () => srv.close(resolve));
	});
}
