// Shared by the e2e suites: the Kakao emulator seeded with demo data, and a real n8n (2.41.1, or
// 1.123.81 with N8N_FLAVOR=1) with the package installed from its own `npm pack` tarball as n8n
// installs community packages. Workflows are imported and activated with n8n's CLI; results
// are read from what n8n did (its public API, the webhook answers, the emulator's requests).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

import { request } from 'undici';

import { packPackage, startN8n } from '../../scripts/n8n/n8n-server.mjs';
import { postJson } from '../../scripts/n8n/queue.mjs';
import { actionWorkflow, apiCredential, rl } from '../../scripts/sandbox/workflows.mjs';

const require = createRequire(import.meta.url);
export const ROOT = path.resolve(import.meta.dirname, '../..');
export const { KakaoEmulator, seedDemo, DEMO_CHANNELS } = require(
	path.join(ROOT, '.build/test/kakao-emulator/index.js'),
);
export const { SAMPLE_EVENT, SAMPLE_RESOURCE_ID, kakaoWebhookHeaders } = require(
	path.join(ROOT, '.build/test/support/kakaoWebhook.js'),
);
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

/**
 * Registers before/after hooks that start the emulator and n8n with `workflows(emu)` (a list
 * of { workflow } definitions) and the emulator's credential plus `credentials(emu)`. The
 * returned object holds `emu` and `n8n` once the suite's tests run.
 */
export function useN8n({ workflows = () => [], credentials = () => [] } = {}) {
	const ctx = {};
	let work;
	before(async () => {
		ctx.emu = await KakaoEmulator.start();
		seedEmulator(ctx.emu);
		let tarball;
		({ work, tarball } = packToTemp());
		ctx.n8n = await startN8n({
			flavor,
			workflows: workflows(ctx.emu).map((d) => d.workflow),
			packageTarball: tarball,
			credentials: [apiCredential(ctx.emu), ...credentials(ctx.emu)],
		});
		console.log(
			`n8n ${flavor}.x at ${ctx.n8n.baseUrl}; timings ${JSON.stringify(ctx.n8n.timings)}`,
		);
	});
	after(async () => {
		await ctx.n8n?.stop();
		await ctx.emu?.stop();
		if (work) fs.rmSync(work, { recursive: true, force: true });
	});
	/** POST JSON (or a string) to a path of this n8n. */
	ctx.post = (urlPath, body, headers) => postJson(`${ctx.n8n.baseUrl}${urlPath}`, body, headers);
	/** Kakao's webhook headers, lower-cased so they merge with post()'s content-type. */
	ctx.kakaoHeaders = (resourceId, key = ctx.emu.adminKey) => kakaoHeaders(resourceId, key);
	return ctx;
}

export const kakaoHeaders = (resourceId, key) =>
	Object.fromEntries(
		Object.entries(kakaoWebhookHeaders(key, resourceId)).map(([k, v]) => [k.toLowerCase(), v]),
	);

/**
 * Runs a script of the repository (`node <args>`) without blocking this process, which may be
 * serving the emulator or the proxy that script talks to: { status, stdout, stderr }.
 */
export function runScript(args) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, args, { cwd: ROOT });
		const out = { stdout: '', stderr: '' };
		child.stdout.on('data', (d) => (out.stdout += d));
		child.stderr.on('data', (d) => (out.stderr += d));
		child.on('error', reject);
		child.on('close', (status) => resolve({ status, ...out }));
	});
}

/** A POST with exactly these headers: no Content-Type unless given. */
export async function postRaw(url, text, headers) {
	const response = await request(url, { method: 'POST', headers, body: text });
	return { status: response.statusCode, text: await response.body.text() };
}

/** The items the trigger node emitted in an execution read with includeData. */
export const emittedItem = (execution, node = 'Kakao Channel Trigger') =>
	execution.data.resultData.runData[node][0].data.main[0].map((item) => item.json);

/** One action workflow per operation, on `channel` and the customer file `fileId`. */
export function actionWorkflows(channel, fileId) {
	const file = rl(String(fileId));
	return {
		relationGet: actionWorkflow('relation-get', {
			resource: 'relation',
			operation: 'get',
			authentication: 'adminKey',
			userId: '={{ $json.user }}',
			channel: rl(channel),
			options: {},
		}),
		relationCheckMany: actionWorkflow('relation-checkmany', {
			resource: 'relation',
			operation: 'checkMany',
			userId: '={{ $json.user }}',
			options: { channels: `https://pf.kakao.com/${channel}` },
		}),
		fileCreate: actionWorkflow('file-create', {
			resource: 'customerFile',
			operation: 'create',
			channel: rl(`https://pf.kakao.com/${channel}`, 'url'),
			fileName: '={{ $json.name }}',
			fixedFields: {
				field: [
					{ key: '성별', type: 'string' },
					{ key: '연령', type: 'number' },
				],
			},
			customFields: { field: [{ key: 'visits' }] },
		}),
		fileGetAll: actionWorkflow('file-getall', {
			resource: 'customerFile',
			operation: 'getAll',
			channel: rl(channel),
		}),
		usersAdd: actionWorkflow('users-add', {
			resource: 'customerFileUser',
			operation: 'add',
			channel: rl(channel),
			fileId: file,
			userType: 'app',
			userId: '={{ $json.user }}',
			fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
		}),
		usersDelete: actionWorkflow('users-delete', {
			resource: 'customerFileUser',
			operation: 'delete',
			channel: rl(channel),
			fileId: file,
			userType: 'phone',
			userId: '={{ $json.phone }}',
		}),
		channelLinks: actionWorkflow(
			'channel-links',
			{ resource: 'channel', operation: 'getLinks', channel: rl('={{ $json.channel }}') },
			{ credentials: null },
		),
	};
}
