import type { IDataObject } from 'n8n-workflow';

import { OFFLINE_CHANNEL, useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	ADD_USERS_PATH,
	CHANNEL,
	CHANNEL2,
	apiCredentials,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	pairedOf,
	rl,
} from '../../../../support/engineHelpers';
import {
	bodyOf as requestBody,
	fileBody,
	fileUsersParams,
	summaryOf,
	type AddBody,
} from './fileUsers';

// Demo data: file 437 on _ZeUTxl (schema 생년월일/성별/연령) with members 1001 and 1002. On _ZeUTxl,
// users 1001, 1002, 1004, 1006 and 1008 have added the channel; 1003 and 1009 blocked it. Plus a
// channel not connected to the app.
const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });

const params = (extra: Record<string, unknown> = {}) => fileUsersParams('add', extra);
const bodyOf = (index: number) => requestBody<AddBody>(emu, index);

describe('add', () => {
	it('sends POST update/target_users with the REST API key, typed JSON, and outputs one summary paired with every item', async () => {
		const result = await runKakaoNode({
			parameters: params({
				fields: {
					field: [
						{ name: '생년월일', value: '={{ $json.birthday }}' },
						{ name: '성별', value: '={{ $json.gender }}' },
						{ name: '연령', value: '={{ $json.age }}' },
						{ name: 'visits', value: '={{ $json.visits * 2 }}' },
					],
				},
			}),
			items: [
				{ id: '1004', birthday: '1990-01-01', gender: '남자', age: '36', visits: 2 },
				{ id: 1006, birthday: '2000-12-31', gender: '여자', age: 25, visits: '3' },
				{ id: '1003', birthday: '1970-07-07', gender: '남자', age: ' 55 ', visits: 0 },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(1);
		const [request] = emu.requests;
		// Method, path, key and content type: actions/operations.test.ts.
		expect(request.body).toEqual(
			fileBody({
				users: [
					{ id: '1004', field: { 생년월일: '1990-01-01', 성별: '남자', 연령: 36, visits: 4 } },
					{ id: '1006', field: { 생년월일: '2000-12-31', 성별: '여자', 연령: 25, visits: 6 } },
					{ id: '1003', field: { 생년월일: '1970-07-07', 성별: '남자', 연령: 55, visits: 0 } },
				],
			}),
		);
		// Exact JSON types: the file ID is a number, user IDs are strings.
		expect(request.rawBody).toContain('"file_id":437,');
		expect(request.rawBody).toContain('"id":"1006"');
		expect(result.output).toEqual([
			{
				json: summaryOf('add', {
					input_items: 3,
					users_sent: 3,
					request_count: 3,
					success_count: 2,
					not_added_count: 1,
					batches: [{ batch: 1, users: 3, status: 'sent', request_count: 3, success_count: 2 }],
				}),
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
			},
		]);
		const members = emu.files(CHANNEL)[0].members;
		expect(members.get('1004')).toEqual({
			생년월일: '1990-01-01',
			성별: '남자',
			연령: 36,
			visits: 4,
		});
		expect(members.has('1003')).toBe(false); // blocked the channel: Kakao does not count it
	});

	it('a user without fields is sent with an empty field object', async () => {
		const result = await runKakaoNode({
			parameters: params({ fields: {} }),
			items: [{ id: '1008' }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(bodyOf(0).users).toEqual([{ id: '1008', field: {} }]);
		expect(jsonOf(result.output)[0]).toMatchObject({ request_count: 1, success_count: 1 });
	});

	it.each([
		['list mode', rl('437', 'list')],
		['ID mode', rl('437', 'id')],
		['an expression', rl('={{ $json.file }}', 'id')],
	])('the customer file given in %s is sent as the integer file_id', async (_name, fileId) => {
		const result = await runKakaoNode({
			parameters: params({ fileId }),
			items: [{ id: '1004', age: 1, file: 437 }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(bodyOf(0).file_id).toBe(437);
	});

	it.each([
		['URL mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'url')],
		['a URL typed in ID mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'id')],
	])('the channel given in %s is sent as its ID', async (_name, channel) => {
		const result = await runKakaoNode({
			parameters: params({ channel }),
			items: [{ id: '1004', age: 1 }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(bodyOf(0).channel_public_id).toBe(CHANNEL);
	});

	it('items for different files are sent in separate calls, one summary per file paired with its items', async () => {
		const other = emu.seedFile(CHANNEL, 'other', { 연령: 'number' });
		const result = await runKakaoNode({
			parameters: params({ fileId: rl('={{ $json.file }}') }),
			items: [
				{ id: '1001', age: 1, file: 437 },
				{ id: '1002', age: 2, file: other },
				{ id: '1004', age: 3, file: '437' },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(
			emu.requests
				.map((r) => [(r.body as AddBody).file_id, (r.body as AddBody).users.map((u) => u.id)])
				.sort(),
		).toEqual([
			[437, ['1001', '1004']],
			[438, ['1002']],
		]);
		expect(
			jsonOf(result.output).map((json) => [json.file_id, json.input_items, json.success_count]),
		).toEqual([
			[437, 2, 2],
			[438, 1, 1],
		]);
		expect(pairedOf(result.output)).toEqual([[0, 2], [1]]);
	});

	it('a repeated user is sent once with the values of its last item, and the merge is reported', async () => {
		const result = await runKakaoNode({
			parameters: params(),
			items: [
				{ id: '1001', age: '30' },
				{ id: '1002', age: '40' },
				{ id: 1001, age: '31' },
				{ id: '001001', age: '32' },
				{ id: '1002', age: 41 },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(1);
		expect(bodyOf(0).users).toEqual([
			{ id: '1001', field: { 연령: 32 } },
			{ id: '1002', field: { 연령: 41 } },
		]);
		expect(result.output).toHaveLength(1);
		expect(result.output![0].json).toMatchObject({
			input_items: 5,
			unique_users: 2,
			duplicate_users_merged: 3,
			users_sent: 2,
			request_count: 2,
			success_count: 2,
		});
		expect(pairedOf(result.output)).toEqual([[0, 1, 2, 3, 4]]);
	});
});

describe('input mistakes fail before any request', () => {
	it.each<[string, Record<string, unknown>, IDataObject[], string, number]>([
		[
			'a bad app user ID',
			{},
			[
				{ id: '1001', age: 1 },
				{ id: '1002a', age: 1 },
			],
			'User ID "1002a" of item 1 is not valid for user type "app"',
			1,
		],
		[
			'a phone number as app user ID',
			{},
			[{ id: '010-1234-5678', age: 1 }],
			'User ID "010-1234-5678" of item 0 is not valid for user type "app"',
			0,
		],
		[
			'a field with no name',
			{ fields: { field: [{ name: ' ', value: '1' }] } },
			[{ id: '1001' }],
			'A field of item 0 has an empty name',
			0,
		],
		[
			'a field value with more digits than a number keeps',
			{ fields: { field: [{ name: '포인트', value: '={{ $json.points }}' }] } },
			[
				{ id: '1001', points: '1234567890123456' },
				{ id: '1002', points: '12345678901234567890' },
			],
			'Field "포인트" of item 1: 12345678901234567890 has more digits than a number keeps (it would be sent as 12345678901234567000)',
			1,
		],
		[
			'a file ID that is no number',
			{ fileId: rl('={{ $json.file }}') },
			[{ id: '1001', age: 1, file: '437a' }],
			'Customer File "437a" is not a customer file ID',
			0,
		],
		[
			'a channel that is no ID or URL',
			{ channel: rl('={{ $json.ch }}') },
			[{ id: '1001', age: 1, ch: 'ZeUTxl' }],
			'Channel "ZeUTxl" is not a Kakao Talk Channel ID or URL',
			0,
		],
	])('%s', async (_name, extra, items, message, itemIndex) => {
		const result = await runKakaoNode({
			parameters: params(extra),
			items,
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(message);
		expect(error.context?.itemIndex).toBe(itemIndex);
		expect(emu.requests).toHaveLength(0);
	});

	it('a literal file ID that is no number is refused by n8n before the node runs', async () => {
		await expect(
			runKakaoNode({
				parameters: params({ fileId: rl('abc', 'id') }),
				items: [{ id: '1001' }],
				credentials: apiCredentials(emu),
			}),
		).rejects.toThrow(/customer file ID is a number/);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('Kakao errors', () => {
	it.each<[string, Record<string, unknown>, RegExp, RegExp]>([
		[
			'-816 (unknown file)',
			{ fileId: rl('999', 'id') },
			/^Kakao API error -816: bad or unknown customer file ID$/,
			/Customer File > Get Many/,
		],
		[
			'-816 (file of another channel)',
			{ channel: rl(CHANNEL2) },
			/^Kakao API error -816: /,
			/customer file/,
		],
	])('%s becomes a NodeApiError naming the code', async (_name, extra, message, description) => {
		const result = await runKakaoNode({
			parameters: params(extra),
			items: [
				{ id: '1001', age: 1 },
				{ id: '1002', age: 2 },
			],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toMatch(message);
		expect(error.description).toMatch(description);
		expect(error.httpCode).toBe('400');
		expect(emu.requests).toHaveLength(1);
		expectNoSecrets(result, emu);
	});

	it('-10: says quota and tells how many users were not sent', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -10 }, path: ADD_USERS_PATH, times: Infinity });
		const result = await runKakaoNode({
			parameters: params(),
			items: [
				{ id: '1001', age: 1 },
				{ id: '1002', age: 2 },
			],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -10: quota exceeded');
		expect(error.description).toContain('quota');
		expect(error.description).toContain('0 user(s) were sent');
		expect(error.description).toContain('2 user(s) were not');
		expect(emu.requests).toHaveLength(1);
		expectNoSecrets(result, emu);
	});
});

describe('field values are sent exactly', () => {
	it('numbers and numeric text reach Kakao with their digits; an inexact one becomes an error item', async () => {
		const result = await runKakaoNode({
			parameters: params({ fields: { field: [{ name: '포인트', value: '={{ $json.points }}' }] } }),
			items: [
				{ id: '1001', points: '9007199254740991' },
				{ id: '1002', points: '1.50' },
				{ id: '1004', points: '12345678901234567890' },
			],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests[0].rawBody).toContain('"field":{"포인트":9007199254740991}');
		expect(emu.requests[0].rawBody).toContain('"field":{"포인트":1.5}');
		expect(emu.requests[0].rawBody).not.toContain('12345678901234567');
		expect(jsonOf(result.output).slice(1)).toEqual([
			{
				error:
					'Field "포인트" of item 2: 12345678901234567890 has more digits than a number keeps (it would be sent as 12345678901234567000)',
			},
		]);
		expect(pairedOf(result.output)).toEqual([[0, 1], [2]]);
	});
});
