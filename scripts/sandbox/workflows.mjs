// The one builder of n8n workflows with our nodes, with the type names a community install gives:
// the sandbox's samples, and the trigger and action workflows of the e2e suites and benchmarks.
// Everything points at the emulator's demo data (test/kakao-emulator/seed.ts).
import { randomUUID } from 'node:crypto';

export const PKG = 'n8n-nodes-kakao-channel';
export const CREDENTIAL = { id: 'kakaoSandboxCred', name: 'Kakao sandbox (emulator)' };
// Fixed, so the sandbox trigger's production URL stays the same across restarts.
export const TRIGGER_PATH = '4b8f2c1e-6d3a-4f5b-9e7c-1a2b3c4d5e6f/webhook';
const CHANNEL = '_ZeUTxl';
const SAVE_ALL = { saveDataSuccessExecution: 'all', saveDataErrorExecution: 'all' };

/** A kakaoChannelApi credential with the emulator's (or any) keys, ready to import. */
export const apiCredential = ({ adminKey, restApiKey, baseUrl }, credential = CREDENTIAL) => ({
	...credential,
	type: 'kakaoChannelApi',
	data: { adminKey, restApiKey, baseUrl },
});

/** A resource locator value, as the editor saves it. */
export const rl = (value, mode = 'id', cachedResultName) => ({
	__rl: true,
	mode,
	value,
	...(cachedResultName && { cachedResultName }),
});
const node = (name, type, parameters, extra = {}) => ({
	id: randomUUID(),
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters,
	...extra,
});
const kakao = (name, parameters, credentials = { kakaoChannelApi: CREDENTIAL }) =>
	node(name, `${PKG}.kakaoChannel`, parameters, credentials ? { credentials } : {});
const webhook = (path, extra = {}) =>
	node(
		'Webhook',
		'n8n-nodes-base.webhook',
		{ httpMethod: 'POST', path, options: {}, ...extra },
		{ typeVersion: 2, webhookId: randomUUID() },
	);
const splitOut = (name, field) =>
	node(name, 'n8n-nodes-base.splitOut', { fieldToSplitOut: field, include: 'noOtherFields' });
/** The nodes in a row, each into the next, placed left to right. */
function workflow(id, name, nodes, settings = {}) {
	nodes.forEach((n, i) => (n.position = [i * 220, 0]));
	const connections = Object.fromEntries(
		nodes
			.slice(0, -1)
			.map((n, i) => [n.name, { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] }]),
	);
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1', ...settings },
		nodes,
		connections,
	};
}

/** The Kakao Channel node's parameters for each operation, as the sandbox and the e2e suites use it. */
const OPERATION = {
	relationGet: (userId, channel) => ({
		...{ resource: 'relation', operation: 'get', authentication: 'adminKey' },
		...{ userId, channel: rl(channel), options: {} },
	}),
	checkMany: (userId, options = {}) => ({
		resource: 'relation',
		operation: 'checkMany',
		userId,
		options,
	}),
	fileCreate: (channel, fileName) => ({
		...{ resource: 'customerFile', operation: 'create', channel, fileName },
		fixedFields: {
			field: [
				{ key: '성별', type: 'string' },
				{ key: '연령', type: 'number' },
			],
		},
		customFields: { field: [{ key: 'visits' }] },
	}),
	fileGetAll: (channel) => ({
		resource: 'customerFile',
		operation: 'getAll',
		channel: rl(channel),
	}),
	/** On the customer file `file` of `channel`, by app user ID, with the age field. */
	usersAdd: (channel, file, userId) => ({
		...{ resource: 'customerFileUser', operation: 'add', channel: rl(channel), fileId: file },
		...{
			userType: 'app',
			userId,
			fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
		},
	}),
	/** By phone number. */
	usersDelete: (channel, file, userId) => ({
		...{ resource: 'customerFileUser', operation: 'delete', channel: rl(channel), fileId: file },
		...{ userType: 'phone', userId },
	}),
};

/** One trigger node on <webhookId>/webhook (ours unless `type` says otherwise), then `then`. */
export function triggerWorkflow({
	id = 'kakaoE2eTrigger1',
	name,
	type = `${PKG}.kakaoChannelTrigger`,
	typeVersion = 2,
	credential = CREDENTIAL,
	options,
	webhookId = randomUUID(),
	then = [],
} = {}) {
	const parameters = {
		...(type.startsWith(PKG) && { events: ['added', 'blocked'] }),
		...(options && { options }),
	};
	const trigger = node('Kakao Channel Trigger', type, parameters, {
		typeVersion,
		webhookId,
		...(credential && { credentials: { kakaoChannelApi: credential } }),
	});
	name ??= `E2E Kakao Channel Trigger ${id} v${typeVersion}${options ? ' with options' : ''}`;
	return {
		path: `${webhookId}/webhook`,
		workflow: workflow(id, name, [trigger, ...then], SAVE_ALL),
	};
}

/** n8n's own Webhook node on <webhookId>/webhook, answered on receipt (the benchmark's W). */
export function webhookWorkflow({ id, name }) {
	const hook = webhook('', { responseMode: 'onReceived' });
	hook.parameters.path = `${hook.webhookId}/webhook`;
	return { path: hook.parameters.path, workflow: workflow(id, name, [hook], SAVE_ALL) };
}

/**
 * Webhook -> Split Out (body.items) -> Kakao Channel; the webhook answers with the Kakao node's
 * items, so a test posts input items and reads what the node put out in a real n8n.
 */
let actionCount = 0;
export function actionWorkflow(key, parameters, credentials) {
	const id = `kakaoE2eAction${String(++actionCount).padStart(2, '0')}`;
	const nodes = [
		webhook(`e2e-${key}`, { responseMode: 'lastNode', responseData: 'allEntries' }),
		splitOut('Split Out', 'body.items'),
		kakao('Kakao Channel', parameters, credentials),
	];
	return { path: `e2e-${key}`, workflow: workflow(id, `E2E Kakao Channel ${key}`, nodes) };
}

/** One action workflow per operation, on `channel` and the customer file `fileId` (e2e suites). */
export function actionWorkflows(channel, fileId) {
	const file = rl(String(fileId));
	const links = { resource: 'channel', operation: 'getLinks', channel: rl('={{ $json.channel }}') };
	const url = rl(`https://pf.kakao.com/${channel}`, 'url');
	return {
		relationGet: actionWorkflow(
			'relation-get',
			OPERATION.relationGet('={{ $json.user }}', channel),
		),
		relationCheckMany: actionWorkflow(
			'relation-checkmany',
			OPERATION.checkMany('={{ $json.user }}', { channels: `https://pf.kakao.com/${channel}` }),
		),
		fileCreate: actionWorkflow('file-create', OPERATION.fileCreate(url, '={{ $json.name }}')),
		fileGetAll: actionWorkflow('file-getall', OPERATION.fileGetAll(channel)),
		usersAdd: actionWorkflow('users-add', OPERATION.usersAdd(channel, file, '={{ $json.user }}')),
		usersDelete: actionWorkflow(
			'users-delete',
			OPERATION.usersDelete(channel, file, '={{ $json.phone }}'),
		),
		channelLinks: actionWorkflow('channel-links', links, null),
	};
}

// The sandbox: sample input without a Code node (Set in JSON mode + Split Out), one user a line.
function sampleItems(name, users) {
	const lines = users.map((u) => `    ${JSON.stringify(u)}`).join(',\n');
	const set = node(name, 'n8n-nodes-base.set', {
		mode: 'raw',
		jsonOutput: `{\n  "users": [\n${lines}\n  ]\n}\n`,
	});
	return [{ ...set, typeVersion: 3.4 }, splitOut('One item each', 'users')];
}
/** A manual workflow: Start, then `steps` in a row; `branch` hangs off Start. */
function sample(id, name, steps, branch) {
	const wf = workflow(id, name, [node('Start', 'n8n-nodes-base.manualTrigger', {}), ...steps], {
		saveManualExecutions: true,
	});
	if (branch) {
		wf.nodes.push({ ...branch, position: [220, 200] });
		wf.connections.Start.main[0].push({ node: branch.name, type: 'main', index: 0 });
	}
	return wf;
}

/** The sandbox's workflows: the trigger (active) and small manual ones, first one first. */
export function sandboxWorkflows({ fileId, fileName }) {
	const users = Array.from({ length: 10 }, (_, i) => ({ user_id: String(1001 + i) }));
	const file = rl(String(fileId), 'list', fileName);
	const relations = sample(
		'kakaoSandboxRel1',
		'Sandbox: check relations',
		[
			...sampleItems('Demo users', users),
			kakao('Check relations', OPERATION.checkMany('={{ $json.user_id }}')),
		],
		kakao('Check one user', OPERATION.relationGet('1001', CHANNEL)),
	);
	// Kakao rejects a file name already used on the channel, so each run makes a new one.
	const newName = "=Sandbox {{ $now.toFormat('yyyy-MM-dd HH:mm:ss') }}";
	const files = sample('kakaoSandboxFile', 'Sandbox: customer files', [
		kakao('Create customer file', OPERATION.fileCreate(rl(CHANNEL), newName)),
		kakao('List customer files', OPERATION.fileGetAll(CHANNEL)),
	]);
	const members = [28, 35, 42].map((age, i) => ({ user_id: String(1004 + 2 * i), age }));
	const addUsers = sample('kakaoSandboxAddU', 'Sandbox: add users to a customer file', [
		...sampleItems('New members', members),
		kakao('Add users', OPERATION.usersAdd(CHANNEL, file, '={{ $json.user_id }}')),
	]);
	const deleteUsers = sample('kakaoSandboxDelU', 'Sandbox: remove users from a customer file', [
		// By phone number this time: 1004 and 1006 of the demo users.
		...sampleItems('Members to remove', [{ phone: '010-4567-8901' }, { phone: '010-6789-0123' }]),
		kakao('Remove users', OPERATION.usersDelete(CHANNEL, file, '={{ $json.phone }}')),
	]);
	const { workflow: trigger } = triggerWorkflow({
		...{ id: 'kakaoSandboxTrig', name: 'Sandbox: Kakao Channel Trigger' },
		...{ typeVersion: 1, options: {} },
		webhookId: TRIGGER_PATH.split('/')[0],
		then: [node('Event received', 'n8n-nodes-base.noOp', {})],
	});
	return { trigger, manual: [relations, files, addUsers, deleteUsers] };
}
