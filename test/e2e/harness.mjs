// Shared by the e2e suites: the seeded Kakao emulator, and a real n8n (2.41.1, or 1.123.81 with
// N8N_FLAVOR=1) with the package installed from its own `npm pack` tarball, as n8n installs
// community packages. Results are read from what n8n did: its API, webhook answers, the emulator.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

import { packPackage, postJson, startN8n } from '../../scripts/n8n/n8n-server.mjs';
import { loadEmulator, loadKakaoWebhook } from '../../scripts/sandbox/fixtures.mjs';
import { apiCredential } from '../../scripts/sandbox/workflows.mjs';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const { KakaoEmulator, seedDemo, DEMO_CHANNELS } = loadEmulator();
export const { SAMPLE_EVENT, SAMPLE_RESOURCE_ID, kakaoWebhookHeaders } = loadKakaoWebhook();
export const flavor = process.env.N8N_FLAVOR || '2';
export const CHANNEL = DEMO_CHANNELS.test.publicId;
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The demo data plus users 20001..25000, added to CHANNEL (for the 5,000-user batches). */
export function seedEmulator(emu) {
	seedDemo(emu);
	for (let id = 20001; id <= 25000; id++)
		emu.addUser({ id: String(id), relations: { [CHANNEL]: { relation: 'ADDED' } } });
}

/** A temporary folder with the package's `npm pack` tarball; { work, tarball }. */
export function packToTemp(prefix = 'kakao-e2e-') {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	return { work, tarball: packPackage(work, ROOT) };
}

/** Kakao's webhook headers, lower-cased so they merge with other headers. */
export const kakaoHeaders = (resourceId, key) =>
	Object.fromEntries(
		Object.entries(kakaoWebhookHeaders(key, resourceId)).map(([k, v]) => [k.toLowerCase(), v]),
	);

/** A webhook's answer: [status, its JSON body]. */
export const answer = (response) => [response.status, JSON.parse(response.text)];
/** How many executions of `workflowId` finished (`n8n`: one n8n, or the queue topology). */
export const finishedCount = async (n8n, workflowId) => (await n8n.finished(workflowId)).length;
/** Nothing more starts: the count stays at `n` for 1.5 s. */
export async function staysAt(n8n, workflowId, n, message) {
	await sleep(1500);
	assert.equal(await finishedCount(n8n, workflowId), n, message);
}

/**
 * Before the suite's tests: the seeded emulator and n8n with `workflows(emu)`, the emulator's
 * credential (unless `credential` is false), `credentials(emu)` and `env`; then `ready(ctx)`.
 * `skip` (a reason) starts nothing. The returned ctx holds `emu` and `n8n`.
 */
export function useN8n({ workflows = () => [], credentials = () => [], ...options } = {}) {
	const { credential = true, env = {}, skip, ready } = options;
	const ctx = {};
	let work;
	before(async () => {
		if (skip) return;
		ctx.emu = await KakaoEmulator.start();
		seedEmulator(ctx.emu);
		let tarball;
		({ work, tarball } = packToTemp());
		ctx.n8n = await startN8n({
			flavor,
			env: typeof env === 'function' ? env(ctx.emu) : env,
			workflows: workflows(ctx.emu).map((d) => d.workflow ?? d),
			packageTarball: tarball,
			credentials: [...(credential ? [apiCredential(ctx.emu)] : []), ...credentials(ctx.emu)],
		});
		console.log(`n8n ${flavor}.x at ${ctx.n8n.baseUrl}, ready in ${ctx.n8n.seconds.toFixed(1)} s`);
		await ready?.(ctx);
	});
	after(async () => {
		await ctx.n8n?.stop();
		await ctx.emu?.stop();
		if (work) fs.rmSync(work, { recursive: true, force: true });
	});
	/** POST JSON (or a string) to a path of this n8n. */
	ctx.post = (urlPath, body, headers) => postJson(`${ctx.n8n.baseUrl}${urlPath}`, body, headers);
	/** Kakao's webhook headers with the emulator's admin key (or `key`). */
	ctx.kakaoHeaders = (resourceId, key = ctx.emu.adminKey) => kakaoHeaders(resourceId, key);
	ctx.emitted = async (id, node = 'Kakao Channel Trigger') =>
		emitted(await ctx.n8n.getExecution(id), node);
	return ctx;
}

/** What `node` put out in an execution read with includeData ([] when it did not run). */
export function emitted(execution, node) {
	const run = execution.data.resultData.runData[node];
	if (run?.[0].error)
		throw new Error(`execution ${execution.id}, node ${node}: ${run[0].error.message}`);
	return run ? run[0].data.main[0].map((item) => item.json) : [];
}

/** `npm run send-event -- <args>` without blocking this process, which may serve what it calls. */
export const sendEvent = (...args) =>
	new Promise((resolve) => {
		const script = path.join(ROOT, 'scripts/sandbox/send-event.mjs');
		execFile(process.execPath, [script, ...args], { cwd: ROOT }, (error, stdout, stderr) =>
			resolve({ status: error ? error.code : 0, stdout, stderr }),
		);
	});
