// Customer File > Create: one file per item, its schema built from Fixed Fields and Custom Fields.
import { DEMO_FILE_NAME } from '../../../../kakao-emulator';
import { CHANNEL, CHANNEL2, PARAMS, rl } from '../../../../support/demo';
import { jsonOf, pairedOf, useEngine } from '../../../../support/engineHelpers';

const { emu, run } = useEngine(); // demo data: file 437 on _ZeUTxl
/** The type of a fixed key as this suite gives it: text for the dates. */
const typeOf = (key: string) => (['생년월일', '최근 구매일'].includes(key) ? 'string' : 'number');
const fixed = (...keys: string[]) => ({ field: keys.map((key) => ({ key, type: typeOf(key) })) });
const custom = (...keys: string[]) => ({ field: keys.map((key) => ({ key })) });

it('sends POST create/target_user_file with the REST API key and a JSON body, and outputs the new file', async () => {
	const fixedFields = fixed('생년월일', '연령', '최근 구매일');
	const parameters = { fileName: 'VIP 고객', fixedFields, customFields: custom('visits') };
	const result = await run(PARAMS.create(parameters));
	expect(result.error).toBeUndefined();
	// Method, path, key and content type: actions/operations.test.ts.
	const schema = { 생년월일: 'string', 연령: 'number', '최근 구매일': 'string', visits: 'number' };
	const file = { channel_public_id: CHANNEL, file_name: 'VIP 고객', schema };
	expect(emu.requests.map((r) => [r.query, r.body])).toEqual([[{}, file]]);
	expect(result.output).toEqual([{ json: { file_id: 438, ...file }, pairedItem: { item: 0 } }]);
	expect(typeof result.output![0].json.file_id).toBe('number');
	expect(emu.files(CHANNEL).map((f) => [f.file_id, f.file_name, f.schema])).toEqual([
		[437, DEMO_FILE_NAME, { 생년월일: 'string', 성별: 'string', 연령: 'number' }],
		[438, 'VIP 고객', schema],
	]);
});

it('creates one file per item, names from expressions (trimmed), each output paired with its item', async () => {
	const fromItem = { fileName: '={{ $json.name }}', channel: rl('={{ $json.channel }}') };
	const parameters = PARAMS.create({ ...fromItem, customFields: custom('points') });
	const result = await run(parameters, [
		{ name: '  첫째  ', channel: CHANNEL },
		{ name: 'second', channel: `https://pf.kakao.com/${CHANNEL2}` },
	]);
	expect(result.error).toBeUndefined();
	const schema = { points: 'number' };
	const files = [
		{ channel_public_id: CHANNEL, file_name: '첫째', schema },
		{ channel_public_id: CHANNEL2, file_name: 'second', schema },
	];
	expect(emu.requests.map((r) => r.body)).toEqual(files);
	expect(jsonOf(result.output)).toEqual(files.map((file, k) => ({ file_id: 438 + k, ...file })));
	expect(pairedOf(result.output)).toEqual([[0], [1]]);
});

it('a schema of exactly 30 fields is sent', async () => {
	const keys = ['생년월일', '국가', '지역', '성별', '연령', '구매금액', '포인트', '가입일'];
	const parameters = PARAMS.create({
		fixedFields: fixed(...keys, '최근 구매일', '응모일'),
		customFields: custom(...Array.from({ length: 20 }, (_, k) => `c${k}`)),
	});
	const result = await run(parameters);
	expect(result.error).toBeUndefined();
	expect(Object.keys((emu.requests[0].body as { schema: object }).schema)).toHaveLength(30);
});
