import type { IDataObject } from 'n8n-workflow';

import { useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	CHANNEL,
	DELETE_USERS_PATH,
	apiCredentials,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	pairedOf,
	rl,
} from '../../../../support/engineHelpers';
import { fileBody, fileUsersParams, summaryOf, type DeleteBody } from './fileUsers';

const emu = useKakaoEmulator(); // demo data: file 437 on _ZeUTxl with members 1001 and 1002

const params = (extra: Record<string, unknown> = {}) => fileUsersParams('delete', extra);

const members = () => [...emu.files(CHANNEL)[0].members.keys()].sort();

describe('delete', () => {
	it('sends POST delete/target_users with the REST API key and user_ids as strings, and outputs one summary', async () => {
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1001' }, { id: 1005 }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(1);
		const [request] = emu.requests;
		// Method, path, key and content type: actions/operations.test.ts.
		expect(request.body).toEqual(fileBody({ user_ids: ['1001', '1005'] }));
		expect(request.rawBody).toContain('"file_id":437,');
		expect(request.status).toBe(200);
		expect(result.output).toEqual([
			{
				json: summaryOf('delete', {
					input_items: 2,
					users_sent: 2,
					batches: [{ batch: 1, users: 2, status: 'sent' }],
				}),
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
		]);
		expect(members()).toEqual(['1002']);
	});

	it('phone numbers are sent in the 82 form; repeated users are merged and reported', async () => {
		const result = await runKakaoNode({
			parameters: params({
				userType: 'phone',
				channel: rl(`https://pf.kakao.com/${CHANNEL}`, 'url'),
			}),
			items: [
				{ id: '010-1234-5678' },
				{ id: '+82 10 2345 6789' },
				{ id: '821012345678' },
				{ id: '01023456789' },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.body)).toEqual([
			{
				file_id: 437,
				channel_public_id: CHANNEL,
				user_type: 'phone',
				user_ids: ['821012345678', '821023456789'],
			},
		]);
		expect(result.output![0].json).toMatchObject({
			input_items: 4,
			unique_users: 2,
			duplicate_users_merged: 2,
			users_sent: 2,
			calls: 1,
		});
		expect(pairedOf(result.output)).toEqual([[0, 1, 2, 3]]);
		expect(members()).toEqual([]);
	});

	it('2,001 users are sent in exactly 2 calls (2000 + 1), every user once', async () => {
		const ids = Array.from({ length: 2001 }, (_, k) => String(40000 + k));
		const items: IDataObject[] = ids.map((id) => ({ id }));
		items.push({ id: ids[0] }, { id: Number(ids[2000]) });
		const result = await runKakaoNode({
			parameters: params(),
			items,
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(2);
		const bodies = emu.requests
			.map((r) => r.body as DeleteBody)
			.sort((a, b) => b.user_ids.length - a.user_ids.length);
		expect(bodies.map((body) => body.user_ids.length)).toEqual([2000, 1]);
		expect(bodies.flatMap((body) => body.user_ids)).toEqual(ids);
		expect(
			bodies.every(
				(body) =>
					body.file_id === 437 && body.channel_public_id === CHANNEL && body.user_type === 'app',
			),
		).toBe(true);
		expect(result.output).toHaveLength(1);
		expect(result.output![0].json).toEqual(
			summaryOf('delete', {
				input_items: 2003,
				unique_users: 2001,
				users_sent: 2001,
				calls: 2,
				batches: [
					{ batch: 1, users: 2000, status: 'sent' },
					{ batch: 2, users: 1, status: 'sent' },
				],
			}),
		);
		const paired = pairedOf(result.output)[0];
		expect(paired).toEqual(items.map((_, k) => k));
	});

	it('a bad phone fails naming the item index, and nothing is sent', async () => {
		const result = await runKakaoNode({
			parameters: params({ userType: 'phone' }),
			items: [{ id: '010-1234-5678' }, { id: '1234' }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe('User ID "1234" of item 1 is not valid for user type "phone"');
		expect(error.context?.itemIndex).toBe(1);
		expect(emu.requests).toHaveLength(0);
		expect(members()).toEqual(['1001', '1002']);
	});
});

describe('Kakao errors', () => {
	it('-816: an unknown file', async () => {
		const result = await runKakaoNode({
			parameters: params({ fileId: rl('1000', 'id') }),
			items: [{ id: '1001' }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -816: bad or unknown customer file ID');
		expect(error.description).toContain('Kakao said: "invalid customer file id: 1000" (HTTP 400)');
		expect(emu.requests).toHaveLength(1);
		expectNoSecrets(result, emu);
	});

	it('-401: a wrong REST API key', async () => {
		const wrongKey = 'abcdefabcdefabcdefabcdefabcdefab';
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1001' }],
			credentials: apiCredentials(emu, { restApiKey: wrongKey }),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -401: invalid app key or access token');
		expect(members()).toEqual(['1001', '1002']);
		expectNoSecrets(result, emu, { wrongKey });
	});

	it('failing batches: the error says how many users were sent and how many were not', async () => {
		const ids = Array.from({ length: 2001 }, (_, k) => String(40000 + k));
		emu.injectFault({
			fault: { kind: 'kakao', code: -816 },
			path: DELETE_USERS_PATH,
			times: Infinity,
		});
		const result = await runKakaoNode({
			parameters: params(),
			items: ids.map((id) => ({ id })),
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -816: bad or unknown customer file ID');
		expect(error.description).toContain('0 user(s) were sent');
		expect(error.description).toContain('2001 user(s) were not');
		expectNoSecrets(result, emu);
	});
});

describe('continue on fail', () => {
	it('bad items become error items; the valid ones are still sent', async () => {
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1002' }, { id: 'nobody' }, { id: '1001' }],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(emu.requests.map((r) => (r.body as DeleteBody).user_ids)).toEqual([['1002', '1001']]);
		expect(jsonOf(result.output)).toEqual([
			expect.objectContaining({ operation: 'delete', input_items: 2, users_sent: 2 }),
			{ error: 'User ID "nobody" of item 1 is not valid for user type "app"' },
		]);
		expect(pairedOf(result.output)).toEqual([[0, 2], [1]]);
		expect(members()).toEqual([]);
	});

	it('a failing call gives a summary with the error (paired with every item, as none was sent) and an error item per unsent user', async () => {
		emu.injectFault({
			fault: { kind: 'kakao', code: -819 },
			path: DELETE_USERS_PATH,
			times: Infinity,
		});
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1001' }, { id: '1002' }],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{
				json: summaryOf('delete', {
					input_items: 2,
					users_sent: 0,
					users_not_sent: 2,
					batches: [
						{
							batch: 1,
							users: 2,
							status: 'failed',
							error: 'Kakao API error -819: the channel is not connected to the app',
							kakao_code: -819,
						},
					],
					error: 'Kakao API error -819: the channel is not connected to the app',
				}),
				pairedItem: [{ item: 0 }, { item: 1 }],
			},
			...['1001', '1002'].map((userId, item) => ({
				json: {
					error: 'Kakao API error -819: the channel is not connected to the app',
					user_id: userId,
					status: 'failed',
					batch: 1,
					kakao_code: -819,
				},
				pairedItem: [{ item }],
			})),
		]);
		expectNoSecrets(result, emu);
	});
});

describe('delete: a 2XX is success only when it is empty (or {})', () => {
	const JSON_TYPE = 'application/json;charset=UTF-8';
	const answerWith = (body: string, times = 1) =>
		emu.injectFault({
			fault: { kind: 'http', status: 200, body, contentType: JSON_TYPE },
			path: DELETE_USERS_PATH,
			times,
		});
	const deleteTwo = () =>
		runKakaoNode({
			// Timeout 1 s: the unknown outcome is re-sent within 2 s instead of 30.
			parameters: params({ options: { timeout: 1 } }),
			items: [{ id: '1001' }, { id: '1002' }],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});

	it('{} is success', async () => {
		answerWith('{}');
		const [summary] = jsonOf((await deleteTwo()).output);
		expect(summary).toMatchObject({ users_sent: 2, users_not_sent: 0, calls: 1 });
	});

	it("Kakao's {code, msg} with HTTP 200 is Kakao refusing: batch failed with kakao_code, users not sent", async () => {
		answerWith('{"code":-816,"msg":"invalid file id"}');
		const result = await deleteTwo();
		const [summary, ...unsent] = jsonOf(result.output);
		expect(summary).toMatchObject({
			users_sent: 0,
			users_not_sent: 2,
			users_outcome_unknown: 0,
			calls: 1,
			batches: [
				{
					batch: 1,
					users: 2,
					status: 'failed',
					kakao_code: -816,
					error: 'Kakao API error -816: bad or unknown customer file ID',
				},
			],
		});
		expect(unsent.map((item) => [item.user_id, item.status, item.kakao_code])).toEqual([
			['1001', 'failed', -816],
			['1002', 'failed', -816],
		]);
		expect(emu.requests).toHaveLength(1);
	});

	it("a proxy's JSON with HTTP 200 is an unknown outcome (re-sent, then reported), never success", async () => {
		answerWith('{"error":"upstream timed out"}', Infinity);
		const result = await deleteTwo();
		const [summary] = jsonOf(result.output);
		expect(summary).toMatchObject({
			users_sent: 0,
			users_outcome_unknown: 2,
			batches: [
				{
					status: 'unknown',
					error: expect.stringMatching(
						/^Kakao answered HTTP 200 with a body where none was expected \(tried \d times\)$/,
					),
				},
			],
		});
		expectNoSecrets(result, emu);
	});
});
