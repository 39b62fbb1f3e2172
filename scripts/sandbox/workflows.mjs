// The one builder of n8n workflows with our nodes, with the type names a community install gives:
// the sandbox's samples, and the trigger and action workflows of the e2e suites and benchmarks.
// Everything points at the emulator's demo data (test/kakao-emulator/seed.ts).
import { randomUUID } from 'node:crypto';

export const PKG = 'n8n-nodes-kakao-channel';
export const CREDENTIAL = { id: 'kakaoSandboxCred', name: 'Kakao sandbox (emulator)' };
/** Its own credential, so rotating its key does not touch the one the action tests use. */
export const ROTATED_CREDENTIAL = { id: 'kakaoE2eCred02', name: 'Kakao rotated key' };
// Fixed, so the sandbox trigger's production URL stays the same across restarts.
export const TRIGGER_WEBHOOK_ID = '4b8f2c1e-6d3a-4f5b-9e7c-1a2b3c4d5e6f';
export const TRIGGER_PATH = `${TRIGGER_WEBHOOK_ID}/webhook`;
const CHANNEL = '_ZeUTxl';

/** A kakaoChannelApi credential with the emulator's (or any) keys, ready to import. */
export const apiCredential = ({ adminKey, restApiKey, baseUrl }, credential = CREDENTIAL) => ({
	...credential,
	type: 'kakaoChannelApi',
	data: { adminKey, restApiKey, baseUrl },
});

export const rl = (value, mode = 'id', cachedResultName) => ({
	__rl: true,
	mode,
	value,
	...(cachedResultName && { cachedResultName }),
});
const node = (name, type, position, parameters, extra = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion: 1,
	position,
	parameters,
	...extra,
});
const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const workflow = (id, name, nodes, connections = {}, settings = {}) => ({
	id,
	name,
	active: false,
	settings: { executionOrder: 'v1', ...settings },
	nodes,
	connections,
});

/** One trigger node on <webhookId>/webhook (ours unless `type` says otherwise). */
export function triggerWorkflow({
	id = 'kakaoE2eTrigger1',
	name,
	type = `${PKG}.kakaoChannelTrigger`,
	typeVersion = 2,
	credential = CREDENTIAL,
	options,
	webhookId = randomUUID(),
	then = [], // nodes after the trigger, chained
} = {}) {
	const parameters = type.startsWith(PKG) ? { events: ['added', 'blocked'] } : {};
	if (options) parameters.options = options;
	const trigger = node('Kakao Channel Trigger', type, [0, 0], parameters, {
		typeVersion,
		webhookId,
		...(credential && { credentials: { kakaoChannelApi: credential } }),
	});
	return {
		webhookId,
		path: `${webhookId}/webhook`,
		workflow: workflow(
			id,
			name ?? `E2E Kakao Channel Trigger ${id} v${typeVersion}${options ? ' with options' : ''}`,
			[trigger, ...then],
			chain(trigger.name, ...then.map((n) => n.name)),
			{ saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		),
	};
}

/** n8n's own Webhook node on <webhookId>/webhook, answered on receipt (the benchmark's W). */
export function webhookWorkflow({ id, name, webhookId = randomUUID() }) {
	const parameters = {
		httpMethod: 'POST',
		path: `${webhookId}/webhook`,
		responseMode: 'onReceived',
		options: {},
	};
	const hook = node('Webhook', 'n8n-nodes-base.webhook', [0, 0], parameters, {
		typeVersion: 2,
		webhookId,
	});
	return {
		webhookId,
		path: parameters.path,
		workflow: workflow(
			id,
			name,
			[hook],
			{},
			{ saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' },
		),
	};
}

/**
 * Webhook -> Split Out (body.items) -> Kakao Channel; the webhook answers with the Kakao node's
 * items, so a test posts input items and reads what the node output in a real n8n.
 */
let actionCount = 0;
export function actionWorkflow(
	key,
	kakaoParameters,
	{ credentials = { kakaoChannelApi: CREDENTIAL } } = {},
) {
	const path = `e2e-${key}`;
	const nodes = [
		node(
			'Webhook',
			'n8n-nodes-base.webhook',
			[0, 0],
			{
				httpMethod: 'POST',
				path,
				responseMode: 'lastNode',
				responseData: 'allEntries',
				options: {},
			},
			{ typeVersion: 2, webhookId: randomUUID() },
		),
		node('Split Out', 'n8n-nodes-base.splitOut', [200, 0], {
			fieldToSplitOut: 'body.items',
			include: 'noOtherFields',
			options: {},
		}),
		node(
			'Kakao Channel',
			`${PKG}.kakaoChannel`,
			[400, 0],
			kakaoParameters,
			credentials ? { credentials } : {},
		),
	];
	const id = `kakaoE2eAction${String(++actionCount).padStart(2, '0')}`;
	return {
		path,
		workflow: workflow(
			id,
			`E2E Kakao Channel ${key}`,
			nodes,
			chain('Webhook', 'Split Out', 'Kakao Channel'),
		),
	};
}

// The sandbox: sample input without a Code node (Set in JSON mode + Split Out), one user per line.
const kakao = (name, parameters) =>
	node(name, `${PKG}.kakaoChannel`, [0, 0], parameters, {
		credentials: { kakaoChannelApi: CREDENTIAL },
	});
const usersJson = (users) =>
	`{\n  "users": [\n${users.map((u) => `    ${JSON.stringify(u)}`).join(',\n')}\n  ]\n}\n`;
const sampleItems = (name, users) => [
	node(
		name,
		'n8n-nodes-base.set',
		[0, 0],
		{ mode: 'raw', jsonOutput: usersJson(users) },
		{ typeVersion: 3.4 },
	),
	node('One item each', 'n8n-nodes-base.splitOut', [0, 0], {
		fieldToSplitOut: 'users',
		include: 'noOtherFields',
	}),
];
/** A manual workflow: Start, then `steps` in a row, each into the next; `branch` hangs off Start. */
function sample(id, name, steps, branch) {
	const nodes = [node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {}), ...steps];
	nodes.forEach((n, i) => (n.position = [i * 220, 0]));
	const connections = chain(...nodes.map((n) => n.name));
	if (branch) {
		nodes.push({ ...branch, position: [220, 200] });
		connections.Start.main[0].push({ node: branch.name, type: 'main', index: 0 });
	}
	return workflow(id, name, nodes, connections, { saveManualExecutions: true });
}

/** The sandbox's workflows: the trigger (active) and small manual ones, first one first. */
export function sandboxWorkflows({ fileId, fileName }) {
	const file = rl(String(fileId), 'list', fileName);
	const users = Array.from({ length: 10 }, (_, i) => ({ user_id: String(1001 + i) }));
	const fileUsers = { resource: 'customerFileUser', channel: rl(CHANNEL), fileId: file };
	const relations = sample(
		'kakaoSandboxRel1',
		'Sandbox: check relations',
		[
			...sampleItems('Demo users', users),
			kakao('Check relations', {
				resource: 'relation',
				operation: 'checkMany',
				userId: '={{ $json.user_id }}',
				options: {},
			}),
		],
		kakao('Check one user', {
			resource: 'relation',
			operation: 'get',
			authentication: 'adminKey',
			userId: '1001',
			channel: rl(CHANNEL),
			options: {},
		}),
	);
	const files = sample('kakaoSandboxFile', 'Sandbox: customer files', [
		kakao('Create customer file', {
			resource: 'customerFile',
			operation: 'create',
			channel: rl(CHANNEL),
			// Kakao rejects a file name already used on the channel, so each run makes a new one.
			fileName: "=Sandbox {{ $now.toFormat('yyyy-MM-dd HH:mm:ss') }}",
			fixedFields: {
				field: [
					{ key: '성별', type: 'string' },
					{ key: '연령', type: 'number' },
				],
			},
			customFields: { field: [{ key: 'visits' }] },
		}),
		kakao('List customer files', {
			resource: 'customerFile',
			operation: 'getAll',
			channel: rl(CHANNEL),
		}),
	]);
	const addUsers = sample('kakaoSandboxAddU', 'Sandbox: add users to a customer file', [
		...sampleItems('New members', [
			{ user_id: '1004', age: 28 },
			{ user_id: '1006', age: 35 },
			{ user_id: '1008', age: 42 },
		]),
		kakao('Add users', {
			...fileUsers,
			operation: 'add',
			userType: 'app',
			userId: '={{ $json.user_id }}',
			fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
		}),
	]);
	const deleteUsers = sample('kakaoSandboxDelU', 'Sandbox: remove users from a customer file', [
		// By phone number this time: 1004 and 1006 of the demo users.
		...sampleItems('Members to remove', [{ phone: '010-4567-8901' }, { phone: '010-6789-0123' }]),
		kakao('Remove users', {
			...fileUsers,
			operation: 'delete',
			userType: 'phone',
			userId: '={{ $json.phone }}',
		}),
	]);
	const { workflow: trigger } = triggerWorkflow({
		id: 'kakaoSandboxTrig',
		name: 'Sandbox: Kakao Channel Trigger',
		typeVersion: 1,
		webhookId: TRIGGER_WEBHOOK_ID,
		options: {},
		then: [node('Event received', 'n8n-nodes-base.noOp', [220, 0], {})],
	});
	return { trigger, manual: [relations, files, addUsers, deleteUsers] };
}
