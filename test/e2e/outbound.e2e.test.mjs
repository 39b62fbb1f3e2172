// What n8n itself does with our requests. On 2.x n8n runs with its SSRF protection on and the
// emulator's loopback address allowed, as an administrator allows a test server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { actionWorkflow, apiCredential, CREDENTIAL, rl } from '../../scripts/sandbox/workflows.mjs';
import { CHANNEL, flavor, KakaoEmulator, sleep, useN8n } from './harness.mjs';

const RELATION_PATH = '/v2/api/talk/channels';
const BLOCKED_CREDENTIAL = { id: 'kakaoE2eCredSsrf', name: 'Kakao private address' };
const BLOCKED_BASE_URL = 'https://10.0.0.5:8443';
const relationParameters = {
	...{ resource: 'relation', operation: 'get', authentication: 'adminKey' },
	...{ userId: '={{ $json.user }}', channel: rl(CHANNEL), options: { timeout: 1 } },
};
const relationGet = actionWorkflow('outbound-relation-get', relationParameters);
const blockedKey = { kakaoChannelApi: BLOCKED_CREDENTIAL };
const blockedGet = actionWorkflow('outbound-blocked-get', relationParameters, blockedKey);
const keys = (baseUrl) => ({ adminKey: ctx.emu.adminKey, restApiKey: ctx.emu.restApiKey, baseUrl });
const ssrf = { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' };
const ctx = useN8n({
	workflows: () => [relationGet, blockedGet],
	credentials: () => [apiCredential(keys(BLOCKED_BASE_URL), BLOCKED_CREDENTIAL)],
	env: flavor === '2' ? ssrf : {},
});
let other;
before(async () => (other = await KakaoEmulator.start()));
after(() => other?.stop());

/** Runs a workflow through its webhook; returns the Kakao node's run from the execution n8n saved. */
async function run(workflow, items) {
	const workflowId = workflow.workflow.id;
	const count = (await ctx.n8n.listExecutions(workflowId)).length;
	await ctx.post(`/webhook/${workflow.path}`, { items });
	const [latest] = await ctx.n8n.waitForExecutions({ workflowId, count: count + 1 });
	return (await ctx.n8n.getExecution(latest.id)).data.resultData.runData['Kakao Channel'][0];
}
const runRelation = () => run(relationGet, [{ user: '1001' }]);
/** POST /rest/credentials/test, as the editor's credential dialog does. */
const testCredential = async (credential, data) => {
	const credentials = { ...credential, type: 'kakaoChannelApi', data };
	return (await ctx.n8n.rest('POST', '/rest/credentials/test', { credentials })).data;
};
/** `fault(path)` on every call to `paths` while `fn` runs. */
async function withFault(fault, paths, fn) {
	for (const path of paths) ctx.emu.injectFault({ fault: fault(path), path, times: Infinity });
	await fn().finally(() => ctx.emu.clearFaults());
}

describe(`n8n ${flavor}.x: what reaches the user of Kakao's answers`, () => {
	test('a 307 to another server: the run fails naming the redirect, and that server receives nothing', async () => {
		const redirect = (path) => ({
			...{ kind: 'http', status: 307, body: '' },
			headers: { Location: `${other.baseUrl}${path}` },
		});
		await withFault(redirect, [RELATION_PATH, '/v1/system/ips'], async () => {
			const kakao = await runRelation();
			const message = `Kakao API answered HTTP 307, a redirect to ${other.baseUrl}`;
			assert.equal(kakao.error.message, message);
			const result = await testCredential(CREDENTIAL, keys(ctx.emu.baseUrl));
			assert.equal(result.status, 'Error');
			const redirected = `answered HTTP 307, a redirect to ${other.baseUrl}\\.`;
			assert.match(result.message, new RegExp(redirected));
			assert.deepEqual(other.requests, []);
		});
	});
	test('Kakao -541 (HTTP 400): the code and its meaning, not "Request failed with status code 400"', async () => {
		ctx.emu.injectFault({ fault: { kind: 'kakao', code: -541 }, path: RELATION_PATH });
		const kakao = await runRelation();
		assert.equal(kakao.error.message, 'Kakao API error -541: channel does not exist');
	});
	test('an answer that trickles one byte every 400 ms: each try ends at the Timeout (1 s), the node within 2 s', async () => {
		ctx.emu.clearRequests();
		const trickle = () => ({ kind: 'trickle', intervalMs: 400 });
		await withFault(trickle, [RELATION_PATH], async () => {
			const kakao = await runRelation();
			assert.equal(kakao.error.message, 'Kakao did not answer within 1 s (tried 2 times)');
			const ran = kakao.executionTime;
			console.log(`trickle: the node ran ${ran} ms (bound 2000 ms)`);
			assert.ok(ran >= 1900 && ran < 2750, `ran ${ran} ms`);
			// n8n's HTTP client got the deadline: the server saw both connections close.
			await sleep(300);
			const calls = ctx.emu.requests.filter((r) => r.path === RELATION_PATH);
			assert.equal(calls.length, 2);
			for (const call of calls) assert.ok(call.closedAt - call.at < 1750, JSON.stringify(call));
		});
	});
});

describe(`n8n ${flavor}.x: the credential`, () => {
	test('the credential test passes for the emulator (through n8n, both keys), and refuses a Base URL with a path or a fragment', async () => {
		ctx.emu.clearRequests();
		const message = 'Kakao accepted both the Admin Key and the REST API Key';
		const result = await testCredential(CREDENTIAL, keys(ctx.emu.baseUrl));
		assert.deepEqual(result, { status: 'OK', message });
		assert.equal(ctx.emu.requests.length, 2);
		for (const baseUrl of [`${ctx.emu.baseUrl}/admin?x=`, `${ctx.emu.baseUrl}#`]) {
			const result = await testCredential(CREDENTIAL, keys(baseUrl));
			assert.equal(result.status, 'Error');
			assert.match(result.message, /^Base URL ".*" has a (path|fragment) /);
		}
	});
	test('n8n adds its Allowed HTTP Request Domains setting to the credential', async () => {
		const types = await ctx.n8n.restGet('/types/credentials.json');
		const type = types.find(({ name }) => name === 'kakaoChannelApi');
		const names = type.properties.map((p) => p.name);
		console.log(`kakaoChannelApi fields in n8n ${flavor}.x: ${names.join(', ')}`);
		assert.ok(names.includes('baseUrl'));
		if (!names.includes('allowedHttpRequestDomains'))
			console.log('(the setting is added when the credential dialog opens, not in the types)');
	});
});

const no1xSsrf = flavor !== '2' && 'n8n 1.x has no SSRF protection';
describe(`n8n ${flavor}.x: SSRF protection`, { skip: no1xSsrf }, () => {
	test('the credential test is refused for a private-range Base URL', async () => {
		const blocked = "the address is blocked by n8n's SSRF protection. The keys were not checked.";
		const ask = 'ask the n8n administrator to allow this address';
		const settings = '(N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES)';
		for (const baseUrl of [BLOCKED_BASE_URL, 'https://192.168.1.1']) {
			const result = await testCredential(BLOCKED_CREDENTIAL, keys(baseUrl));
			assert.equal(result.status, 'Error');
			const use = `Use https://kapi.kakao.com, or ${ask} ${settings}.`;
			assert.equal(result.message, `Could not reach Kakao at ${baseUrl}: ${blocked} ${use}`);
		}
	});
	test('the node is refused for a private-range Base URL, at once and once', async () => {
		const kakao = await run(blockedGet, [{ user: '1001' }]);
		assert.equal(kakao.error.message, 'Could not reach the Kakao API');
		assert.match(kakao.error.description, /^The address is blocked by n8n's SSRF protection\./);
		assert.ok(kakao.executionTime < 1000, `ran ${kakao.executionTime} ms`);
	});
});
