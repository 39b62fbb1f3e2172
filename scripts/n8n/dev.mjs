// npm run dev: the pinned n8n that `npm start` uses, with this package installed as a community
// package that follows your edits. `tsc --watch` compiles nodes/ and credentials/ straight into
// the installed package folder, gulp copies icons, and n8n's hot reload (N8N_DEV_RELOAD=true,
// n8n 1.x and 2.x) reloads the package when its files change. Refresh the editor to see it.
//   node scripts/n8n/dev.mjs [--flavor 2|1] [--port 5678] [--measure-reload 5]
// --measure-reload N times the edit-to-reload delay instead (a fresh folder and free ports): N
// times it adds a marker to the Kakao Channel node's description in the .ts source and polls n8n's
// node list until n8n serves it; the source is restored after.
// Data persists in .n8n-data/dev-<flavor>/ (or N8N_USER_FOLDER); create the owner account there.
//
// Why not `n8n-node dev`: it runs `npx n8n@latest` rather than the pinned n8n, and it links the
// whole repository into n8n's custom folder, which makes n8n scan and watch node_modules and load
// the nodes under another type name (CUSTOM.*). Here n8n watches only the package folder, a real
// directory, so the modules it must forget on reload are exactly the ones it loaded.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { n8nClient, waitForReady } from './n8n-server.mjs';
import { arg, flavorOption, freePorts, resolvePorts } from './options.mjs';
import { spawnN8n, stopN8n } from './process.mjs';
import { ensureRuntime, REPO_ROOT } from './runtime.mjs';
import { n8nEnv, recordInstall } from './user-folder.mjs';

const rounds = Number(arg('measure-reload', 0));
const ports = rounds ? await freePorts() : resolvePorts();
const flavor = flavorOption();
const userFolder = rounds
	? fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-dev-reload-'))
	: path.resolve(process.env.N8N_USER_FOLDER ?? path.join(REPO_ROOT, '.n8n-data', `dev-${flavor}`));
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const children = [];
const log = (message) => console.log(`[dev] ${message}`);

/** A real folder, as n8n's installer leaves it: package.json, and dist/ filled by the watchers. */
function preparePackageFolder() {
	fs.mkdirSync(path.join(userFolder, '.n8n', 'nodes'), { recursive: true });
	const dir = recordInstall(userFolder, pkg);
	fs.rmSync(dir, { recursive: true, force: true });
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
	let stopping = false;
	const stop = async (code) => {
		if (stopping) return;
		stopping = true;
		for (const child of children.filter((c) => c !== n8n)) child.kill('SIGTERM');
		await stopN8n(n8n);
		if (rounds) fs.rmSync(userFolder, { recursive: true, force: true });
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	n8n.on('exit', (code) => void stop(code ?? 1));

	const baseUrl = `http://127.0.0.1:${ports.main}`;
	await waitForReady(baseUrl, n8n);
	// n8n subscribes its file watchers just after it reports ready: an edit before then is missed.
	await new Promise((resolve) => setTimeout(resolve, 3000));
	log(
		`n8n ${flavor}.x is ready at ${baseUrl} with ${pkg.name} from ${path.relative(REPO_ROOT, path.dirname(dist))}`,
	);
	if (rounds)
		return stop(
			await measureReload(baseUrl, n8n).then(
				() => 0,
				(e) => console.error(`[dev] ${e.message}`) ?? 1,
			),
		);
	log(
		'edit nodes/ or credentials/: tsc recompiles, n8n reloads the package, refresh the editor. Ctrl+C stops.',
	);
}

/** --measure-reload: edit, then poll /types/nodes.json until n8n serves the edit; the median. */
async function measureReload(baseUrl, n8n) {
	const source = path.join(REPO_ROOT, 'nodes', 'KakaoChannel', 'KakaoChannel.node.ts');
	const original = fs.readFileSync(source, 'utf8');
	const anchor =
		"description: 'Check Kakao Talk Channel relations and manage channel customer files";
	if (!original.includes(anchor))
		throw new Error(`${source} no longer has the description to edit`);
	const restore = () => fs.writeFileSync(source, original);
	process.on('exit', restore);
	const { restGet } = await n8nClient(baseUrl, n8n);
	const description = async () => {
		try {
			const types = await restGet('/types/nodes.json');
			return types.find((n) => n.name === `${pkg.name}.kakaoChannel`)?.description ?? '';
		} catch {
			return ''; // n8n rewrites the file during a reload; read it again
		}
	};
	const timeUntil = async (done) => {
		const started = performance.now();
		while (!done(await description())) {
			if (performance.now() - started > 60000) throw new Error('n8n did not reload within 60 s');
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
		return performance.now() - started;
	};
	const times = [];
	try {
		for (let round = 1; round <= rounds; round++) {
			const marker = `reload-${round}-${Date.now()}`;
			fs.writeFileSync(source, original.replace(anchor, `${anchor} ${marker}`));
			times.push(await timeUntil((text) => text.includes(marker)));
			log(`round ${round}: edit visible in n8n after ${Math.round(times.at(-1))} ms`);
			restore();
			await timeUntil((text) => !text.includes(marker) && text !== '');
		}
	} finally {
		restore();
	}
	const ms = times.sort((a, b) => a - b).map(Math.round);
	log(
		`n8n ${flavor}.x, ${rounds} rounds: median ${ms[Math.floor(ms.length / 2)]} ms, min ${ms[0]} ms, max ${ms.at(-1)} ms`,
	);
}

main().catch((error) => {
	console.error(`[dev] ${error.message}`);
	for (const child of children) child.kill('SIGKILL');
	process.exit(1);
});
