// What every operation that calls Kakao does the same way, as one table: which key it sends, what
// a wrong or missing key gives, the forms of the channel it takes, and how Kakao's channel errors
// come back. The per-operation suites keep what is their own (bodies, outputs, batching); their
// Kakao errors and input mistakes are tables too (kakaoErrors.test.ts, inputs.test.ts).
import type { IDataObject } from 'n8n-workflow';

import { DEMO_FILE_NAME, type RecordedRequest } from '../../../kakao-emulator';
import { OFFLINE_CHANNEL } from '../../../support/emulator';
import { CHANNEL, PARAMS, PATHS, demoRelation, rl } from '../../../support/demo';
import {
	apiCredentials,
	authOf,
	expectNodeError,
	expectNoSecrets,
	jsonOf,
	fresh,
	pairedOf,
	useEngine,
	withoutClock,
} from '../../../support/engineHelpers';

const { emu, run } = useEngine({ extraChannels: [OFFLINE_CHANNEL] });
const OFFLINE = OFFLINE_CHANNEL.publicId;

/** Where a request carries the channel: its query, or its JSON body. */
const channelOf = (r: RecordedRequest) =>
	r.query.channel_ids ?? r.query.channel_public_id ?? (r.body as IDataObject).channel_public_id;

// Each operation on a channel: its call, and the key its endpoint takes (docs/kakao-api.md#keys).
type Operation = 'get' | 'checkMany' | 'create' | 'getAll' | 'add' | 'delete';
const OPERATIONS: Array<[string, Operation, string, string, 'admin' | 'rest']> = [
	['Channel Relation > Get', 'get', 'GET', PATHS.relation, 'admin'],
	['Channel Relation > Check Many Users', 'checkMany', 'GET', PATHS.multi, 'admin'],
	['Customer File > Create', 'create', 'POST', PATHS.createFile, 'rest'],
	['Customer File > Get Many', 'getAll', 'GET', PATHS.files, 'rest'],
	['Customer File User > Add', 'add', 'POST', PATHS.addUsers, 'rest'],
	['Customer File User > Delete', 'delete', 'POST', PATHS.deleteUsers, 'rest'],
];
/** The operation on a channel (Check Many Users takes channels as text). */
const parametersOf = (operation: Operation, channel: ReturnType<typeof rl>) =>
	operation === 'checkMany'
		? PARAMS.checkMany({ options: { channels: channel.value } })
		: PARAMS[operation]({ channel });

const KEY = {
	admin: { field: 'adminKey', label: 'Admin Key', name: 'admin key', other: 'rest' },
	rest: { field: 'restApiKey', label: 'REST API Key', name: 'REST API key', other: 'admin' },
} as const;
const USE = { admin: 'admin key for relations', rest: 'REST API key for customer files' };

describe.each(OPERATIONS)('%s', (_name, operation, method, path, keyKind) => {
	const key = KEY[keyKind];
	const other = KEY[key.other];
	const item = { id: '1001', age: 30, channel: `http://pf.kakao.com/${CHANNEL}?x=1` };
	const runWith = (keys: Record<string, string> = {}, channel = rl(CHANNEL)) =>
		run(parametersOf(operation, channel), [item], { credentials: apiCredentials(emu, keys) });

	it('sends one call with the key its endpoint takes (JSON for a POST), and no key reaches the run data', async () => {
		const result = await runWith();
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => [r.method, r.path, authOf(emu, r), r.status])).toEqual([
			[method, path, `KakaoAK ${keyKind}`, 200],
		]);
		if (method === 'POST') {
			expect(emu.requests[0].headers['content-type']).toMatch(/^application\/json/);
			expect(emu.requests[0].query).toEqual({});
		}
		expectNoSecrets(result, emu);
	});

	it.each([
		["the app's other key in its field", false],
		['a key Kakao does not know', true],
	])('%s: -401, sent once, nothing changed, and no key in the run', async (_case, unknown) => {
		const wrongKey = unknown ? '0123456789abcdef0123456789abcdef' : emu[other.field];
		const result = await runWith({ [key.field]: wrongKey });
		const error = expectNodeError(result, 'NodeApiError', emu);
		expectNoSecrets(result, emu, { wrongKey });
		expect(error.message).toBe('Kakao API error -401: invalid app key or access token');
		expect(error.httpCode).toBe('401');
		const says = unknown
			? ['Kakao said: "invalid app key" (HTTP 401)']
			: [USE[keyKind], `got ${other.name}`];
		for (const part of says) expect(error.description).toContain(part);
		const sent = unknown ? 'other: KakaoAK <hex>' : `KakaoAK ${key.other}`;
		expect(emu.requests.map((r) => [authOf(emu, r), r.status])).toEqual([[sent, 401]]);
		const files = emu.files(CHANNEL).map((file) => [file.file_name, [...file.members.keys()]]);
		expect(files).toEqual([[DEMO_FILE_NAME, ['1001', '1002']]]);
	});

	it(`an empty ${key.label} fails before any request, naming the field`, async () => {
		const result = await runWith({ [key.field]: '  ' });
		expect(result.output).toBeUndefined();
		expect(result.error!.message).toContain(`has no ${key.label}`);
		expect(emu.requests).toHaveLength(0);
		expectNoSecrets(result, emu);
	});

	it.each([
		['URL mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'url')],
		['URL mode, with a path and no scheme', rl(`pf.kakao.com/${CHANNEL}/friend`, 'url')],
		['a URL typed in ID mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'id')],
		['an expression giving a URL', rl('={{ $json.channel }}', 'id')],
	])('the channel in %s is sent as its ID, with the output the ID gives', async (_f, channel) => {
		const result = await runWith({}, channel);
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => [channelOf(r), r.status])).toEqual([[CHANNEL, 200]]);
		fresh(emu, OFFLINE_CHANNEL);
		const byId = await runWith({}, rl(CHANNEL));
		expect(jsonOf(byId.output).length).toBeGreaterThan(0);
		expect(withoutClock(result.output)).toEqual(withoutClock(byId.output));
	});

	it.each([
		['_nochannel', '-541: channel does not exist', /Check the channel ID/],
		[OFFLINE, '-819: the channel is not connected to the app', /Connect the channel/],
	])('channel %s: a NodeApiError naming the code, after one request', async (ch, message, hint) => {
		const error = expectNodeError(await runWith({}, rl(ch)), 'NodeApiError', emu);
		expect(error.message).toBe(`Kakao API error ${message}`);
		expect(error.description).toMatch(hint);
		expect(error.description).toContain('(HTTP 400)');
		expect(error.httpCode).toBe('400');
		expect(error.context?.itemIndex).toBe(0);
		expect(emu.requests).toHaveLength(1);
	});
});

// The operations that call Kakao once per item, with continue on fail: each failing item (bad
// input or a Kakao error) becomes an error item paired with it, and the other items go on. The
// items are `{ v }` for each of `values`; `sent` are the values Kakao got.
const FROM_V = '={{ $json.v }}';
const used = { error: 'Kakao API error -817: file name already used or not allowed' };
const NEW_FILE = { channel_public_id: CHANNEL, schema: { visits: 'number' } };
const file = (file_id: number, file_name: string) => ({ file_id, file_name, ...NEW_FILE });
/** The item value a request carries: the user, the file name or the channel. */
const valueOf = (r: RecordedRequest) =>
	r.query.target_id ?? (r.body as IDataObject | undefined)?.file_name ?? channelOf(r);
describe.each<[string, IDataObject, string[], unknown[], string[]]>([
	[
		'Channel Relation > Get',
		PARAMS.get({ userId: FROM_V }),
		['1001', '1010', 'abc', '1004'],
		[
			demoRelation('1001'),
			{ error: 'Kakao API error -501: not a Kakao Talk user' },
			{ error: 'User ID "abc" is not a service user ID' },
			demoRelation('1004'),
		],
		['1001', '1010', '1004'],
	],
	[
		'Customer File > Create',
		PARAMS.create({ fileName: FROM_V }),
		['a', DEMO_FILE_NAME, '', 'a', 'b'],
		[file(438, 'a'), used, { error: 'File Name is empty' }, used, file(439, 'b')],
		['a', DEMO_FILE_NAME, 'a', 'b'],
	],
	[
		'Customer File > Get Many',
		PARAMS.getAll({ channel: rl(FROM_V) }),
		['_nochannel', 'bad', CHANNEL],
		[
			{ error: 'Kakao API error -541: channel does not exist' },
			{ error: 'Channel "bad" is not a Kakao Talk Channel ID or URL' },
			expect.objectContaining({ file_id: 437, channel_public_id: CHANNEL }),
		],
		['_nochannel', CHANNEL],
	],
])('%s, continue on fail', (_name, parameters, values, output, sent) => {
	it('failing items become error items paired to them; the others go on', async () => {
		const items = values.map((v) => ({ v }));
		const result = await run(parameters, items, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual(output);
		expect(pairedOf(result.output)).toEqual(items.map((_, k) => [k]));
		expect(emu.requests.map(valueOf)).toEqual(sent);
		expectNoSecrets(result, emu);
	});
});
