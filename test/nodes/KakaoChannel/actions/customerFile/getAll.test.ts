// Customer File > Get Many: the files of each item's channel, one output item per file.
import { DEMO_FILE_NAME } from '../../../../kakao-emulator';
import { CHANNEL, CHANNEL2, PARAMS, rl } from '../../../../support/demo';
import { jsonOf, pairedOf, useEngine } from '../../../../support/engineHelpers';

const { emu, run } = useEngine(); // demo data: file 437 on _ZeUTxl
const KST_DATE_TIME = expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

it('sends GET target_user_file with the REST API key and outputs one item per file with its schema parsed', async () => {
	expect(emu.seedFile(CHANNEL, 'points', { 포인트: 'number', visits: 'number' })).toBe(438);
	const result = await run(PARAMS.getAll());
	expect(result.error).toBeUndefined();
	// Method, path, key and content type: actions/operations.test.ts.
	const query = { channel_public_id: CHANNEL };
	expect(emu.requests.map((r) => [r.query, r.rawBody])).toEqual([[query, '']]);
	const slots = { channel_public_id: CHANNEL, empty_slot: 28, using_slot: 2 };
	const file = (file_id: number, file_name: string, schema: object) => ({
		json: { file_id, file_name, status: 'USING', update_at: KST_DATE_TIME, schema, ...slots },
		pairedItem: { item: 0 },
	});
	expect(result.output).toEqual([
		file(437, DEMO_FILE_NAME, { 생년월일: 'string', 성별: 'string', 연령: 'number' }),
		file(438, 'points', { 포인트: 'number', visits: 'number' }),
	]);
});

it("lists the files of each item's channel, paired with that item; a channel with no file gives no item", async () => {
	emu.seedFile(CHANNEL2, 'other', { 연령: 'number' });
	emu.addChannel({ publicId: '_empty', uuid: '@빈' });
	const items = [CHANNEL2, '_empty', `https://pf.kakao.com/${CHANNEL}`].map((channel) => ({
		channel,
	}));
	const result = await run(PARAMS.getAll({ channel: rl('={{ $json.channel }}') }), items);
	expect(result.error).toBeUndefined();
	expect(emu.requests.map((r) => r.query.channel_public_id)).toEqual([CHANNEL2, '_empty', CHANNEL]);
	const fields = ['file_id', 'file_name', 'channel_public_id', 'using_slot', 'empty_slot'];
	expect(jsonOf(result.output).map((json) => fields.map((field) => json[field]))).toEqual([
		[438, 'other', CHANNEL2, 1, 29],
		[437, DEMO_FILE_NAME, CHANNEL, 1, 29],
	]);
	expect(pairedOf(result.output)).toEqual([[0], [2]]);
});
