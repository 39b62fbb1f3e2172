// The sandbox's sample workflows: one trigger (active) and small manual ones a newcomer runs with
// "Execute workflow" in the editor. Everything points at the emulator's demo data (see seed.ts).
const PKG = 'n8n-nodes-kakao-channel';
export const CREDENTIAL = { id: 'kakaoSandboxCred', name: 'Kakao sandbox (emulator)' };
// Fixed, so the trigger's production URL stays the same across sandbox restarts.
export const TRIGGER_WEBHOOK_ID = '4b8f2c1e-6d3a-4f5b-9e7c-1a2b3c4d5e6f';
export const TRIGGER_PATH = `${TRIGGER_WEBHOOK_ID}/webhook`;
const CHANNEL = '_ZeUTxl';

const credentials = { kakaoChannelApi: CREDENTIAL };
const rl = (value, mode = 'id', cachedResultName) => ({
	__rl: true,
	mode,
	value,
	...(cachedResultName && { cachedResultName }),
});
let nodeCount = 0;
const node = (name, type, position, parameters, extra = {}) => ({
	id: `00000000-0000-4000-8000-${String(++nodeCount).padStart(12, '0')}`,
	name,
	type,
	typeVersion: 1,
	position,
	parameters,
	...extra,
});
const kakao = (name, position, parameters) =>
	node(name, `${PKG}.kakaoChannel`, position, parameters, { credentials });
const manual = () => node('Start', 'n8n-nodes-base.manualTrigger', [0, 0], {});
// Set (JSON mode) + Split Out: fixed sample input without a Code node; one user per line.
const usersJson = (users) =>
	`{\n  "users": [\n${users.map((u) => `    ${JSON.stringify(u)}`).join(',\n')}\n  ]\n}\n`;
const sampleItems = (name, x, users) => [
	node(
		name,
		'n8n-nodes-base.set',
		[x, 0],
		{ mode: 'raw', jsonOutput: usersJson(users), options: {} },
		{ typeVersion: 3.4 },
	),
	node('One item each', 'n8n-nodes-base.splitOut', [x + 220, 0], {
		fieldToSplitOut: 'users',
		include: 'noOtherFields',
		options: {},
	}),
];
const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((n, i) => [n, { main: [[{ node: names[i + 1], type: 'main', index: 0 }]] }]),
	);
const workflow = (id, name, nodes, connections) => ({
	id,
	name,
	active: false,
	settings: { executionOrder: 'v1', saveManualExecutions: true },
	nodes,
	connections,
});

export function sandboxWorkflows({ fileId, fileName }) {
	const file = rl(String(fileId), 'list', fileName);
	const trigger = workflow(
		'kakaoSandboxTrig',
		'Sandbox: Kakao Channel Trigger',
		[
			node(
				'Kakao Channel Trigger',
				`${PKG}.kakaoChannelTrigger`,
				[0, 0],
				{ events: ['added', 'blocked'], options: {} },
				{
					credentials,
					webhookId: TRIGGER_WEBHOOK_ID,
				},
			),
			node('Event received', 'n8n-nodes-base.noOp', [220, 0], {}),
		],
		chain('Kakao Channel Trigger', 'Event received'),
	);

	const users = ['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009', '1010'];
	const relations = workflow(
		'kakaoSandboxRel1',
		'Sandbox: check relations',
		[
			manual(),
			...sampleItems(
				'Demo users',
				220,
				users.map((user_id) => ({ user_id })),
			),
			kakao('Check relations', [660, 0], {
				resource: 'relation',
				operation: 'checkMany',
				userId: '={{ $json.user_id }}',
				options: {},
			}),
			kakao('Check one user', [220, 200], {
				resource: 'relation',
				operation: 'get',
				authentication: 'adminKey',
				userId: '1001',
				channel: rl(CHANNEL),
				options: {},
			}),
		],
		{
			...chain('Demo users', 'One item each', 'Check relations'),
			Start: {
				main: [
					[
						{ node: 'Demo users', type: 'main', index: 0 },
						{ node: 'Check one user', type: 'main', index: 0 },
					],
				],
			},
		},
	);

	const files = workflow(
		'kakaoSandboxFile',
		'Sandbox: customer files',
		[
			manual(),
			kakao('Create customer file', [220, 0], {
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
			kakao('List customer files', [440, 0], {
				resource: 'customerFile',
				operation: 'getAll',
				channel: rl(CHANNEL),
			}),
		],
		chain('Start', 'Create customer file', 'List customer files'),
	);

	const addUsers = workflow(
		'kakaoSandboxAddU',
		'Sandbox: add users to a customer file',
		[
			manual(),
			...sampleItems('New members', 220, [
				{ user_id: '1004', age: 28 },
				{ user_id: '1006', age: 35 },
				{ user_id: '1008', age: 42 },
			]),
			kakao('Add users', [660, 0], {
				resource: 'customerFileUser',
				operation: 'add',
				channel: rl(CHANNEL),
				fileId: file,
				userType: 'app',
				userId: '={{ $json.user_id }}',
				fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
			}),
		],
		chain('Start', 'New members', 'One item each', 'Add users'),
	);

	const deleteUsers = workflow(
		'kakaoSandboxDelU',
		'Sandbox: remove users from a customer file',
		[
			manual(),
			// By phone number this time: 1004 and 1006 of the demo users.
			...sampleItems('Members to remove', 220, [
				{ phone: '010-4567-8901' },
				{ phone: '010-6789-0123' },
			]),
			kakao('Remove users', [660, 0], {
				resource: 'customerFileUser',
				operation: 'delete',
				channel: rl(CHANNEL),
				fileId: file,
				userType: 'phone',
				userId: '={{ $json.phone }}',
			}),
		],
		chain('Start', 'Members to remove', 'One item each', 'Remove users'),
	);

	return { trigger, manual: [relations, files, addUsers, deleteUsers] };
}
