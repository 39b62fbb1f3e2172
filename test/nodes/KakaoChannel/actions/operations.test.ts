// What every operation that calls Kakao does the same way, as one table: which key it sends, what
// a wrong or missing key gives, and how Kakao's channel errors come back. The per-operation suites
// keep what is their own (bodies, outputs, batching).
import type { IDataObject } from 'n8n-workflow';

import { DEMO_FILE_NAME, type RecordedRequest } from '../../../kakao-emulator';
import { OFFLINE_CHANNEL, useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import {
	ADD_USERS_PATH,
	CHANNEL,
	CREATE_FILE_PATH,
	DELETE_USERS_PATH,
	MULTI_PATH,
	RELATION_PATH,
	VIEW_FILES_PATH,
	apiCredentials,
	authOf,
	demoRelation,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	pairedOf,
	rl,
} from '../../../support/engineHelpers';

const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });

interface OperationCase {
	parameters: (channel: string) => IDataObject;
	method: 'GET' | 'POST';
	path: string;
	/** The key the endpoint takes (docs/kakao-api.md#keys). */
	key: 'admin' | 'rest';
}

const fileUsers = (operation: string) => (channel: string) => ({
	resource: 'customerFileUser',
	operation,
	channel: rl(channel),
	fileId: rl('437'),
	userType: 'app',
	userId: '={{ $json.id }}',
});

const OPERATIONS: Record<string, OperationCase> = {
	'Channel Relation > Get': {
		parameters: (channel) => ({
			resource: 'relation',
			operation: 'get',
			userId: '1001',
			channel: rl(channel),
		}),
		method: 'GET',
		path: RELATION_PATH,
		key: 'admin',
	},
	'Channel Relation > Check Many Users': {
		parameters: (channel) => ({
			resource: 'relation',
			operation: 'checkMany',
			userId: '={{ $json.id }}',
			options: { channels: channel },
		}),
		method: 'GET',
		path: MULTI_PATH,
		key: 'admin',
	},
	'Customer File > Create': {
		parameters: (channel) => ({
			resource: 'customerFile',
			operation: 'create',
			channel: rl(channel),
			fileName: 'new file',
			customFields: { field: [{ key: 'visits' }] },
		}),
		method: 'POST',
		path: CREATE_FILE_PATH,
		key: 'rest',
	},
	'Customer File > Get Many': {
		parameters: (channel) => ({
			resource: 'customerFile',
			operation: 'getAll',
			channel: rl(channel),
		}),
		method: 'GET',
		path: VIEW_FILES_PATH,
		key: 'rest',
	},
	'Customer File User > Add': {
		parameters: fileUsers('add'),
		method: 'POST',
		path: ADD_USERS_PATH,
		key: 'rest',
	},
	'Customer File User > Delete': {
		parameters: fileUsers('delete'),
		method: 'POST',
		path: DELETE_USERS_PATH,
		key: 'rest',
	},
};

const KEY = {
	admin: { field: 'adminKey', label: 'Admin Key', use: 'admin key for relations' },
	rest: { field: 'restApiKey', label: 'REST API Key', use: 'REST API key for customer files' },
} as const;

const CASES = Object.entries(OPERATIONS);

function run(operation: OperationCase, keys: Record<string, string> = {}, channel = CHANNEL) {
	return runKakaoNode({
		parameters: operation.parameters(channel),
		items: [{ id: '1001' }],
		credentials: apiCredentials(emu, keys),
	});
}

describe.each(CASES)('%s', (_name, operation) => {
	const key = KEY[operation.key];
	const otherKey = () => (operation.key === 'admin' ? emu.restApiKey : emu.adminKey);

	it('sends one call with the key its endpoint takes (JSON for a POST), and no key reaches the run data', async () => {
		const result = await run(operation);
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => [r.method, r.path, authOf(emu, r), r.status])).toEqual([
			[operation.method, operation.path, `KakaoAK ${operation.key}`, 200],
		]);
		const [request] = emu.requests;
		if (operation.method === 'POST') {
			expect(request.headers['content-type']).toMatch(/^application\/json/);
			expect(request.query).toEqual({});
		}
		expectNoSecrets(result, emu);
	});

	it("the app's other key in its field: -401, sent once, saying which key to use", async () => {
		const result = await run(operation, { [key.field]: otherKey() });
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -401: invalid app key or access token');
		expect(error.description).toContain(key.use);
		expect(error.description).toContain(
			`got ${operation.key === 'admin' ? 'REST API key' : 'admin key'}`,
		);
		expect(error.httpCode).toBe('401');
		expect(emu.requests.map((r) => [authOf(emu, r), r.status])).toEqual([
			[`KakaoAK ${operation.key === 'admin' ? 'rest' : 'admin'}`, 401],
		]);
	});

	it("a key Kakao does not know: -401 with Kakao's words, and the wrong key nowhere in the run", async () => {
		const wrongKey = '0123456789abcdef0123456789abcdef';
		const result = await run(operation, { [key.field]: wrongKey });
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -401: invalid app key or access token');
		expect(error.description).toContain('Kakao said: "invalid app key" (HTTP 401)');
		expectNoSecrets(result, emu, { wrongKey });
	});

	it(`an empty ${key.label} fails before any request, naming the field`, async () => {
		const result = await run(operation, { [key.field]: '  ' });
		expect(result.output).toBeUndefined();
		expect(result.error!.message).toContain(`has no ${key.label}`);
		expect(emu.requests).toHaveLength(0);
		expectNoSecrets(result, emu);
	});

	it.each([
		[
			'-541 (unknown channel)',
			'_nochannel',
			'Kakao API error -541: channel does not exist',
			/Check the channel ID/,
		],
		[
			'-819 (channel not connected)',
			OFFLINE_CHANNEL.publicId,
			'Kakao API error -819: the channel is not connected to the app',
			/Connect the channel/,
		],
	])(
		'%s becomes a NodeApiError naming the code, after one request',
		async (_code, channel, message, hint) => {
			const result = await run(operation, {}, channel);
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toBe(message);
			expect(error.description).toMatch(hint);
			expect(error.description).toContain('(HTTP 400)');
			expect(error.httpCode).toBe('400');
			expect(error.context?.itemIndex).toBe(0);
			expect(emu.requests).toHaveLength(1);
			expectNoSecrets(result, emu);
		},
	);
});

// The operations that call Kakao once per item, with continue on fail: each failing item (bad
// input or a Kakao error) becomes an error item paired with it, and the other items go on.
describe.each<
	[string, IDataObject, IDataObject[], unknown[], (r: RecordedRequest) => unknown, unknown[]]
>([
	[
		'Channel Relation > Get',
		{ resource: 'relation', operation: 'get', userId: '={{ $json.id }}', channel: rl(CHANNEL) },
		[{ id: '1001' }, { id: '1010' }, { id: 'abc' }, { id: '1004' }],
		[
			demoRelation('1001'),
			{ error: 'Kakao API error -501: not a Kakao Talk user' },
			{ error: 'User ID "abc" is not a service user ID' },
			demoRelation('1004'),
		],
		(r) => r.query.target_id,
		['1001', '1010', '1004'],
	],
	[
		'Customer File > Create',
		{
			resource: 'customerFile',
			operation: 'create',
			channel: rl(CHANNEL),
			fileName: '={{ $json.name }}',
			customFields: { field: [{ key: 'visits' }] },
		},
		[{ name: 'a' }, { name: DEMO_FILE_NAME }, { name: '' }, { name: 'a' }, { name: 'b' }],
		[
			{ file_id: 438, channel_public_id: CHANNEL, file_name: 'a', schema: { visits: 'number' } },
			{ error: 'Kakao API error -817: file name already used or not allowed' },
			{ error: 'File Name is empty' },
			{ error: 'Kakao API error -817: file name already used or not allowed' },
			{ file_id: 439, channel_public_id: CHANNEL, file_name: 'b', schema: { visits: 'number' } },
		],
		(r) => (r.body as { file_name: string }).file_name,
		['a', DEMO_FILE_NAME, 'a', 'b'],
	],
	[
		'Customer File > Get Many',
		{ resource: 'customerFile', operation: 'getAll', channel: rl('={{ $json.channel }}') },
		[{ channel: '_nochannel' }, { channel: 'bad' }, { channel: CHANNEL }],
		[
			{ error: 'Kakao API error -541: channel does not exist' },
			{ error: 'Channel "bad" is not a Kakao Talk Channel ID or URL' },
			expect.objectContaining({ file_id: 437, channel_public_id: CHANNEL }),
		],
		(r) => r.query.channel_public_id,
		['_nochannel', CHANNEL],
	],
])('%s, continue on fail', (_name, parameters, items, output, sentAs, sent) => {
	it('failing items become error items paired to them; the others go on', async () => {
		const result = await runKakaoNode({
			parameters,
			items,
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual(output);
		expect(pairedOf(result.output)).toEqual(items.map((_, k) => [k]));
		expect(emu.requests.map(sentAs)).toEqual(sent);
		expectNoSecrets(result, emu);
	});
});
