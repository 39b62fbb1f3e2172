// Only Kakao's Servers in a real n8n (2.41.1 by default, N8N_FLAVOR=1 for 1.123.81) behind one
// reverse proxy: N8N_PROXY_HOPS=1 makes n8n's Express trust one X-Forwarded-For hop, so the
// trigger judges the address the proxy reports. The emulator plays Kakao: its callback list holds
// loopback and 192.0.2.0/24 (test/kakao-emulator/system-ips.ts). The package is installed from
// its own `npm pack` tarball.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { request } from 'undici';

import { startN8n } from '../../scripts/n8n/n8n-server.mjs';
import { CREDENTIAL, triggerWorkflow } from '../../scripts/sandbox/workflows.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const { KakaoEmulator } = require(path.join(root, '.build/test/kakao-emulator/index.js'));
const { SAMPLE_EVENT, kakaoWebhookHeaders } = require(
	path.join(root, '.build/test/support/kakaoWebhook.js'),
);

const flavor = process.env.N8N_FLAVOR || '2';
const IP_LIST_PATH = '/v1/system/ips';

let emu;
let n8n;
let work;
let trigger;
let deliveries = 0;

const listCalls = () => emu.requests.filter((r) => r.path === IP_LIST_PATH);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
	emu = await KakaoEmulator.start();
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-senders-e2e-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	trigger = triggerWorkflow({ id: 'kakaoE2eSenders1', options: { onlyKakaoServers: true } });
	const file = path.join(work, `${trigger.workflow.id}.json`);
	fs.writeFileSync(file, JSON.stringify(trigger.workflow));
	n8n = await startN8n({
		flavor,
		workflows: [file],
		packageTarball: path.join(work, tarball),
		env: { N8N_PROXY_HOPS: '1' },
		credentials: [
			{
				...CREDENTIAL,
				type: 'kakaoChannelApi',
				data: { adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl: emu.baseUrl },
			},
		],
	});
	console.log(`n8n ${flavor}.x ready at ${n8n.baseUrl}; timings ${JSON.stringify(n8n.timings)}`);
});

after(async () => {
	await n8n?.stop();
	await emu?.stop();
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A Kakao delivery as the reverse proxy passes it on; `forwardedFor` as it arrives at n8n. */
async function deliver(forwardedFor) {
	const headers = Object.fromEntries(
		Object.entries(kakaoWebhookHeaders(emu.adminKey, `senders-${++deliveries}`)).map(([k, v]) => [
			k.toLowerCase(),
			v,
		]),
	);
	if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
	const response = await request(`${n8n.baseUrl}/webhook/${trigger.path}`, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: JSON.stringify(SAMPLE_EVENT),
	});
	return { status: response.statusCode, text: await response.body.text() };
}

const executions = async () =>
	(await n8n.listExecutions(trigger.workflow.id)).filter((e) => e.finished || e.stoppedAt);

describe(`n8n ${flavor}.x with N8N_PROXY_HOPS=1, the trigger with Only Kakao's Servers`, () => {
	test("activation fetched Kakao's inbound list with the admin key", async () => {
		for (let i = 0; i < 100 && listCalls().length === 0; i++) await sleep(100);
		assert.equal(listCalls().length, 1);
		assert.equal(listCalls()[0].query.rule_type, 'inbound');
		assert.equal(listCalls()[0].headers.authorization, `KakaoAK ${emu.adminKey}`);
	});

	test('a delivery the proxy reports from a callback address starts one execution', async () => {
		const response = await deliver('192.0.2.10');
		assert.equal(response.status, 200, response.text);
		const [execution] = await n8n.waitForExecutions({ workflowId: trigger.workflow.id, count: 1 });
		assert.ok(execution);
	});

	test('a delivery the proxy reports from elsewhere gets 403 with the reason and starts nothing', async () => {
		const before = (await executions()).length;
		const response = await deliver('203.0.113.9');
		assert.equal(response.status, 403, response.text);
		assert.deepEqual(JSON.parse(response.text), {
			error: 'forbidden',
			reason: "203.0.113.9 is not one of Kakao's callback addresses (list of 2025-01-15)",
		});
		await sleep(1500);
		assert.equal((await executions()).length, before);
	});

	test('an address the caller puts before the proxy hop is not believed', async () => {
		// The proxy appends the address it saw; with one trusted hop n8n reads the last one.
		const response = await deliver('192.0.2.10, 203.0.113.9');
		assert.equal(response.status, 403, response.text);
		assert.match(JSON.parse(response.text).reason, /^203\.0\.113\.9 is not one/);
	});

	test('without X-Forwarded-For the socket address counts (loopback is in the list)', async () => {
		const response = await deliver(undefined);
		assert.equal(response.status, 200, response.text);
	});

	test('the list was read once for all of these requests', () => {
		assert.equal(listCalls().length, 1);
	});
});
