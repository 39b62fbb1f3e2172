// Harness for the editor suite: the sandbox (real n8n 2.x + Kakao emulator) in its own folder and
// ports, Debian's Chromium driven by playwright-core, a screenshot per step, and on failure the
// page's console log and n8n's log kept next to the screenshots.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

import { freePort, stopN8n } from '../../scripts/n8n/n8n-server.mjs';

export { freePort };

const require = createRequire(import.meta.url);
const { chromium, selectors } = require('playwright-core');

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OWNER = { email: 'owner@example.com', password: 'E2e-password-1' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const SANDBOX_READY_MS = 15 * 60 * 1000; // a first run installs n8n into .n8n-runtime/

/** Folder for this run's screenshots and logs; printed so a reader can open it. */
export function artifactsDir() {
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const dir = path.resolve(
		process.env.BROWSER_ARTIFACTS || path.join(ROOT, '.n8n-data', 'browser', stamp),
	);
	fs.mkdirSync(dir, { recursive: true });
	console.log(`[browser] screenshots and logs: ${dir}`);
	return dir;
}

/** Starts `scripts/sandbox/sandbox.mjs` on free ports in `<dir>/sandbox`; resolves with its sandbox.json. */
export async function startSandbox(dir) {
	// BROWSER_SANDBOX=<its --data folder> reuses a running sandbox (while writing checks; the
	// checks edit its credential).
	if (process.env.BROWSER_SANDBOX) {
		const data = path.resolve(process.env.BROWSER_SANDBOX);
		const info = JSON.parse(fs.readFileSync(path.join(data, 'sandbox.json'), 'utf8'));
		return { ...info, data, printed: () => '', stop: async () => {} };
	}
	const [port, brokerPort, emulatorPort] = [await freePort(), await freePort(), await freePort()];
	const data = path.join(dir, 'sandbox');
	const out = fs.createWriteStream(path.join(dir, 'sandbox-output.log'));
	const t0 = Date.now();
	const child = spawn(
		process.execPath,
		[
			'scripts/sandbox/sandbox.mjs',
			'--port',
			String(port),
			'--broker-port',
			String(brokerPort),
			'--emulator-port',
			String(emulatorPort),
			'--data',
			data,
		],
		{
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own group: stopping it reaches n8n and its task runners
		},
	);
	child.stderr.pipe(out);
	let seen = ''; // what the sandbox printed: the README tells the reader to open its address
	const ready = new Promise((resolve, reject) => {
		child.stdout.on('data', (d) => {
			out.write(d);
			seen += d;
			if (seen.includes('[sandbox] ready:')) resolve();
		});
		child.on('exit', (code) =>
			reject(
				new Error(
					`the sandbox exited (code ${code}) before it was ready; see ${path.join(dir, 'sandbox-output.log')}`,
				),
			),
		);
		setTimeout(
			() => reject(new Error(`the sandbox was not ready after ${SANDBOX_READY_MS / 1000} s`)),
			SANDBOX_READY_MS,
		).unref();
	});
	try {
		await ready;
	} catch (e) {
		await stopN8n(child, 10000);
		throw e;
	}
	const info = JSON.parse(fs.readFileSync(path.join(data, 'sandbox.json'), 'utf8'));
	console.log(
		`[browser] sandbox ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${info.n8nUrl}`,
	);
	return { ...info, data, child, printed: () => seen, stop: () => stopN8n(child, 20000) };
}

/** Debian's Chromium with the flags this machine needs; a fresh profile each run. */
export async function launchBrowser(dir) {
	selectors.setTestIdAttribute('data-test-id'); // n8n's attribute
	// A fresh profile folder per run; playwright passes it as --user-data-dir.
	const profile = path.join(dir, 'chromium-profile');
	const args = [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
	];
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true, // playwright adds --headless
		args,
		viewport: { width: 1440, height: 900 },
		locale: 'en-US',
	});
	context.setDefaultTimeout(60_000); // n8n's editor is slow on a shared 2-core machine
	context.setDefaultNavigationTimeout(120_000);
	const page = context.pages()[0] ?? (await context.newPage());
	const consoleLog = [];
	page.on('console', (m) =>
		consoleLog.push(`[${new Date().toISOString()}] ${m.type()}: ${m.text()}`),
	);
	page.on('pageerror', (e) =>
		consoleLog.push(`[${new Date().toISOString()}] pageerror: ${e.message}`),
	);
	return { context, page, consoleLog, close: () => context.close() };
}

/**
 * Runs one check: a screenshot named after it on success; on failure a screenshot, the page's
 * console log and a copy of n8n's log, then the error again.
 */
export function stepper({ dir, page, consoleLog, sandbox }) {
	let n = 0;
	const shots = [];
	const step = async (name, fn) => {
		const base = `${String(++n).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
		try {
			await fn();
			const file = path.join(dir, `${base}.png`);
			await page.screenshot({ path: file });
			shots.push({ name, file });
			console.log(`[browser] ok   ${name} -> ${file}`);
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
	/** An extra screenshot inside a step (a state the step's end no longer shows). */
	const snap = async (name) => {
		const file = path.join(
			dir,
			`${String(n).padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`,
		);
		await page.screenshot({ path: file });
		console.log(`[browser]      ${name} -> ${file}`);
	};
	/**
	 * A cropped picture for the docs: `<dir>/docs/<name>.png`, the union of the boxes of `parts`
	 * (locators) plus a margin, kept inside `within` (a locator; default the page). Copy it to
	 * docs/ to refresh the guide's pictures.
	 */
	const docImage = async (name, { parts, within, margin = 16 }) => {
		const boxes = [];
		for (const locator of parts)
			for (const one of await locator.all()) boxes.push(await one.boundingBox());
		const shown = boxes.filter(Boolean);
		if (!shown.length) throw new Error(`nothing to picture for ${name}`);
		const view = page.viewportSize();
		const frame = (within && (await within.boundingBox())) || { x: 0, y: 0, ...view };
		const x = Math.max(frame.x, Math.min(...shown.map((b) => b.x)) - margin);
		const y = Math.max(frame.y, Math.min(...shown.map((b) => b.y)) - margin);
		const right = Math.min(
			frame.x + frame.width,
			Math.max(...shown.map((b) => b.x + b.width)) + margin,
		);
		const bottom = Math.min(
			frame.y + frame.height,
			Math.max(...shown.map((b) => b.y + b.height)) + margin,
		);
		const file = path.join(dir, 'docs', `${name}.png`);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		await page.screenshot({ path: file, clip: { x, y, width: right - x, height: bottom - y } });
		console.log(`[browser]      picture for the docs -> ${file}`);
	};
	return { step, snap, shots, docImage };
}

/** Runs a script of the repo to completion; resolves with its output. */
export function runNode(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: ROOT });
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('exit', (code) =>
			code === 0
				? resolve(out)
				: reject(new Error(`node ${args.join(' ')} exited ${code}:\n${out}`)),
		);
	});
}
