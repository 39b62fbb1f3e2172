import { DEMO_FILE_NAME } from '../../../../kakao-emulator';
import { OFFLINE_CHANNEL, useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	CHANNEL,
	CHANNEL2,
	CREATE_FILE_PATH,
	apiCredentials,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	pairedOf,
	rl,
} from '../../../../support/engineHelpers';

// Demo data: file 437 on _ZeUTxl; plus a channel not connected to the app.
const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });

const fixed = (...fields: Array<[string, string]>) => ({
	field: fields.map(([key, type]) => ({ key, type })),
});
const custom = (...keys: string[]) => ({ field: keys.map((key) => ({ key })) });

const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'customerFile',
	operation: 'create',
	channel: rl(CHANNEL),
	fileName: 'VIP 고객',
	fixedFields: fixed(['생년월일', 'string'], ['연령', 'number'], ['최근 구매일', 'string']),
	customFields: custom('visits'),
	...extra,
});

describe('create', () => {
	it('sends POST create/target_user_file with the REST API key and a JSON body, and outputs the new file', async () => {
		const result = await runKakaoNode({ parameters: params(), credentials: apiCredentials(emu) });
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(1);
		const [request] = emu.requests;
		// Method, path, key and content type: actions/operations.test.ts.
		expect(request.query).toEqual({});
		const schema = {
			생년월일: 'string',
			연령: 'number',
			'최근 구매일': 'string',
			visits: 'number',
		};
		expect(request.body).toEqual({ channel_public_id: CHANNEL, file_name: 'VIP 고객', schema });
		expect(result.output).toEqual([
			{
				json: { file_id: 438, channel_public_id: CHANNEL, file_name: 'VIP 고객', schema },
				pairedItem: { item: 0 },
			},
		]);
		expect(typeof result.output![0].json.file_id).toBe('number');
		expect(emu.files(CHANNEL).map((f) => [f.file_id, f.file_name, f.schema])).toEqual([
			[437, DEMO_FILE_NAME, { 생년월일: 'string', 성별: 'string', 연령: 'number' }],
			[438, 'VIP 고객', schema],
		]);
	});

	it('creates one file per item, names from expressions (trimmed), each output paired with its item', async () => {
		const result = await runKakaoNode({
			parameters: params({
				fileName: '={{ $json.name }}',
				channel: rl('={{ $json.channel }}'),
				fixedFields: {},
				customFields: custom('points'),
			}),
			items: [
				{ name: '  첫째  ', channel: CHANNEL },
				{ name: 'second', channel: `https://pf.kakao.com/${CHANNEL2}` },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.body)).toEqual([
			{ channel_public_id: CHANNEL, file_name: '첫째', schema: { points: 'number' } },
			{ channel_public_id: CHANNEL2, file_name: 'second', schema: { points: 'number' } },
		]);
		expect(jsonOf(result.output)).toEqual([
			{ file_id: 438, channel_public_id: CHANNEL, file_name: '첫째', schema: { points: 'number' } },
			{
				file_id: 439,
				channel_public_id: CHANNEL2,
				file_name: 'second',
				schema: { points: 'number' },
			},
		]);
		expect(pairedOf(result.output)).toEqual([[0], [1]]);
	});

	it.each([
		['URL mode', rl(`https://pf.kakao.com/${CHANNEL2}`, 'url')],
		['a URL typed in ID mode', rl(`https://pf.kakao.com/${CHANNEL2}`, 'id')],
	])('channel given in %s is sent as its ID', async (_name, channel) => {
		const result = await runKakaoNode({
			parameters: params({ channel }),
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect((emu.requests[0].body as { channel_public_id: string }).channel_public_id).toBe(
			CHANNEL2,
		);
		expect(emu.files(CHANNEL2).map((f) => f.file_name)).toEqual(['VIP 고객']);
	});

	it('a schema of exactly 30 fields is sent', async () => {
		const all = [
			'생년월일',
			'국가',
			'지역',
			'성별',
			'연령',
			'구매금액',
			'포인트',
			'가입일',
			'최근 구매일',
			'응모일',
		];
		const result = await runKakaoNode({
			parameters: params({
				fixedFields: fixed(...all.map((key): [string, string] => [key, 'number'])),
				customFields: custom(...Array.from({ length: 20 }, (_, k) => `c${k}`)),
			}),
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(Object.keys((emu.requests[0].body as { schema: object }).schema)).toHaveLength(30);
	});
});

describe('input mistakes fail before any request', () => {
	it.each<[string, Record<string, unknown>, string]>([
		[
			'31 fields',
			{ customFields: custom(...Array.from({ length: 28 }, (_, k) => `c${k}`)) },
			'Schema: The schema has 31 fields; Kakao allows at most 30',
		],
		[
			'custom field 앱유저아이디',
			{ customFields: custom('앱유저아이디') },
			'Schema: A custom field may not be named "앱유저아이디" (Kakao reserves 앱유저아이디 and 전화번호)',
		],
		[
			'custom field 전화번호',
			{ customFields: custom(' 전화번호 ') },
			'Schema: A custom field may not be named "전화번호" (Kakao reserves 앱유저아이디 and 전화번호)',
		],
		[
			'a fixed key as custom field',
			{ customFields: custom('연령') },
			'Schema: "연령" is a fixed key: add it under Fixed Fields instead',
		],
		[
			'a custom field with no name',
			{ customFields: custom('') },
			'Schema: A custom field has an empty name',
		],
		[
			'a repeated custom field',
			{ customFields: custom('a', 'a') },
			'Schema: The key "a" is listed twice',
		],
		[
			'a repeated fixed field',
			{ fixedFields: fixed(['성별', 'string'], ['성별', 'number']) },
			'Schema: The key "성별" is listed twice',
		],
		[
			'no field at all',
			{ fixedFields: {}, customFields: {} },
			'Schema: The schema needs at least one field',
		],
		['an empty file name (expression)', { fileName: '={{ $json.nothing }}' }, 'File Name is empty'],
		['an expression giving null as file name', { fileName: '={{ null }}' }, 'File Name is empty'],
		['a blank file name', { fileName: '   ' }, 'File Name is empty'],
		[
			'a channel that is no ID or URL (expression)',
			{ channel: rl('={{ "ZeUTxl" }}') },
			'Channel "ZeUTxl" is not a Kakao Talk Channel ID or URL',
		],
	])('%s', async (_name, extra, message) => {
		const result = await runKakaoNode({
			parameters: params(extra),
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(message);
		expect(error.context?.itemIndex).toBe(0);
		expect(emu.requests).toHaveLength(0);
		expect(emu.files(CHANNEL)).toHaveLength(1);
	});
});

describe('Kakao errors', () => {
	const seedFullChannel = () => {
		for (let k = 1; k < 30; k++) emu.seedFile(CHANNEL, `file ${k}`, { 연령: 'number' });
	};

	it.each<[string, Record<string, unknown>, () => void, RegExp, RegExp]>([
		[
			'-817 (file name used)',
			{ fileName: DEMO_FILE_NAME },
			() => undefined,
			/^Kakao API error -817: file name already used or not allowed$/,
			/another file name/,
		],
		[
			'-818 (30 files)',
			{},
			seedFullChannel,
			/^Kakao API error -818: the channel already has 30 customer files$/,
			/Delete an unused customer file/,
		],
	])(
		'%s becomes a NodeApiError naming the code',
		async (_name, extra, seed, message, description) => {
			seed();
			const result = await runKakaoNode({
				parameters: params(extra),
				credentials: apiCredentials(emu),
			});
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toMatch(message);
			expect(error.description).toMatch(description);
			expect(error.description).toContain('(HTTP 400)');
			expect(error.httpCode).toBe('400');
			expect(error.context?.itemIndex).toBe(0);
			expect(emu.requests).toHaveLength(1);
			expectNoSecrets(result, emu);
		},
	);

	it("-2 (bad parameter) is reported with Kakao's msg", async () => {
		emu.injectFault({
			fault: { kind: 'kakao', code: -2, msg: 'schema is broken' },
			path: CREATE_FILE_PATH,
		});
		const result = await runKakaoNode({ parameters: params(), credentials: apiCredentials(emu) });
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -2: bad or missing parameter');
		expect(error.description).toContain('Kakao said: "schema is broken" (HTTP 400)');
		expect(emu.requests).toHaveLength(1);
		expectNoSecrets(result, emu);
	});
});
