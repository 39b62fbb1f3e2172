import type { IDataObject } from 'n8n-workflow';

import { OFFLINE_CHANNEL, useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	ADD_USERS_PATH,
	CHANNEL,
	CHANNEL2,
	apiCredentials,
	authOf,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	pairedOf,
	rl,
} from '../../../../support/engineHelpers';

// Demo data: file 437 on _ZeUTxl (schema 생년월일/성별/연령) with members 1001 and 1002. On _ZeUTxl,
// users 1001, 1002, 1004, 1006 and 1008 have added the channel; 1003 and 1009 blocked it. Plus a
// channel not connected to the app.
const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });

const ageField = { field: [{ name: '연령', value: '={{ $json.age }}' }] };

const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'customerFileUser',
	operation: 'add',
	channel: rl(CHANNEL),
	fileId: rl('437', 'list'),
	userType: 'app',
	userId: '={{ $json.id }}',
	fields: ageField,
	...extra,
});

interface AddBody {
	file_id: number;
	channel_public_id: string;
	user_type: string;
	users: Array<{ id: string; field: IDataObject }>;
}
const bodyOf = (index: number) => emu.requests[index].body as AddBody;

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
		expect(request.method).toBe('POST');
		expect(request.path).toBe(ADD_USERS_PATH);
		expect(authOf(emu, request)).toBe('KakaoAK rest');
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.body).toEqual({
			file_id: 437,
			channel_public_id: CHANNEL,
			user_type: 'app',
			users: [
				{ id: '1004', field: { 생년월일: '1990-01-01', 성별: '남자', 연령: 36, visits: 4 } },
				{ id: '1006', field: { 생년월일: '2000-12-31', 성별: '여자', 연령: 25, visits: 6 } },
				{ id: '1003', field: { 생년월일: '1970-07-07', 성별: '남자', 연령: 55, visits: 0 } },
			],
		});
		// Exact JSON types: the file ID is a number, user IDs are strings.
		expect(request.rawBody).toContain('"file_id":437,');
		expect(request.rawBody).toContain('"id":"1006"');
		expect(result.output).toEqual([
			{
				json: {
					operation: 'add',
					channel_public_id: CHANNEL,
					file_id: 437,
					user_type: 'app',
					input_items: 3,
					unique_users: 3,
					duplicate_users_merged: 0,
					users_sent: 3,
					users_not_sent: 0,
					users_outcome_unknown: 0,
					users_resent: 0,
					calls: 1,
					request_count: 3,
					success_count: 2,
					not_added_count: 1,
					batches: [{ batch: 1, users: 3, status: 'sent', request_count: 3, success_count: 2 }],
				},
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

describe('4,500 users', () => {
	const count = 4500;
	const ids = Array.from({ length: count }, (_, k) => String(20000 + k));
	const hasAdded = (k: number) => k % 3 !== 0;

	beforeEach(() => {
		ids.forEach((id, k) =>
			emu.addUser({ id, relations: hasAdded(k) ? { [CHANNEL]: { relation: 'ADDED' } } : {} }),
		);
	});

	it('are sent in exactly 3 calls (2000/2000/500) and summed up in one summary with per-batch counts', async () => {
		const items = ids.map((id, k) => ({ id, age: k % 2 === 0 ? String(k % 100) : k % 100 }));
		const result = await runKakaoNode({
			parameters: params(),
			items,
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();

		expect(emu.requests).toHaveLength(3);
		const bodies = emu.requests
			.map((r) => r.body as AddBody)
			.sort((a, b) => Number(a.users[0].id) - Number(b.users[0].id));
		expect(bodies.map((body) => body.users.length)).toEqual([2000, 2000, 500]);
		expect(bodies.flatMap((body) => body.users.map((user) => user.id))).toEqual(ids);
		for (const body of bodies) {
			expect(body).toEqual({
				file_id: 437,
				channel_public_id: CHANNEL,
				user_type: 'app',
				users: expect.any(Array),
			});
			for (const user of body.users)
				expect(user).toEqual({ id: user.id, field: { 연령: (Number(user.id) - 20000) % 100 } });
		}
		expect(emu.requests.every((r) => authOf(emu, r) === 'KakaoAK rest' && r.status === 200)).toBe(
			true,
		);

		const successIn = (from: number, to: number) =>
			ids.slice(from, to).filter((_, k) => hasAdded(from + k)).length;
		const perBatch = [successIn(0, 2000), successIn(2000, 4000), successIn(4000, 4500)];
		expect(result.output).toHaveLength(1);
		expect(result.output![0].json).toEqual({
			operation: 'add',
			channel_public_id: CHANNEL,
			file_id: 437,
			user_type: 'app',
			input_items: count,
			unique_users: count,
			duplicate_users_merged: 0,
			users_sent: count,
			users_not_sent: 0,
			users_outcome_unknown: 0,
			users_resent: 0,
			calls: 3,
			request_count: count,
			success_count: perBatch[0] + perBatch[1] + perBatch[2],
			not_added_count: count - (perBatch[0] + perBatch[1] + perBatch[2]),
			batches: [
				{ batch: 1, users: 2000, status: 'sent', request_count: 2000, success_count: perBatch[0] },
				{ batch: 2, users: 2000, status: 'sent', request_count: 2000, success_count: perBatch[1] },
				{ batch: 3, users: 500, status: 'sent', request_count: 500, success_count: perBatch[2] },
			],
		});
		expect(pairedOf(result.output)).toEqual([ids.map((_, k) => k)]);
		// 2 members from the seed, plus every new user who has added the channel.
		expect(emu.files(CHANNEL)[0].members.size).toBe(2 + ids.filter((_, k) => hasAdded(k)).length);
	});
});

describe('phone numbers', () => {
	it.each([
		['010-1234-5678'],
		['+82 10 1234 5678'],
		['821012345678'],
		['01012345678'],
		['+82-10-1234-5678'],
		['(010) 1234.5678'],
	])('"%s" is sent as 821012345678', async (phone) => {
		const result = await runKakaoNode({
			parameters: params({ userType: 'phone' }),
			items: [{ id: phone, age: 1 }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(bodyOf(0)).toEqual({
			file_id: 437,
			channel_public_id: CHANNEL,
			user_type: 'phone',
			users: [{ id: '821012345678', field: { 연령: 1 } }],
		});
		expect(jsonOf(result.output)[0]).toMatchObject({ user_type: 'phone', success_count: 1 });
	});

	it('the forms of one number are merged; each number is sent once in the 82 form', async () => {
		const result = await runKakaoNode({
			parameters: params({ userType: 'phone' }),
			items: [
				{ id: '010-1234-5678', age: 1 },
				{ id: '+82 10 1234 5678', age: 2 },
				{ id: '821012345678', age: 3 },
				{ id: '010 2345 6789', age: 4 },
				{ id: '+82 (0)10-4567-8901', age: 5 },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(bodyOf(0).users).toEqual([
			{ id: '821012345678', field: { 연령: 3 } },
			{ id: '821023456789', field: { 연령: 4 } },
			{ id: '821045678901', field: { 연령: 5 } },
		]);
		expect(result.output![0].json).toMatchObject({
			input_items: 5,
			unique_users: 3,
			duplicate_users_merged: 2,
			request_count: 3,
			success_count: 3,
		});
		expect(pairedOf(result.output)).toEqual([[0, 1, 2, 3, 4]]);
		expect([...emu.files(CHANNEL)[0].members.keys()].sort()).toEqual(['1001', '1002', '1004']);
	});

	it.each([
		['02-123-4567'],
		['010-1234-56'],
		['010-1234-56789'],
		['+1 415 555 0100'],
		['010-1234-5678 ext'],
		[''],
	])('a bad phone "%s" fails naming the item index, and nothing is sent', async (phone) => {
		const result = await runKakaoNode({
			parameters: params({ userType: 'phone' }),
			items: [
				{ id: '010-1234-5678', age: 1 },
				{ id: '01023456789', age: 2 },
				{ id: phone, age: 3 },
			],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(`User ID "${phone}" of item 2 is not valid for user type "phone"`);
		expect(error.description).toContain('010-1234-5678');
		expect(error.context?.itemIndex).toBe(2);
		expect(emu.requests).toHaveLength(0);
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
		[
			'-541 (unknown channel)',
			{ channel: rl('_nochannel') },
			/^Kakao API error -541: channel does not exist$/,
			/Check the channel ID/,
		],
		[
			'-819 (channel not connected)',
			{ channel: rl('_offline') },
			/^Kakao API error -819: the channel is not connected to the app$/,
			/Connect the channel/,
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

	it('-401: the admin key where the REST API key belongs', async () => {
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1001', age: 1 }],
			credentials: apiCredentials(emu, { restApiKey: emu.adminKey }),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -401: invalid app key or access token');
		expect(error.description).toContain('REST API key for customer files');
		expect(emu.requests.every((r) => r.status === 401 && authOf(emu, r) === 'KakaoAK admin')).toBe(
			true,
		);
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

describe('continue on fail', () => {
	it('bad items become error items, and the valid ones are still sent and summed up', async () => {
		const result = await runKakaoNode({
			parameters: params(),
			items: [
				{ id: 'x', age: 1 },
				{ id: '1004', age: 2 },
				{ id: '1006', age: '3' },
				{ id: '', age: 4 },
			],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(bodyOf(0).users).toEqual([
			{ id: '1004', field: { 연령: 2 } },
			{ id: '1006', field: { 연령: 3 } },
		]);
		expect(jsonOf(result.output)).toEqual([
			expect.objectContaining({
				input_items: 2,
				unique_users: 2,
				users_sent: 2,
				request_count: 2,
				success_count: 2,
			}),
			{ error: 'User ID "x" of item 0 is not valid for user type "app"' },
			{ error: 'User ID "" of item 3 is not valid for user type "app"' },
		]);
		expect(pairedOf(result.output)).toEqual([[1, 2], [0], [3]]);
	});

	it("a failed batch is reported in the summary, paired with the sent users' items; each unsent user gets an error item paired with its item", async () => {
		const ids = Array.from({ length: 2500 }, (_, k) => String(30000 + k));
		for (const id of ids) emu.addUser({ id, relations: { [CHANNEL]: { relation: 'ADDED' } } });
		emu.injectFault({ fault: { kind: 'kakao', code: -2 }, path: ADD_USERS_PATH, times: 1 });
		const items: IDataObject[] = ids.map((id) => ({ id, age: 7 }));
		items.push({ id: 'bad', age: 7 });
		const result = await runKakaoNode({
			parameters: params(),
			items,
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();

		const failedRequest = emu.requests.find((r) => r.status !== 200)!;
		expect(failedRequest.status).toBe(400);
		const failedUsers = (failedRequest.body as AddBody).users.length;
		const failedBatch = failedUsers === 2000 ? 1 : 2;
		const sentRequests = emu.requests.filter((r) => r.status === 200);
		const sentUsers = sentRequests.reduce((sum, r) => sum + (r.body as AddBody).users.length, 0);
		expect(sentUsers + failedUsers).toBeLessThanOrEqual(2500);

		const summary = result.output![0].json;
		const batches = summary.batches as IDataObject[];
		expect(batches).toHaveLength(2);
		expect(batches[failedBatch - 1]).toEqual({
			batch: failedBatch,
			users: failedUsers,
			status: 'failed',
			error: 'Kakao API error -2: bad or missing parameter',
			kakao_code: -2,
		});
		const other = batches[2 - failedBatch];
		if (sentUsers > 0)
			expect(other).toEqual({
				batch: 3 - failedBatch,
				users: sentUsers,
				status: 'sent',
				request_count: sentUsers,
				success_count: sentUsers,
			});
		else
			expect(other).toEqual({
				batch: 3 - failedBatch,
				users: 2500 - failedUsers,
				status: 'not sent',
			});
		expect(summary).toEqual({
			operation: 'add',
			channel_public_id: CHANNEL,
			file_id: 437,
			user_type: 'app',
			input_items: 2500,
			unique_users: 2500,
			duplicate_users_merged: 0,
			users_sent: sentUsers,
			users_not_sent: 2500 - sentUsers,
			users_outcome_unknown: 0,
			users_resent: 0,
			calls: emu.requests.length,
			request_count: sentUsers,
			success_count: sentUsers,
			not_added_count: 0,
			batches,
			error: 'Kakao API error -2: bad or missing parameter',
		});
		// The summary links to the users Kakao confirmed (or to all, if none was); every other user
		// has an error item linked to its own input item; the bad input item comes last.
		const sentIds = new Set(
			sentRequests.flatMap((r) => (r.body as AddBody).users.map((u) => u.id)),
		);
		const sentItems = ids.flatMap((id, k) => (sentIds.has(id) ? [k] : []));
		const unsentItems = ids.flatMap((id, k) => (sentIds.has(id) ? [] : [k]));
		expect(pairedOf(result.output)).toEqual([
			sentUsers > 0 ? sentItems : ids.map((_, k) => k),
			...unsentItems.map((k) => [k]),
			[2500],
		]);
		const failedIds = new Set((failedRequest.body as AddBody).users.map((u) => u.id));
		for (const [n, k] of unsentItems.entries()) {
			const json = result.output![1 + n].json;
			if (failedIds.has(ids[k])) {
				expect(json).toEqual({
					error: 'Kakao API error -2: bad or missing parameter',
					user_id: ids[k],
					status: 'failed',
					batch: failedBatch,
					kakao_code: -2,
				});
			} else {
				expect(json).toEqual({
					error: 'Not sent: an earlier batch failed (Kakao API error -2: bad or missing parameter)',
					user_id: ids[k],
					status: 'not sent',
					batch: 3 - failedBatch,
				});
			}
		}
		expect(result.output![result.output!.length - 1].json).toEqual({
			error: 'User ID "bad" of item 2500 is not valid for user type "app"',
		});
		expectNoSecrets(result, emu);
	});
});
