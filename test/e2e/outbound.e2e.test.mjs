// The package's boundary with the outside world, in a real n8n (2.41.1 by default, N8N_FLAVOR=1
// for 1.123.81): what n8n itself does with our requests. n8n runs with its SSRF protection on
// (2.x) and the emulator's loopback address allowed, as an administrator allows a test server.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { BROWSER_ID, startN8n } from '../../scripts/n8n/n8n-server.mjs';
import { actionWorkflow, CREDENTIAL, rl } from '../../scripts/sandbox/workflows.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const { KakaoEmulator, seedDemo, DEMO_CHANNELS } = require(
	path.join(root, '.build/test/kakao-emulator/index.js'),
);

const flavor = process.env.N8N_FLAVOR || '2';
const CHANNEL = DEMO_CHANNELS.test.publicId;
const RELATION_PATH = '/v2/api/talk/channels';
const BLOCKED_CREDENTIAL = { id: 'kakaoE2eCredSsrf', name: 'Kakao private address' };
const BLOCKED_BASE_URL = 'https://10.0.0.5:8443';
const SSRF_ENV = {
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32',
};

let emu;
let other;
let n8n;
let work;
const relationParameters = {
	resource: 'relation',
	operation: 'get',
	authentication: 'adminKey',
	userId: '={{ $json.user }}',
	channel: rl(CHANNEL),
	options: { timeout: 1 },
};
const relationGet = actionWorkflow('outbound-relation-get', relationParameters);
const blockedGet = actionWorkflow('outbound-blocked-get', relationParameters);
blockedGet.workflow.nodes[2].credentials = { kakaoChannelApi: BLOCKED_CREDENTIAL };

before(async () => {
	emu = await KakaoEmulator.start();
	other = await KakaoEmulator.start();
	seedDemo(emu);
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-outbound-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	n8n = await startN8n({
		flavor,
		packageTarball: path.join(work, tarball),
		workflows: [relationGet.workflow, blockedGet.workflow],
		env: flavor === '2' ? SSRF_ENV : {},
		credentials: [
			{ ...CREDENTIAL, type: 'kakaoChannelApi', data: keys(emu.baseUrl) },
			{ ...BLOCKED_CREDENTIAL, type: 'kakaoChannelApi', data: keys(BLOCKED_BASE_URL) },
		],
	});
});

after(async () => {
	await n8n?.stop();
	await emu?.stop();
	await other?.stop();
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

function keys(baseUrl) {
	return { adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl };
}

/** Runs a workflow through its webhook; returns the Kakao node's run from the execution n8n saved. */
async function run(workflow, items) {
	const before = (await n8n.listExecutions(workflow.workflow.id)).length;
	await fetch(`${n8n.baseUrl}/webhook/${workflow.path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items }),
	});
	const [latest] = await n8n.waitForExecutions({
		workflowId: workflow.workflow.id,
		count: before + 1,
	});
	const execution = await n8n.getExecution(latest.id);
	return execution.data.resultData.runData['Kakao Channel'][0];
}

/** POST /rest/credentials/test, as the editor's credential dialog does. */
async function testCredential(credential, data) {
	const response = await fetch(`${n8n.baseUrl}/rest/credentials/test`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: n8n.cookie, 'browser-id': BROWSER_ID },
		body: JSON.stringify({ credentials: { ...credential, type: 'kakaoChannelApi', data } }),
	});
	const body = await response.json();
	assert.equal(response.status, 200, JSON.stringify(body));
	return body.data;
}

describe(`n8n ${flavor}.x: no redirect is followed`, () => {
	test('a 307 to another server: the run fails naming the redirect, and that server receives nothing', async () => {
		for (const path of [RELATION_PATH, '/v1/system/ips'])
			emu.injectFault({
				fault: {
					kind: 'http',
					status: 307,
					body: '',
					headers: { Location: `${other.baseUrl}${path}` },
				},
				path,
				times: Infinity,
			});
		try {
			const kakao = await run(relationGet, [{ user: '1001' }]);
			assert.equal(
				kakao.error.message,
				`Kakao API answered HTTP 307, a redirect to ${other.baseUrl}`,
			);
			assert.deepEqual(other.requests, []);
			const result = await testCredential(CREDENTIAL, keys(emu.baseUrl));
			assert.equal(result.status, 'Error');
			assert.match(
				result.message,
				new RegExp(`answered HTTP 307, a redirect to ${other.baseUrl}\\.`),
			);
			assert.deepEqual(other.requests, []);
		} finally {
			emu.clearFaults();
		}
	});
});

describe(`n8n ${flavor}.x: an error answer reaches the user with Kakao's code`, () => {
	test('Kakao -541 (HTTP 400): the code and its meaning, not "Request failed with status code 400"', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -541 }, path: RELATION_PATH });
		const kakao = await run(relationGet, [{ user: '1001' }]);
		assert.equal(kakao.error.message, 'Kakao API error -541: channel does not exist');
	});
});

describe(`n8n ${flavor}.x: each try ends at the Timeout`, () => {
	test('an answer that trickles one byte every 400 ms: the node fails within twice the Timeout (1 s)', async () => {
		emu.injectFault({
			fault: { kind: 'trickle', intervalMs: 400 },
			path: RELATION_PATH,
			times: Infinity,
		});
		emu.clearRequests();
		try {
			const kakao = await run(relationGet, [{ user: '1001' }]);
			assert.equal(kakao.error.message, 'Kakao did not answer within 1 s (tried 2 times)');
			console.log(`trickle: the node ran ${kakao.executionTime} ms (bound 2000 ms)`);
			assert.ok(kakao.executionTime >= 1900, `ran only ${kakao.executionTime} ms`);
			assert.ok(kakao.executionTime < 2750, `ran ${kakao.executionTime} ms`);
			// n8n's HTTP client got the deadline: the server saw both connections close.
			await new Promise((resolve) => setTimeout(resolve, 300));
			const calls = emu.requests.filter((r) => r.path === RELATION_PATH);
			assert.equal(calls.length, 2);
			for (const call of calls) assert.ok(call.closedAt - call.at < 1750, JSON.stringify(call));
		} finally {
			emu.clearFaults();
		}
	});
});

describe(`n8n ${flavor}.x: the credential`, () => {
	test('the credential test passes for the emulator (through n8n, both keys)', async () => {
		emu.clearRequests();
		const result = await testCredential(CREDENTIAL, keys(emu.baseUrl));
		assert.deepEqual(result, {
			status: 'OK',
			message: 'Kakao accepted both the Admin Key and the REST API Key',
		});
		assert.equal(emu.requests.length, 2);
	});

	test('a Base URL with a path or a query is refused by the credential test', async () => {
		for (const baseUrl of [`${emu.baseUrl}/admin?x=`, `${emu.baseUrl}#`]) {
			const result = await testCredential(CREDENTIAL, keys(baseUrl));
			assert.equal(result.status, 'Error');
			assert.match(result.message, /^Base URL ".*" has a (path|fragment) /);
		}
	});

	test('n8n adds its Allowed HTTP Request Domains setting to the credential', async () => {
		const types = await n8n.restGet('/types/credentials.json');
		const names = types
			.find((type) => type.name === 'kakaoChannelApi')
			.properties.map((p) => p.name);
		console.log(`kakaoChannelApi fields in n8n ${flavor}.x: ${names.join(', ')}`);
		assert.ok(names.includes('baseUrl'));
		if (!names.includes('allowedHttpRequestDomains'))
			console.log(
				'(the setting is added when the credential dialog opens, not in types/credentials.json)',
			);
	});
});

describe(
	`n8n ${flavor}.x: SSRF protection (N8N_SSRF_PROTECTION_ENABLED)`,
	{ skip: flavor !== '2' && 'n8n 1.x has no SSRF protection' },
	() => {
		const blocked = "the address is blocked by n8n's SSRF protection";

		test('the credential test is refused for a private-range Base URL', async () => {
			for (const baseUrl of [BLOCKED_BASE_URL, 'https://192.168.1.1']) {
				const result = await testCredential(BLOCKED_CREDENTIAL, keys(baseUrl));
				assert.equal(result.status, 'Error');
				assert.equal(
					result.message,
					`Could not reach Kakao at ${baseUrl}: ${blocked}. The keys were not checked. Use https://kapi.kakao.com, or ask the n8n administrator to allow this address (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).`,
				);
			}
		});

		test('the node is refused for a private-range Base URL, at once and once', async () => {
			const kakao = await run(blockedGet, [{ user: '1001' }]);
			assert.equal(kakao.error.message, 'Could not reach the Kakao API');
			assert.match(kakao.error.description, /^The address is blocked by n8n's SSRF protection\./);
			assert.ok(kakao.executionTime < 1000, `ran ${kakao.executionTime} ms`);
		});
	},
);
