// End to end in a real n8n (2.41.1 by default, N8N_FLAVOR=1 for 1.123.81): the package is
// installed from its own `npm pack` tarball as n8n installs community packages, workflows are
// imported and activated with n8n's CLI, and results are read from what n8n actually did.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { request } from 'undici';

import { startN8n } from '../../scripts/n8n/n8n-server.mjs';
import {
	actionWorkflow,
	CREDENTIAL,
	PKG,
	rl,
	ROTATED_CREDENTIAL,
	triggerWorkflow,
} from '../support/workflows.mjs';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '../..');
const { KakaoEmulator, seedDemo, DEMO_CHANNELS } = require(
	path.join(root, '.build/test/kakao-emulator/index.js'),
);
const { SAMPLE_EVENT, SAMPLE_RESOURCE_ID, kakaoWebhookHeaders } = require(
	path.join(root, '.build/test/support/kakaoWebhook.js'),
);

const flavor = process.env.N8N_FLAVOR || '2';
const CHANNEL = DEMO_CHANNELS.test.publicId;

let emu;
let n8n;
let work;
let trigger;
let optionsTrigger;
let triggerV1;
let triggerRotated;
const actions = {};
const rotatedKeys = [
	'rotation-key-1-0123456789abcdef',
	'rotation-key-2-0123456789abcdef',
	'rotation-key-3-0123456789abcdef',
];

before(async () => {
	emu = await KakaoEmulator.start();
	seedDemo(emu);
	for (let id = 20001; id <= 25000; id++)
		emu.addUser({ id: String(id), relations: { [CHANNEL]: { relation: 'ADDED' } } });
	const fileId = emu.files(CHANNEL)[0].file_id;

	work = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-e2e-'));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();

	trigger = triggerWorkflow();
	optionsTrigger = triggerWorkflow({
		id: 'kakaoE2eTrigger4',
		options: { includeDeliveryHeaders: true, ignoreOlderThan: 60, includeOtherFields: true },
	});
	triggerV1 = triggerWorkflow({ id: 'kakaoE2eTrigger2', typeVersion: 1 });
	triggerRotated = triggerWorkflow({ id: 'kakaoE2eTrigger3', credential: ROTATED_CREDENTIAL });
	const definitions = {
		relationGet: actionWorkflow('relation-get', {
			resource: 'relation',
			operation: 'get',
			authentication: 'adminKey',
			userId: '={{ $json.user }}',
			channel: rl(CHANNEL),
			options: {},
		}),
		relationCheckMany: actionWorkflow('relation-checkmany', {
			resource: 'relation',
			operation: 'checkMany',
			userId: '={{ $json.user }}',
			options: { channels: `https://pf.kakao.com/${CHANNEL}` },
		}),
		fileCreate: actionWorkflow('file-create', {
			resource: 'customerFile',
			operation: 'create',
			channel: rl(`https://pf.kakao.com/${CHANNEL}`, 'url'),
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
			channel: rl(CHANNEL),
		}),
		usersAdd: actionWorkflow('users-add', {
			resource: 'customerFileUser',
			operation: 'add',
			channel: rl(CHANNEL),
			fileId: rl(String(fileId)),
			userType: 'app',
			userId: '={{ $json.user }}',
			fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
		}),
		usersDelete: actionWorkflow('users-delete', {
			resource: 'customerFileUser',
			operation: 'delete',
			channel: rl(CHANNEL),
			fileId: rl(String(fileId)),
			userType: 'phone',
			userId: '={{ $json.phone }}',
		}),
		channelLinks: actionWorkflow(
			'channel-links',
			{ resource: 'channel', operation: 'getLinks', channel: rl('={{ $json.channel }}') },
			{ withCredential: false },
		),
	};
	const files = [
		trigger,
		optionsTrigger,
		triggerV1,
		triggerRotated,
		...Object.values(definitions),
	].map(({ workflow }) => {
		const file = path.join(work, `${workflow.id}.json`);
		fs.writeFileSync(file, JSON.stringify(workflow));
		return file;
	});
	Object.assign(actions, definitions);
	n8n = await startN8n({
		flavor,
		workflows: files,
		packageTarball: path.join(work, tarball),
		credentials: [
			{
				...CREDENTIAL,
				type: 'kakaoChannelApi',
				data: { adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl: emu.baseUrl },
			},
			rotatedCredential(rotatedKeys[0]),
		],
	});
	console.log(`n8n ${flavor}.x ready at ${n8n.baseUrl}; timings ${JSON.stringify(n8n.timings)}`);
});

function rotatedCredential(adminKey) {
	return {
		...ROTATED_CREDENTIAL,
		type: 'kakaoChannelApi',
		data: { adminKey, restApiKey: 'unused', baseUrl: emu.baseUrl },
	};
}

after(async () => {
	await n8n?.stop();
	await emu?.stop();
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function post(urlPath, body, headers = {}) {
	const started = process.hrtime.bigint();
	const response = await request(`${n8n.baseUrl}${urlPath}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.body.text();
	return { status: response.statusCode, text, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function runAction(key, items) {
	const response = await post(`/webhook/${actions[key].path}`, { items });
	assert.equal(
		response.status,
		200,
		`workflow ${key} answered ${response.status}: ${response.text.slice(0, 500)}`,
	);
	return JSON.parse(response.text);
}

/** Kakao's webhook headers, names lower-cased so they merge with post()'s own content-type. */
const kakaoHeaders = (resourceId, key = emu.adminKey) =>
	Object.fromEntries(
		Object.entries(kakaoWebhookHeaders(key, resourceId)).map(([name, value]) => [
			name.toLowerCase(),
			value,
		]),
	);

const triggerExecutions = async (workflow = trigger.workflow) =>
	(await n8n.listExecutions(workflow.id)).filter((e) => e.finished || e.stoppedAt);

function emittedItem(execution) {
	const runData = execution.data.resultData.runData['Kakao Channel Trigger'];
	return runData[0].data.main[0].map((item) => item.json);
}

describe(`n8n ${flavor}.x loads the package installed from its npm pack tarball`, () => {
	test('n8n lists both nodes and both credentials', async () => {
		const nodes = await n8n.listNodeTypes();
		assert.ok(nodes.includes(`${PKG}.kakaoChannel`), 'kakaoChannel node missing');
		assert.ok(nodes.includes(`${PKG}.kakaoChannelTrigger`), 'kakaoChannelTrigger node missing');
		const credentials = await n8n.listCredentialTypes();
		assert.ok(credentials.includes('kakaoChannelApi'));
		assert.ok(credentials.includes('kakaoChannelOAuth2Api'));
		assert.ok(
			fs.existsSync(path.join(n8n.package.target, 'dist/nodes/KakaoChannel/KakaoChannel.node.js')),
		);
		assert.ok(
			!fs.lstatSync(n8n.package.target).isSymbolicLink(),
			'the package must be a real install, not a link',
		);
	});
});

describe('Kakao Channel Trigger', () => {
	test("the seed's sample request starts exactly one execution with the documented event", async () => {
		const resourceId = SAMPLE_RESOURCE_ID;
		const response = await post(`/webhook/${trigger.path}`, SAMPLE_EVENT, kakaoHeaders(resourceId));
		assert.ok(
			response.status >= 200 && response.status < 300,
			`answered ${response.status} ${response.text}`,
		);
		console.log(`trigger answered ${response.status} in ${response.ms.toFixed(1)} ms`);
		const [execution] = await n8n.waitForExecutions({ workflowId: trigger.workflow.id, count: 1 });
		assert.deepEqual(emittedItem(await n8n.getExecution(execution.id)), [
			{ ...SAMPLE_EVENT, resource_id: resourceId },
		]);
	});

	test('a wrong key gets 401 and starts nothing', async () => {
		const before = (await triggerExecutions()).length;
		const response = await post(
			`/webhook/${trigger.path}`,
			SAMPLE_EVENT,
			kakaoHeaders('wrong-key-delivery', 'not-the-admin-key'),
		);
		assert.equal(response.status, 401);
		assert.ok(!response.text.includes(emu.adminKey));
		await new Promise((resolve) => setTimeout(resolve, 1500));
		assert.equal((await triggerExecutions()).length, before);
	});

	test('a repeated X-Kakao-Resource-ID starts no second execution', async () => {
		const resourceId = 'duplicate-delivery-0001';
		const first = await post(
			`/webhook/${trigger.path}`,
			{ ...SAMPLE_EVENT, id: '2222' },
			kakaoHeaders(resourceId),
		);
		assert.equal(first.status, 200);
		const afterFirst = await n8n.waitForExecutions({ workflowId: trigger.workflow.id, count: 2 });
		const second = await post(
			`/webhook/${trigger.path}`,
			{ ...SAMPLE_EVENT, id: '2222' },
			kakaoHeaders(resourceId),
		);
		assert.equal(second.status, 200);
		assert.match(second.text, /duplicate/);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		assert.equal((await triggerExecutions()).length, afterFirst.length);
	});

	test('a legacy payload from the emulator gives the same item as the new one', async () => {
		const url = `${n8n.baseUrl}/webhook/${trigger.path}`;
		const event = {
			event: 'blocked',
			id: '3333',
			id_type: 'app_user_id',
			channel_public_id: '_FLX',
			channel_uuid: '@ad',
			updated_at: '2021-05-24T00:00:00Z',
		};
		const fresh = await emu.sendWebhook(url, event);
		const legacy = await emu.sendWebhook(url, event, { legacy: true });
		assert.deepEqual([fresh.status, legacy.status], [200, 200]);
		const executions = await n8n.waitForExecutions({ workflowId: trigger.workflow.id, count: 4 });
		const items = [];
		for (const execution of executions.slice(0, 2))
			items.push(...emittedItem(await n8n.getExecution(execution.id)));
		const strip = ({ resource_id, ...rest }) => rest;
		assert.deepEqual(items.map(strip), [event, event]);
		assert.deepEqual(
			new Set(items.map((item) => item.resource_id)),
			new Set([fresh.resourceId, legacy.resourceId]),
		);
	});
});

describe('Kakao Channel Trigger: body bounds and options', () => {
	const minutesAgo = (minutes) =>
		new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	// 30,000 nested arrays in about 60 KB: under the 64 KiB cap, and deeper than n8n can copy.
	const deepBody = JSON.stringify({ ...SAMPLE_EVENT, id: '4444' }).replace(
		/}$/,
		`,"deep":${'['.repeat(30000)}${']'.repeat(30000)}}`,
	);

	test('a deeply nested unknown field under 64 KiB: by default the run succeeds with the documented fields only', async () => {
		assert.ok(Buffer.byteLength(deepBody) < 64 * 1024);
		const before = (await triggerExecutions()).length;
		const response = await post(
			`/webhook/${trigger.path}`,
			deepBody,
			kakaoHeaders('deep-nesting-0001'),
		);
		assert.equal(response.status, 200, response.text);
		const executions = await n8n.waitForExecutions({
			workflowId: trigger.workflow.id,
			count: before + 1,
		});
		const execution = await n8n.getExecution(executions[0].id);
		assert.equal(
			execution.finished,
			true,
			`execution ${execution.id} did not finish: ${execution.status}`,
		);
		assert.deepEqual(emittedItem(execution), [
			{ ...SAMPLE_EVENT, id: '4444', resource_id: 'deep-nesting-0001' },
		]);
	});

	test('with Include Other Fields the same body gets 400 with the reason and starts nothing', async () => {
		const response = await post(
			`/webhook/${optionsTrigger.path}`,
			deepBody,
			kakaoHeaders('deep-nesting-0002'),
		);
		assert.equal(response.status, 400);
		assert.deepEqual(JSON.parse(response.text), {
			error: 'bad_request',
			reason:
				'other field "deep" is nested deeper than 10 levels (the limit of Include Other Fields)',
		});
		const tooLongId = await post(
			`/webhook/${trigger.path}`,
			{ ...SAMPLE_EVENT, id: '1'.repeat(10000) },
			kakaoHeaders('long-id-0001'),
		);
		assert.equal(tooLongId.status, 400);
		assert.match(tooLongId.text, /out of the signed 64-bit range/);
		await new Promise((resolve) => setTimeout(resolve, 1500));
		assert.equal((await triggerExecutions(optionsTrigger.workflow)).length, 0);
	});

	test('Include Delivery Headers adds X-Kakao-Resource-ID and User-Agent only; Include Other Fields keeps a small extra', async () => {
		const event = { ...SAMPLE_EVENT, id: '5555', updated_at: minutesAgo(2), tier: 'gold' };
		const headers = {
			...kakaoHeaders('headers-delivery-0001'),
			cookie: 'session=abc',
			'x-forwarded-for': '10.0.0.9',
		};
		const response = await post(`/webhook/${optionsTrigger.path}`, event, headers);
		assert.equal(response.status, 200, response.text);
		const [execution] = await n8n.waitForExecutions({
			workflowId: optionsTrigger.workflow.id,
			count: 1,
		});
		const items = emittedItem(await n8n.getExecution(execution.id));
		const { tier, ...documented } = event;
		assert.deepEqual(items, [
			{
				...documented,
				resource_id: 'headers-delivery-0001',
				extra: { tier },
				headers: {
					'x-kakao-resource-id': 'headers-delivery-0001',
					'user-agent': 'KakaoOpenAPI/1.0',
				},
			},
		]);
		assert.ok(!JSON.stringify(items).includes(emu.adminKey));
	});

	test('Ignore Events Older Than: a stale event gets 200 with the reason and starts nothing', async () => {
		const updatedAt = minutesAgo(90);
		const response = await post(
			`/webhook/${optionsTrigger.path}`,
			{ ...SAMPLE_EVENT, id: '6666', updated_at: updatedAt },
			kakaoHeaders('stale-delivery-0001'),
		);
		assert.equal(response.status, 200);
		assert.deepEqual(JSON.parse(response.text), {
			received: true,
			ignored: 'stale_event',
			reason: `updated_at ${updatedAt} is 90 minutes old, more than the 60 of Ignore Events Older Than`,
		});
		await new Promise((resolve) => setTimeout(resolve, 1500));
		assert.equal((await triggerExecutions(optionsTrigger.workflow)).length, 1);
	});
});

describe('Kakao Channel action node', () => {
	test('channel getLinks: links for each item, no credential, no call to Kakao', async () => {
		emu.clearRequests();
		const output = await runAction('channelLinks', [
			{ channel: CHANNEL },
			{ channel: 'https://pf.kakao.com/_xnrxjem/chat' },
		]);
		assert.deepEqual(output, [
			{
				channel_public_id: CHANNEL,
				home_url: `https://pf.kakao.com/${CHANNEL}`,
				add_channel_url: `https://pf.kakao.com/${CHANNEL}/friend`,
				chat_url: `https://pf.kakao.com/${CHANNEL}/chat`,
			},
			{
				channel_public_id: '_xnrxjem',
				home_url: 'https://pf.kakao.com/_xnrxjem',
				add_channel_url: 'https://pf.kakao.com/_xnrxjem/friend',
				chat_url: 'https://pf.kakao.com/_xnrxjem/chat',
			},
		]);
		assert.equal(emu.requests.length, 0);
	});

	test('relation get', async () => {
		const output = await runAction('relationGet', [{ user: '1001' }, { user: '1003' }]);
		assert.deepEqual(output, [
			{
				user_id: '1001',
				channel_public_id: CHANNEL,
				channel_uuid: '@테스트',
				relation: 'ADDED',
				created_at: '2020-04-18T03:17:05Z',
				updated_at: '2021-05-17T05:25:01Z',
			},
			{
				user_id: '1003',
				channel_public_id: CHANNEL,
				channel_uuid: '@테스트',
				relation: 'BLOCKED',
				updated_at: '2023-03-04T09:10:11Z',
			},
		]);
	});

	test('relation checkMany: one call, repeats dropped, a user Kakao leaves out still reported', async () => {
		emu.clearRequests();
		const output = await runAction('relationCheckMany', [
			{ user: '1001' },
			{ user: '1002' },
			{ user: '1001' },
			{ user: '1010' },
		]);
		const calls = emu.requests.filter((r) => r.path === '/v2/api/talk/channels/multi');
		assert.equal(calls.length, 1);
		assert.equal(calls[0].query.target_ids, '1001,1002,1010');
		assert.deepEqual(
			output.map((o) => [o.user_id, o.relation ?? null, o.checked]),
			[
				['1001', 'ADDED', true],
				['1002', 'ADDED', true],
				['1010', null, false],
			],
		);
	});

	test('customer file create and getAll', async () => {
		const [created] = await runAction('fileCreate', [{ name: `e2e-${flavor}` }]);
		assert.equal(typeof created.file_id, 'number');
		assert.deepEqual(created.schema, { 성별: 'string', 연령: 'number', visits: 'number' });
		const files = await runAction('fileGetAll', [{}]);
		const mine = files.find((file) => file.file_id === created.file_id);
		assert.deepEqual(mine.schema, { 성별: 'string', 연령: 'number', visits: 'number' });
		assert.equal(mine.using_slot, files.length);
	});

	test('users add: 5,000 input items make exactly 3 calls and are all accounted for', async () => {
		emu.clearRequests();
		const items = Array.from({ length: 5000 }, (_, i) => ({
			user: String(20001 + i),
			age: 20 + (i % 40),
		}));
		const [summary] = await runAction('usersAdd', items);
		const calls = emu.requests.filter((r) => r.path === '/v1/talkchannel/update/target_users');
		assert.equal(calls.length, 3);
		assert.deepEqual(
			calls.map((c) => c.body.users.length).sort((a, b) => a - b),
			[1000, 2000, 2000],
		);
		assert.equal(summary.users_sent, 5000);
		assert.equal(summary.request_count, 5000);
		assert.equal(summary.success_count, 5000);
		assert.equal(summary.calls, 3);
	});

	test('users delete by phone number, normalised', async () => {
		emu.clearRequests();
		const [summary] = await runAction('usersDelete', [
			{ phone: '010-1234-5678' },
			{ phone: '+82 10 2345 6789' },
		]);
		const [call] = emu.requests.filter((r) => r.path === '/v1/talkchannel/delete/target_users');
		assert.deepEqual(call.body.user_ids, ['821012345678', '821023456789']);
		assert.equal(call.body.user_type, 'phone');
		assert.equal(summary.users_sent, 2);
	});
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const finished = async (workflowId) =>
	(await n8n.listExecutions(workflowId)).filter((e) => e.finished || e.stoppedAt);

/** A POST with exactly these headers: no Content-Type unless given. */
async function postRaw(urlPath, text, headers) {
	const response = await request(`${n8n.baseUrl}${urlPath}`, {
		method: 'POST',
		headers,
		body: text,
	});
	return { status: response.statusCode, text: await response.body.text() };
}

describe('Kakao Channel Trigger at typeVersion 1 and 2', () => {
	for (const [version, pick] of [
		[2, () => trigger],
		[1, () => triggerV1],
	]) {
		test(`v${version}: the sample request, then one without Content-Type, each start one execution`, async () => {
			const wf = pick();
			const before = (await finished(wf.workflow.id)).length;
			const first = await post(
				`/webhook/${wf.path}`,
				SAMPLE_EVENT,
				kakaoHeaders(`v${version}-with-type`),
			);
			assert.equal(first.status, 200, first.text);
			// n8n leaves the body of a version-2 start node unread without a parsable type; the node reads it.
			const bare = await postRaw(
				`/webhook/${wf.path}`,
				JSON.stringify({ ...SAMPLE_EVENT, id: '4444' }),
				kakaoHeaders(`v${version}-no-type`),
			);
			assert.equal(bare.status, 200, bare.text);
			const executions = await n8n.waitForExecutions({
				workflowId: wf.workflow.id,
				count: before + 2,
			});
			const items = [];
			for (const execution of executions.slice(0, 2))
				items.push(...emittedItem(await n8n.getExecution(execution.id)));
			assert.deepEqual(items.map((item) => item.id).sort(), ['1111', '4444']);
			assert.deepEqual(
				new Set(items.map((item) => item.resource_id)),
				new Set([`v${version}-with-type`, `v${version}-no-type`]),
			);
		});
	}
});

describe('admin key rotation (the key is cached for at most 60 s)', () => {
	const url = () => `/webhook/${triggerRotated.path}`;

	test('a rotated key is accepted at once, and the old one refused right after', async () => {
		assert.equal(
			(await post(url(), SAMPLE_EVENT, kakaoHeaders('rotation-1', rotatedKeys[0]))).status,
			200,
		);
		await n8n.importCredentials([rotatedCredential(rotatedKeys[1])]);
		const fresh = await post(url(), SAMPLE_EVENT, kakaoHeaders('rotation-2', rotatedKeys[1]));
		assert.equal(fresh.status, 200, fresh.text);
		const old = await post(url(), SAMPLE_EVENT, kakaoHeaders('rotation-3', rotatedKeys[0]));
		assert.equal(old.status, 401);
		assert.ok(!old.text.includes(rotatedKeys[1]) && !old.text.includes(rotatedKeys[0]));
	});

	test('with no request on the new key, the old key is refused within 60 s', async () => {
		await n8n.importCredentials([rotatedCredential(rotatedKeys[2])]);
		const rotatedAt = Date.now();
		let status;
		let n = 0;
		do {
			status = (
				await post(url(), SAMPLE_EVENT, kakaoHeaders(`rotation-old-${++n}`, rotatedKeys[1]))
			).status;
			if (status === 200) await sleep(3000);
		} while (status === 200 && Date.now() - rotatedAt < 75000);
		const waited = Date.now() - rotatedAt;
		console.log(
			`old key refused ${(waited / 1000).toFixed(1)} s after the rotation, after ${n} requests`,
		);
		assert.equal(status, 401);
		assert.ok(waited <= 62000, `old key still accepted ${waited} ms after the rotation`);
		assert.equal(
			(await post(url(), SAMPLE_EVENT, kakaoHeaders('rotation-new', rotatedKeys[2]))).status,
			200,
		);
	});
});
