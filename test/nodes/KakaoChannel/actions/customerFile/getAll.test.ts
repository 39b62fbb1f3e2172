import { DEMO_FILE_NAME } from '../../../../kakao-emulator';
import { OFFLINE_CHANNEL, useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	CHANNEL,
	CHANNEL2,
	apiCredentials,
	expectNodeError,
	jsonOf,
	pairedOf,
	rl,
} from '../../../../support/engineHelpers';

// Demo data: file 437 on _ZeUTxl; plus a channel not connected to the app.
const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });

const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'customerFile',
	operation: 'getAll',
	channel: rl(CHANNEL),
	...extra,
});

const KST_DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

describe('get many', () => {
	it('sends GET target_user_file with the REST API key and outputs one item per file with its schema parsed', async () => {
		const second = emu.seedFile(CHANNEL, 'points', { 포인트: 'number', visits: 'number' });
		const result = await runKakaoNode({ parameters: params(), credentials: apiCredentials(emu) });
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(1);
		const [request] = emu.requests;
		// Method, path, key and content type: actions/operations.test.ts.
		expect(request.query).toEqual({ channel_public_id: CHANNEL });
		expect(request.rawBody).toBe('');
		expect(second).toBe(438);
		expect(result.output).toEqual([
			{
				json: {
					file_id: 437,
					file_name: DEMO_FILE_NAME,
					status: 'USING',
					update_at: expect.stringMatching(KST_DATE_TIME),
					schema: { 생년월일: 'string', 성별: 'string', 연령: 'number' },
					channel_public_id: CHANNEL,
					empty_slot: 28,
					using_slot: 2,
				},
				pairedItem: { item: 0 },
			},
			{
				json: {
					file_id: 438,
					file_name: 'points',
					status: 'USING',
					update_at: expect.stringMatching(KST_DATE_TIME),
					schema: { 포인트: 'number', visits: 'number' },
					channel_public_id: CHANNEL,
					empty_slot: 28,
					using_slot: 2,
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	it("lists the files of each item's channel, paired with that item; a channel with no file gives no item", async () => {
		emu.seedFile(CHANNEL2, 'other', { 연령: 'number' });
		emu.addChannel({ publicId: '_empty', uuid: '@빈' });
		const result = await runKakaoNode({
			parameters: params({ channel: rl('={{ $json.channel }}') }),
			items: [
				{ channel: CHANNEL2 },
				{ channel: '_empty' },
				{ channel: `https://pf.kakao.com/${CHANNEL}` },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.query)).toEqual([
			{ channel_public_id: CHANNEL2 },
			{ channel_public_id: '_empty' },
			{ channel_public_id: CHANNEL },
		]);
		expect(
			jsonOf(result.output).map((json) => [
				json.file_id,
				json.file_name,
				json.channel_public_id,
				json.using_slot,
				json.empty_slot,
			]),
		).toEqual([
			[438, 'other', CHANNEL2, 1, 29],
			[437, DEMO_FILE_NAME, CHANNEL, 1, 29],
		]);
		expect(pairedOf(result.output)).toEqual([[0], [2]]);
	});

	it.each([
		['URL mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'url')],
		['a URL typed in ID mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'id')],
	])('channel given in %s is sent as its ID', async (_name, channel) => {
		const result = await runKakaoNode({
			parameters: params({ channel }),
			credentials: apiCredentials(emu),
		});
		expect(emu.requests.map((r) => r.query)).toEqual([{ channel_public_id: CHANNEL }]);
		expect(jsonOf(result.output).map((json) => json.file_id)).toEqual([437]);
	});

	it('a channel that is no ID or URL fails before any request', async () => {
		const result = await runKakaoNode({
			parameters: params({ channel: rl('={{ $json.c }}') }),
			items: [{ c: 'pf.kakao.com/ZeUTxl' }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(
			'Channel "pf.kakao.com/ZeUTxl" is not a Kakao Talk Channel ID or URL',
		);
		expect(emu.requests).toHaveLength(0);
	});
});
