import type { IDataObject } from 'n8n-workflow';

import { OFFLINE_CHANNEL, useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	CHANNEL,
	CHANNEL2,
	CHANNEL_UUID,
	CHANNEL2_UUID,
	MULTI_PATH,
	apiCredentials,
	demoRelation,
	authOf,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	pairedOf,
	splitIds,
} from '../../../../support/engineHelpers';

const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });

const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'relation',
	operation: 'checkMany',
	userId: '={{ $json.id }}',
	...extra,
});

const LEFT_OUT = { checked: false, reason: expect.stringMatching(/left this user out/) };

describe('450 distinct users with repeats', () => {
	// Users 3000..3449: every third has added the channel, every third blocked it, the rest never
	// did; 3010 is unknown to Kakao and 3020 is not a Kakao Talk user, so Kakao leaves them out.
	const ids = Array.from({ length: 450 }, (_, k) => String(3000 + k));
	const relationOf = (k: number) => (k % 3 === 0 ? 'ADDED' : k % 3 === 1 ? 'BLOCKED' : 'NONE');

	beforeEach(() => {
		ids.forEach((id, k) => {
			if (id === '3010') return;
			const relation = relationOf(k);
			const info =
				relation === 'ADDED'
					? {
							relation,
							created_at: `2024-01-01T00:00:${String(k % 60).padStart(2, '0')}Z`,
							updated_at: '2024-01-02T00:00:00Z',
						}
					: relation === 'BLOCKED'
						? { relation, updated_at: '2024-02-01T00:00:00Z' }
						: { relation };
			emu.addUser({
				id,
				talkUser: id !== '3020',
				relations: relation === 'NONE' ? {} : { [CHANNEL]: info as never },
			});
		});
	});

	it('makes exactly 3 calls (200/200/50), each user once, and one output per user paired with all its items', async () => {
		// Items 450..509 repeat the users of items 0..59, in other spellings.
		const items: IDataObject[] = ids.map((id) => ({ id }));
		for (let k = 0; k < 60; k++) items.push({ id: k % 2 === 0 ? Number(ids[k]) : `00${ids[k]}` });
		const result = await runKakaoNode({
			parameters: params({ options: { channels: CHANNEL } }),
			items,
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();

		expect(emu.requests).toHaveLength(3);
		for (const request of emu.requests) {
			expect(request.method).toBe('GET');
			expect(request.path).toBe(MULTI_PATH);
			expect(authOf(emu, request)).toBe('KakaoAK admin');
			expect(request.query).toEqual({
				target_id_type: 'user_id',
				target_ids: expect.any(String),
				channel_ids: CHANNEL,
				channel_id_type: 'channel_public_id',
			});
			expect(request.status).toBe(200);
		}
		const batches = emu.requests
			.map((r) => splitIds(r.query.target_ids))
			.sort((a, b) => Number(a[0]) - Number(b[0]));
		expect(batches.map((batch) => batch.length)).toEqual([200, 200, 50]);
		expect(batches).toEqual([ids.slice(0, 200), ids.slice(200, 400), ids.slice(400)]);

		const expected = ids.map((id, k) => {
			if (id === '3010' || id === '3020') return { user_id: id, ...LEFT_OUT };
			const relation = relationOf(k);
			const json: IDataObject = {
				user_id: id,
				channel_public_id: CHANNEL,
				channel_uuid: CHANNEL_UUID,
				relation,
			};
			if (relation === 'ADDED')
				json.created_at = `2024-01-01T00:00:${String(k % 60).padStart(2, '0')}Z`;
			if (relation !== 'NONE')
				json.updated_at = relation === 'ADDED' ? '2024-01-02T00:00:00Z' : '2024-02-01T00:00:00Z';
			return { ...json, checked: true };
		});
		expect(jsonOf(result.output)).toEqual(expected);
		expect(pairedOf(result.output)).toEqual(ids.map((_, k) => (k < 60 ? [k, 450 + k] : [k])));
	});

	it('continue on fail: a failed batch outputs an error item per user of that batch, paired to its items', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -10 }, path: MULTI_PATH, times: 1 });
		const items: IDataObject[] = ids.slice(0, 250).map((id) => ({ id }));
		items.push({ id: ids[0] }, { id: ids[249] }, { id: 'nope' });
		const result = await runKakaoNode({
			parameters: params({ options: { channels: CHANNEL } }),
			items,
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		// -10 is not retried: two calls, one failed.
		expect(emu.requests.map((r) => r.status).sort()).toEqual([200, 400]);
		const failedIds = new Set(
			splitIds(emu.requests.find((r) => r.status === 400)!.query.target_ids),
		);
		expect([200, 50]).toContain(failedIds.size);

		const output = result.output!;
		expect(output).toHaveLength(251);
		const byUser = new Map(output.slice(0, 250).map((item) => [String(item.json.user_id), item]));
		for (let k = 0; k < 250; k++) {
			const item = byUser.get(ids[k])!;
			const paired = pairedOf([item])[0];
			expect(paired).toEqual(k === 0 ? [0, 250] : k === 249 ? [249, 251] : [k]);
			if (failedIds.has(ids[k])) {
				expect(item.json).toEqual({
					user_id: ids[k],
					checked: false,
					error: 'Kakao API error -10: quota exceeded',
					status: 'failed',
					kakao_code: -10,
					batch: expect.any(Number),
				});
			} else if (ids[k] === '3010' || ids[k] === '3020') {
				expect(item.json).toEqual({ user_id: ids[k], ...LEFT_OUT });
			} else {
				expect(item.json).toMatchObject({
					user_id: ids[k],
					relation: relationOf(k),
					checked: true,
				});
			}
		}
		expect(output[250]).toEqual({
			json: { error: 'User ID "nope" of item 252 is not a service user ID' },
			pairedItem: { item: 252 },
		});
		expectNoSecrets(result, emu);
	});
});

describe('channels', () => {
	it('without a Channels option, asks for every channel of the app and outputs one item per user and channel', async () => {
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1003' }, { id: '1010' }, { id: '9999' }, { id: '1001' }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.query)).toEqual([
			{ target_id_type: 'user_id', target_ids: '1003,1010,9999,1001' },
		]);
		expect(jsonOf(result.output)).toEqual([
			{
				user_id: '1003',
				channel_public_id: CHANNEL,
				channel_uuid: CHANNEL_UUID,
				relation: 'BLOCKED',
				updated_at: '2023-03-04T09:10:11Z',
				checked: true,
			},
			{
				user_id: '1003',
				channel_public_id: CHANNEL2,
				channel_uuid: CHANNEL2_UUID,
				relation: 'ADDED',
				created_at: '2023-02-01T00:00:00Z',
				updated_at: '2023-02-01T00:00:00Z',
				checked: true,
			},
			{ user_id: '1010', ...LEFT_OUT },
			{ user_id: '9999', ...LEFT_OUT },
			{ ...demoRelation('1001'), checked: true },
			{
				user_id: '1001',
				channel_public_id: CHANNEL2,
				channel_uuid: CHANNEL2_UUID,
				relation: 'ADDED',
				created_at: '2022-11-09T07:08:48Z',
				updated_at: '2023-07-20T07:21:05Z',
				checked: true,
			},
		]);
		expect(pairedOf(result.output)).toEqual([[0], [0], [1], [2], [3], [3]]);
	});

	it('takes channel IDs and URLs, sending each channel once', async () => {
		const result = await runKakaoNode({
			parameters: params({
				options: { channels: `https://pf.kakao.com/${CHANNEL2}, ${CHANNEL},\n${CHANNEL2}` },
			}),
			items: [{ id: '1002' }],
			credentials: apiCredentials(emu),
		});
		expect(emu.requests.map((r) => r.query)).toEqual([
			{
				target_id_type: 'user_id',
				target_ids: '1002',
				channel_ids: `${CHANNEL2},${CHANNEL}`,
				channel_id_type: 'channel_public_id',
			},
		]);
		expect(jsonOf(result.output)).toEqual([
			{
				user_id: '1002',
				channel_public_id: CHANNEL2,
				channel_uuid: CHANNEL2_UUID,
				relation: 'NONE',
				checked: true,
			},
			{
				user_id: '1002',
				channel_public_id: CHANNEL,
				channel_uuid: CHANNEL_UUID,
				relation: 'ADDED',
				created_at: '2021-01-02T01:00:00Z',
				updated_at: '2021-01-02T01:00:00Z',
				checked: true,
			},
		]);
		expect(pairedOf(result.output)).toEqual([[0], [0]]);
	});

	it('items asking about different channels are checked in separate calls', async () => {
		const result = await runKakaoNode({
			parameters: params({ options: { channels: '={{ $json.ch }}' } }),
			items: [
				{ id: '1001', ch: CHANNEL },
				{ id: '1003', ch: CHANNEL2 },
				{ id: '1004', ch: `pf.kakao.com/${CHANNEL}` },
			],
			credentials: apiCredentials(emu),
		});
		expect(emu.requests.map((r) => [r.query.target_ids, r.query.channel_ids]).sort()).toEqual([
			['1001,1004', CHANNEL],
			['1003', CHANNEL2],
		]);
		const output = result.output!.map((item) => [
			item.json.user_id,
			item.json.channel_public_id,
			item.json.relation,
			pairedOf([item])[0],
		]);
		expect(output).toEqual(
			expect.arrayContaining([
				['1001', CHANNEL, 'ADDED', [0]],
				['1004', CHANNEL, 'ADDED', [2]],
				['1003', CHANNEL2, 'ADDED', [1]],
			]),
		);
		expect(output).toHaveLength(3);
	});
});

describe('user IDs', () => {
	it('spellings of the same ID are merged into one user paired with every item', async () => {
		const result = await runKakaoNode({
			parameters: params({ options: { channels: CHANNEL } }),
			items: [{ id: '1001' }, { id: 1001 }, { id: '0001001' }, { id: ' 1001 ' }],
			credentials: apiCredentials(emu),
		});
		expect(emu.requests.map((r) => r.query.target_ids)).toEqual(['1001']);
		expect(result.output).toEqual([
			{
				json: { ...demoRelation('1001'), checked: true },
				pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }],
			},
		]);
	});

	it('a bad user ID fails naming the item, before any request', async () => {
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1001' }, { id: '1002' }, { id: '10-02' }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe('User ID "10-02" of item 2 is not a service user ID');
		expect(error.context?.itemIndex).toBe(2);
		expect(emu.requests).toHaveLength(0);
	});

	it('a bad Channels entry fails before any request', async () => {
		const result = await runKakaoNode({
			parameters: params({ options: { channels: `${CHANNEL}, @테스트` } }),
			items: [{ id: '1001' }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe('Channels has entries that are not channel IDs or URLs: @테스트');
		expect(emu.requests).toHaveLength(0);
	});

	it('continue on fail: bad items become error items and the valid ones are still checked', async () => {
		const result = await runKakaoNode({
			parameters: params({ options: { channels: CHANNEL } }),
			items: [{ id: 'x' }, { id: '1004' }, { id: '' }, { id: '1002' }],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(emu.requests.map((r) => r.query.target_ids)).toEqual(['1004,1002']);
		expect(jsonOf(result.output)).toEqual([
			{ ...demoRelation('1004'), checked: true },
			{
				user_id: '1002',
				channel_public_id: CHANNEL,
				channel_uuid: CHANNEL_UUID,
				relation: 'ADDED',
				created_at: '2021-01-02T01:00:00Z',
				updated_at: '2021-01-02T01:00:00Z',
				checked: true,
			},
			{ error: 'User ID "x" of item 0 is not a service user ID' },
			{ error: 'User ID "" of item 2 is not a service user ID' },
		]);
		expect(pairedOf(result.output)).toEqual([[1], [3], [0], [2]]);
	});
});

describe('Kakao errors', () => {
	it('-10 (quota) fails the node with a message saying quota, after one request', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -10 }, path: MULTI_PATH, times: Infinity });
		const result = await runKakaoNode({
			parameters: params(),
			items: [{ id: '1001' }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao API error -10: quota exceeded');
		expect(error.description).toContain('quota');
		expect(emu.requests).toHaveLength(1);
		expectNoSecrets(result, emu);
	});
});
