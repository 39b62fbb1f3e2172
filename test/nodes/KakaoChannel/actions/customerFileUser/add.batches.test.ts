// Customer File User > Add with many users: batches of 2,000, phone numbers merged and sent
// in one form, and what continue on fail gives when items or batches fail.
import type { IDataObject } from 'n8n-workflow';

import { OFFLINE_CHANNEL, useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	ADD_USERS_PATH,
	CHANNEL,
	apiCredentials,
	authOf,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	pairedOf,
} from '../../../../support/engineHelpers';
import { bodyOf as requestBody, fileUsersParams, summaryOf, type AddBody } from './fileUsers';

// Demo data: file 437 on _ZeUTxl (schema 생년월일/성별/연령) with members 1001 and 1002. On _ZeUTxl,
// users 1001, 1002, 1004, 1006 and 1008 have added the channel; 1003 and 1009 blocked it. Plus a
// channel not connected to the app.
const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });

const params = (extra: Record<string, unknown> = {}) => fileUsersParams('add', extra);
const bodyOf = (index: number) => requestBody<AddBody>(emu, index);

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
		expect(result.output![0].json).toEqual(
			summaryOf('add', {
				input_items: count,
				users_sent: count,
				calls: 3,
				request_count: count,
				success_count: perBatch[0] + perBatch[1] + perBatch[2],
				not_added_count: count - (perBatch[0] + perBatch[1] + perBatch[2]),
				batches: [
					{
						batch: 1,
						users: 2000,
						status: 'sent',
						request_count: 2000,
						success_count: perBatch[0],
					},
					{
						batch: 2,
						users: 2000,
						status: 'sent',
						request_count: 2000,
						success_count: perBatch[1],
					},
					{ batch: 3, users: 500, status: 'sent', request_count: 500, success_count: perBatch[2] },
				],
			}),
		);
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
		expect(summary).toEqual(
			summaryOf('add', {
				input_items: 2500,
				users_sent: sentUsers,
				users_not_sent: 2500 - sentUsers,
				calls: emu.requests.length,
				request_count: sentUsers,
				success_count: sentUsers,
				not_added_count: 0,
				batches,
				error: 'Kakao API error -2: bad or missing parameter',
			}),
		);
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
