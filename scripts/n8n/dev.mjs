// npm run dev: the pinned n8n that `npm start` uses, with this package installed as a community
// package that follows your edits. `tsc --watch` compiles nodes/ and credentials/ straight into
// the installed package folder, gulp copies icons, and n8n's hot reload (N8N_DEV_RELOAD=true,
// n8n 1.x and 2.x) reloads the package when its files change. Refresh the editor to see it.
//   node scripts/n8n/dev.mjs [--flavor 2|1] [--port 5678]
// Data persists in .n8n-data/dev-<flavor>/ (or N8N_USER_FOLDER); create the owner account there.
//
// Why not `n8n-node dev`: it runs `npx n8n@latest` rather than the pinned n8n, and it links the
// whole repository into n8n's custom folder, which makes n8n scan and watch node_modules and load
// the nodes under another type name (CUSTOM.*). Here n8n watches only the package folder, a real
// directory, so the modules it must forget on reload are exactly the ones it loaded.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { waitForReady } from './n8n-server.mjs';
import { flavorOption, resolvePorts } from './options.mjs';
import { spawnN8n, stopN8n, stopOnSignal } from './process.mjs';
import { ensureRuntime, REPO_ROOT } from './runtime.mjs';
import { n8nEnv, recordInstall } from './user-folder.mjs';

const ports = resolvePorts();
const flavor = flavorOption();
const userFolder = path.resolve(
	process.env.N8N_USER_FOLDER ?? path.join(REPO_ROOT, '.n8n-data', `dev-${flavor}`),
);
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const children = [];
const log = (message) => console.log(`[dev] ${message}`);

/** A real folder, as n8n's installer leaves it: package.json, and dist/ filled by the watchers. */
function preparePackageFolder() {
	const dir = recordInstall(userFolder, pkg);
	fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
	const { name, version, description, license, n8n } = pkg;
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ name, version, description, license, n8n }, null, 2),
	);
	return dir;
}

function copyIcons(dist) {
	const gulp = path.join(REPO_ROOT, 'node_modules', 'gulp', 'bin', 'gulp.js');
	const env = { ...process.env, N8N_PACKAGE_DIST: dist };
	const run = spawn(process.execPath, [gulp, '--silent', 'build:icons'], {
		cwd: REPO_ROOT,
		env,
		stdio: 'inherit',
	});
	return new Promise((resolve) => run.on('exit', resolve));
}

/** `tsc --watch` into the package folder; resolves after its first compile. */
function startTypescriptWatch(dist) {
	const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
	const args = [tsc, '-p', 'tsconfig.json', '--watch', '--preserveWatchOutput', '--outDir', dist];
	const child = spawn(process.execPath, args, {
		cwd: REPO_ROOT,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	children.push(child);
	return new Promise((resolve, reject) => {
		child.on('exit', (code) => {
			if (child.killed) return; // stopped by us
			log(`tsc --watch exited with code ${code}: edits are no longer compiled`);
			reject(new Error(`tsc --watch exited with code ${code}`));
		});
		child.stdout.on('data', (chunk) => {
			const text = String(chunk);
			for (const line of text.split('\n').filter((l) => l.trim())) console.log(`[tsc] ${line}`);
			if (/Found \d+ errors?\. Watching for file changes/.test(text)) resolve();
		});
	});
}

async function main() {
	const runtime = await ensureRuntime({ flavor });
	const dist = path.join(preparePackageFolder(), 'dist');
	await startTypescriptWatch(dist);
	await copyIcons(dist);
	for (const dir of ['nodes', 'credentials'])
		fs.watch(path.join(REPO_ROOT, dir), { recursive: true }, (_event, file) => {
			if (file && /\.(svg|png)$/.test(file))
				void copyIcons(dist).then(() => log(`copied icons (${file} changed)`));
		});
	const env = n8nEnv({
		runtime,
		userFolder,
		port: ports.main,
		brokerPort: ports.mainBroker,
		env: { N8N_DEV_RELOAD: 'true' },
	});
	const n8n = spawnN8n(runtime, env, {
		terminal: '[dev]',
		logFile: path.join(userFolder, 'n8n.log'),
	});
	children.push(n8n);
	const stop = stopOnSignal('[dev]', async () => {
		for (const child of children.filter((c) => c !== n8n)) child.kill('SIGTERM');
		await stopN8n(n8n);
	});
	n8n.on('exit', (code) => stop(`n8n exited (code ${code})`, code ?? 1));
	const baseUrl = `http://127.0.0.1:${ports.main}`;
	await waitForReady(baseUrl, n8n);
	// n8n subscribes its file watchers just after it reports ready: an edit before then is missed.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	const from = path.relative(REPO_ROOT, path.dirname(dist));
	log(`n8n ${flavor}.x is ready at ${baseUrl} with ${pkg.name} from ${from}`);
	log(
		'edit nodes/ or credentials/: tsc recompiles, n8n reloads, refresh the editor. Ctrl+C stops.',
	);
}

main().catch((error) => {
	console.error(`[dev] ${error.message}`);
	for (const child of children) child.kill('SIGKILL');
	process.exit(1);
});
