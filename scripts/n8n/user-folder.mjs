// What an n8n user folder holds before n8n starts: its environment, this package (linked, or
// installed from its `npm pack` tarball as n8n's installer does), and the workflows and
// credentials imported with n8n's CLI.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { runCli } from './process.mjs';
import { REPO_ROOT } from './runtime.mjs';

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
		// 2.x polls api.n8n.io for an MCP server list at start, which hangs without internet access.
		...(runtime.flavor === '2' && { N8N_DISABLED_MODULES: 'mcp-registry' }),
		// 1.x: env access as it defaults (2.x blocks it), bare Git repos off (unused): fewer warnings.
		...(runtime.flavor === '1' && {
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
			N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		}),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		...env,
	};
}

/**
 * Records `pkg` in <userFolder>/.n8n/nodes/package.json, the list n8n keeps of installed
 * packages; returns its folder, <userFolder>/.n8n/nodes/node_modules/<name>, emptied.
 */
export function recordInstall(userFolder, { name, version }) {
	const file = path.join(userFolder, '.n8n', 'nodes', 'package.json');
	fs.mkdirSync(path.join(path.dirname(file), 'node_modules'), { recursive: true });
	const manifest = fs.existsSync(file)
		? JSON.parse(fs.readFileSync(file, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	manifest.dependencies = { ...manifest.dependencies, [name]: version };
	fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + '\n');
	const target = path.join(path.dirname(file), 'node_modules', name);
	fs.rmSync(target, { recursive: true, force: true });
	return target;
}

/**
 * Makes `packageDir` load like an installed community package: a symlink (so its own
 * node_modules resolve n8n-workflow) in <userFolder>/.n8n/nodes/node_modules/<name>.
 */
export function linkPackage(userFolder, packageDir = REPO_ROOT) {
	const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	if (!pkg.n8n) throw new Error(`${packageDir}/package.json has no "n8n" section`);
	const entries = [...(pkg.n8n.nodes || []), ...(pkg.n8n.credentials || [])];
	const missing = entries.filter((f) => !fs.existsSync(path.join(packageDir, f)));
	if (missing.length)
		throw new Error(`package not built, missing: ${missing.join(', ')} (run npm run build)`);
	const target = recordInstall(userFolder, pkg);
	fs.symlinkSync(path.resolve(packageDir), target, 'dir');
	return { name: pkg.name, version: pkg.version, target };
}

/**
 * Installs an `npm pack` tarball as n8n 2.x's community-package service does: unpack into
 * <userFolder>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional dependencies, `npm install`
 * with n8n's flags, and record it. n8n-workflow then resolves to n8n's own.
 */
export function installPackageTarball(userFolder, tarball) {
	const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pkg-'));
	try {
		execFileSync('tar', ['-xzf', path.resolve(tarball), '-C', staging, '--strip-components=1']);
		const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(
			fs.readFileSync(path.join(staging, 'package.json'), 'utf8'),
		);
		const target = recordInstall(userFolder, pkg);
		fs.cpSync(staging, target, { recursive: true });
		fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify(pkg, null, 2));
		const env = Object.fromEntries(
			Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')),
		);
		const flags = ['--audit=false', '--fund=false', '--bin-links=false', '--package-lock=false'];
		flags.push('--install-strategy=shallow', '--ignore-scripts=true');
		execFileSync('npm', ['install', ...flags], { cwd: target, env, stdio: 'pipe' });
		return { name: pkg.name, version: pkg.version, target };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/** Installs `packageTarball` or links `packageDir`, then `extraPackages` (tarballs or folders). */
export function installPackages(
	userFolder,
	{ packageTarball, packageDir = REPO_ROOT, extraPackages = [] },
) {
	const install = (p) =>
		(/\.t(ar\.)?gz$/.test(p) ? installPackageTarball : linkPackage)(userFolder, p);
	extraPackages.forEach(install);
	return install(packageTarball ?? packageDir);
}

/** `npm pack` of the package in `cwd` into `dir`; the tarball's path. */
export function packPackage(dir, cwd = REPO_ROOT) {
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
		cwd,
		encoding: 'utf8',
	});
	return path.join(dir, out.trim().split('\n').pop());
}

/** JSON files or objects into one folder (ids filled in), so one CLI run imports them all. */
function stage(dir, items) {
	fs.mkdirSync(dir, { recursive: true });
	return items.flatMap((item, i) => {
		const data =
			typeof item === 'string' ? JSON.parse(fs.readFileSync(item, 'utf8')) : structuredClone(item);
		const list = Array.isArray(data) ? data : [data];
		list.forEach((entry, j) => {
			entry.id ??= crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
			fs.writeFileSync(path.join(dir, `${i}-${j}.json`), JSON.stringify(entry));
		});
		return list;
	});
}

/**
 * Imports workflows and publishes (activates) those not started by hand: a workflow whose only
 * trigger is a Manual Trigger cannot be. Before `start`: a running n8n does not see it.
 */
export async function importWorkflows(runtime, env, workflows) {
	if (!workflows.length) return [];
	const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-workflows-'));
	const staged = stage(dir, workflows);
	await runCli(runtime, env, ['import:workflow', '--separate', `--input=${dir}`]);
	fs.rmSync(dir, { recursive: true, force: true });
	const manual = (wf) => wf.nodes.some((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const active = staged.filter((wf) => !manual(wf));
	// Each CLI run boots n8n (~5 s). 1.x activates all in one run (the folder is fresh); 2.x
	// publishes one workflow per run.
	if (runtime.flavor === '1' && active.length === staged.length)
		await runCli(runtime, env, ['update:workflow', '--all', '--active=true']);
	else
		for (const { id } of active) {
			const one =
				runtime.flavor === '1'
					? ['update:workflow', `--id=${id}`, '--active=true']
					: ['publish:workflow', `--id=${id}`];
			await runCli(runtime, env, one);
		}
	return staged;
}

/**
 * Imports credentials ({ id?, name, type, data }); n8n encrypts `data` with the instance key.
 * n8n reads credentials at execution time, so this works while it runs, too.
 */
export async function importCredentials(runtime, env, credentials) {
	if (!credentials.length) return [];
	const dir = fs.mkdtempSync(path.join(env.N8N_USER_FOLDER, 'import-credentials-'));
	try {
		const staged = stage(dir, credentials);
		await runCli(runtime, env, ['import:credentials', '--separate', `--input=${dir}`]);
		return staged.map(({ id, name, type }) => ({ id, name, type }));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true }); // it holds plain secrets
	}
}
