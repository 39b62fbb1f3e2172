// Harness for the editor suite: the sandbox (real n8n 2.x + Kakao emulator) in its own folder and
// ports, Debian's Chromium driven by playwright-core, a screenshot per step, and on failure the
// page's console log and n8n's log kept next to the screenshots.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { freePort, stopN8n } from '../../scripts/n8n/n8n-server.mjs';

const require = createRequire(import.meta.url);
const { chromium, selectors } = require('playwright-core');

export const ROOT = path.resolve(import.meta.dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SANDBOX_READY_MS = 15 * 60 * 1000; // a first run installs n8n into .n8n-runtime/
/** The sandbox's sample workflows (scripts/sandbox/workflows.mjs), by their IDs. */
export const WORKFLOWS = {
	relations: 'kakaoSandboxRel1',
	files: 'kakaoSandboxFile',
	addUsers: 'kakaoSandboxAddU',
	removeUsers: 'kakaoSandboxDelU',
};
/** The credential values that reach the sandbox's emulator. */
export function sandboxKeys({ adminKey, restApiKey, emulatorUrl }) {
	return { adminKey, restApiKey, baseUrl: emulatorUrl };
}

/** Folder for this run's screenshots and logs; printed so a reader can open it. */
export function artifactsDir() {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const fallback = path.join(ROOT, '.n8n-data', 'browser', stamp);
	const dir = path.resolve(process.env.BROWSER_ARTIFACTS || fallback);
	fs.mkdirSync(dir, { recursive: true });
	console.log(`[browser] screenshots and logs: ${dir}`);
	return dir;
}
const readInfo = (data) => JSON.parse(fs.readFileSync(path.join(data, 'sandbox.json'), 'utf8'));

/** Starts `scripts/sandbox/sandbox.mjs` on free ports in `<dir>/sandbox`; resolves with its sandbox.json. */
export async function startSandbox(dir) {
	// BROWSER_SANDBOX=<its --data folder> reuses a running sandbox (while writing checks; the
	// checks edit its credential).
	if (process.env.BROWSER_SANDBOX) {
		const data = path.resolve(process.env.BROWSER_SANDBOX);
		return { ...readInfo(data), data, printed: () => '', stop: async () => {} };
	}
	const data = path.join(dir, 'sandbox');
	const args = ['scripts/sandbox/sandbox.mjs', '--data', data];
	for (const flag of ['--port', '--broker-port', '--emulator-port'])
		args.push(flag, String(await freePort()));
	const log = path.join(dir, 'sandbox-output.log');
	const out = fs.createWriteStream(log);
	const t0 = Date.now();
	// Its own process group: stopping it reaches n8n and its task runners.
	const options = { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true };
	const child = spawn(process.execPath, args, options);
	child.stderr.pipe(out);
	let seen = ''; // what the sandbox printed: the README tells the reader to open its address
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (d) => {
			out.write(d);
			seen += d;
			if (seen.includes('[sandbox] ready:')) resolve();
		});
		child.on('exit', (code) =>
			reject(new Error(`the sandbox exited (code ${code}) before it was ready; see ${log}`)),
		);
		const late = new Error(`the sandbox was not ready after ${SANDBOX_READY_MS / 1000} s`);
		setTimeout(() => reject(late), SANDBOX_READY_MS).unref();
	});
	await ready.catch(async (e) => {
		await stopN8n(child, 10000);
		throw e;
	});
	const info = readInfo(data);
	const took = ((Date.now() - t0) / 1000).toFixed(1);
	console.log(`[browser] sandbox ready in ${took} s at ${info.n8nUrl}`);
	return { ...info, data, child, printed: () => seen, stop: () => stopN8n(child, 20000) };
}

/** Debian's Chromium with the flags this machine needs; a fresh profile folder each run. */
export async function launchBrowser(dir) {
	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute
	const flags = 'no-sandbox disable-gpu disable-quic no-first-run disable-background-networking';
	const context = await chromium.launchPersistentContext(path.join(dir, 'chromium-profile'), {
		executablePath: CHROMIUM,
		headless: true, // playwright adds --headless
		args: `${flags} disable-component-update disable-sync`.split(' ').map((f) => `--${f}`),
		viewport: { width: 1440, height: 900 },
		locale: 'en-US',
	});
	context.setDefaultTimeout(60_000); // n8n's editor is slow on a shared 2-core machine
	context.setDefaultNavigationTimeout(120_000);
	const page = context.pages()[0] ?? (await context.newPage());
	const consoleLog = [];
	const log = (line) => consoleLog.push(`[${new Date().toISOString()}] ${line}`);
	page.on('console', (m) => log(`${m.type()}: ${m.text()}`));
	page.on('pageerror', (e) => log(`pageerror: ${e.message}`));
	return { context, page, consoleLog, close: () => context.close() };
}

// step(): one check, a screenshot named after it on success; on failure a screenshot, the page's
// console log and a copy of n8n's log, then the error again. snap(): an extra screenshot inside a
// step (a state its end no longer shows). docImage(): a cropped picture for the docs,
// `<dir>/docs/<name>.png`: the union of the boxes of `parts` (locators) plus a margin, kept inside
// `within` (a locator; default the page); copy it to docs/ to refresh the guide's pictures.
export function stepper({ dir, page, consoleLog, sandbox }) {
	let n = 0;
	const fileBase = (name, number) =>
		`${String(number).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
	const step = async (name, fn) => {
		const base = fileBase(name, ++n);
		try {
			await fn();
			await page.screenshot({ path: path.join(dir, `${base}.png`) });
			console.log(`[browser] ok   ${name} -> ${path.join(dir, `${base}.png`)}`);
		} catch (e) {
			await page.screenshot({ path: path.join(dir, `${base}-FAILED.png`) }).catch(() => {});
			fs.writeFileSync(path.join(dir, `${base}-console.log`), consoleLog.join('\n') + '\n');
			if (sandbox?.logFile && fs.existsSync(sandbox.logFile))
				fs.copyFileSync(sandbox.logFile, path.join(dir, `${base}-n8n.log`));
			console.log(
				`[browser] FAIL ${name}: kept ${base}-FAILED.png, -console.log and -n8n.log in ${dir}`,
			);
			throw e;
		}
	};
	const snap = async (name) => {
		const file = path.join(dir, `${fileBase(name, n)}.png`);
		await page.screenshot({ path: file });
		console.log(`[browser]      ${name} -> ${file}`);
	};
	const docImage = async (name, { parts, within, margin = 16 }) => {
		const boxes = [];
		for (const locator of parts)
			for (const one of await locator.all()) boxes.push(await one.boundingBox());
		const shown = boxes.filter(Boolean);
		if (!shown.length) throw new Error(`nothing to picture for ${name}`);
		const page0 = { x: 0, y: 0, ...page.viewportSize() };
		const frame = (within && (await within.boundingBox())) || page0;
		const edge = (pick, most) => most(...shown.map(pick));
		const x = Math.max(frame.x, edge((b) => b.x, Math.min) - margin);
		const y = Math.max(frame.y, edge((b) => b.y, Math.min) - margin);
		const right = Math.min(frame.x + frame.width, edge((b) => b.x + b.width, Math.max) + margin);
		const bottom = Math.min(frame.y + frame.height, edge((b) => b.y + b.height, Math.max) + margin);
		const file = path.join(dir, 'docs', `${name}.png`);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y } });
		console.log(`[browser]      picture for the docs -> ${file}`);
	};
	return { step, snap, docImage };
}
