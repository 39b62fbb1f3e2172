// Channel Relation > Check Many Users: users merged across items, batches of 200, one output item
// per user and channel, paired with every item that named the user.
import type { IDataObject } from 'n8n-workflow';

import {
	CHANNEL,
	CHANNEL2,
	CHANNEL_UUID,
	PARAMS,
	PATHS,
	demoRelation,
} from '../../../../support/demo';
import {
	authOf,
	expectNoSecrets,
	jsonOf,
	pairedOf,
	useEngine,
} from '../../../../support/engineHelpers';

const { emu, run } = useEngine();
const ON_CHANNEL = PARAMS.checkMany({ options: { channels: CHANNEL } });
const LEFT_OUT = { checked: false, reason: expect.stringMatching(/left this user out/) };
const checked = (id: string, ch = CHANNEL) => ({ ...demoRelation(id, ch), checked: true });
/** The query Check Many Users sends, for `channel_ids` if any. */
const query = (target_ids: string, channel_ids?: string) => ({
	target_id_type: 'user_id',
	target_ids,
	...(channel_ids && { channel_ids, channel_id_type: 'channel_public_id' }),
});

describe('450 distinct users with repeats', () => {
	// Users 3000..3449: every third has added the channel, every third blocked it, the rest never
	// did; 3010 is unknown to Kakao and 3020 is not a Kakao Talk user, so Kakao leaves them out.
	const ids = Array.from({ length: 450 }, (_, k) => String(3000 + k));
	const at = (k: number) => `2024-01-01T00:00:${String(k % 60).padStart(2, '0')}Z`;
	const relationOf = (k: number): IDataObject =>
		[
			{ relation: 'ADDED', created_at: at(k), updated_at: '2024-01-02T00:00:00Z' },
			{ relation: 'BLOCKED', updated_at: '2024-02-01T00:00:00Z' },
			{ relation: 'NONE' },
		][k % 3];
	const leftOut = (id: string) => id === '3010' || id === '3020';
	const onChannel = { channel_public_id: CHANNEL, channel_uuid: CHANNEL_UUID };
	const outputOf = (id: string, k: number) => ({
		user_id: id,
		...(leftOut(id) ? LEFT_OUT : { ...onChannel, ...relationOf(k), checked: true }),
	});

	beforeEach(() => {
		for (const [k, id] of ids.entries()) {
			const relations = k % 3 === 2 ? {} : { [CHANNEL]: relationOf(k) }; // NONE: no relation
			if (id !== '3010')
				emu.addUser({ id, talkUser: id !== '3020', relations: relations as never });
		}
	});

	it('makes exactly 3 calls (200/200/50), each user once, and one output per user paired with all its items', async () => {
		// Items 450..509 repeat the users of items 0..59, in other spellings.
		const items: IDataObject[] = ids.map((id) => ({ id }));
		for (let k = 0; k < 60; k++) items.push({ id: k % 2 === 0 ? Number(ids[k]) : `00${ids[k]}` });
		const result = await run(ON_CHANNEL, items);
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => [r.method, r.path, authOf(emu, r), r.status])).toEqual(
			Array(3).fill(['GET', PATHS.multi, 'KakaoAK admin', 200]),
		);
		const queries = emu.requests
			.map((r) => r.query)
			.sort((a, b) => a.target_ids.localeCompare(b.target_ids));
		const batches = [ids.slice(0, 200), ids.slice(200, 400), ids.slice(400)];
		expect(queries).toEqual(batches.map((batch) => query(batch.join(','), CHANNEL)));
		expect(jsonOf(result.output)).toEqual(ids.map(outputOf));
		expect(pairedOf(result.output)).toEqual(ids.map((_, k) => (k < 60 ? [k, 450 + k] : [k])));
	});

	it('continue on fail: a failed batch outputs an error item per user of that batch, paired to its items', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -10 }, path: PATHS.multi, times: 1 });
		const items: IDataObject[] = ids.slice(0, 250).map((id) => ({ id }));
		items.push({ id: ids[0] }, { id: ids[249] }, { id: 'nope' });
		const result = await run(ON_CHANNEL, items, { continueOnFail: true });
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.status).sort()).toEqual([200, 400]);
		const failed = new Set(emu.requests.find((r) => r.status === 400)!.query.target_ids.split(','));
		expect([200, 50]).toContain(failed.size);
		const output = result.output!;
		expect(output).toHaveLength(251);
		const error = 'Kakao API error -10: quota exceeded';
		const FAILED = { checked: false, error, status: 'failed', kakao_code: -10 };
		const byUser = new Map(output.slice(0, 250).map((item) => [String(item.json.user_id), item]));
		ids.slice(0, 250).forEach((id, k) => {
			const item = byUser.get(id)!;
			expect(pairedOf([item])[0]).toEqual(k === 0 ? [0, 250] : k === 249 ? [249, 251] : [k]);
			if (failed.has(id))
				expect(item.json).toEqual({ user_id: id, ...FAILED, batch: expect.any(Number) });
			else expect(item.json).toEqual(outputOf(id, k));
		});
		const nope = { error: 'User ID "nope" of item 252 is not a service user ID' };
		expect(output[250]).toEqual({ json: nope, pairedItem: { item: 252 } });
		expectNoSecrets(result, emu);
	});
});

it('without a Channels option, asks for every channel of the app and outputs one item per user and channel', async () => {
	const items = ['1003', '1010', '9999', '1001'].map((id) => ({ id }));
	const result = await run(PARAMS.checkMany(), items);
	expect(result.error).toBeUndefined();
	expect(emu.requests.map((r) => r.query)).toEqual([query('1003,1010,9999,1001')]);
	expect(jsonOf(result.output)).toEqual([
		checked('1003'),
		checked('1003', CHANNEL2),
		{ user_id: '1010', ...LEFT_OUT },
		{ user_id: '9999', ...LEFT_OUT },
		checked('1001'),
		checked('1001', CHANNEL2),
	]);
	expect(pairedOf(result.output)).toEqual([[0], [0], [1], [2], [3], [3]]);
});

it('takes channel IDs and URLs, sending each channel once', async () => {
	const channels = `https://pf.kakao.com/${CHANNEL2}, ${CHANNEL},\n${CHANNEL2}`;
	const result = await run(PARAMS.checkMany({ options: { channels } }), [{ id: '1002' }]);
	const sent = query('1002', `${CHANNEL2},${CHANNEL}`);
	expect(emu.requests.map((r) => r.query)).toEqual([sent]);
	expect(jsonOf(result.output)).toEqual([checked('1002', CHANNEL2), checked('1002')]);
	expect(pairedOf(result.output)).toEqual([[0], [0]]);
});

it('items asking about different channels are checked in separate calls', async () => {
	const result = await run(PARAMS.checkMany({ options: { channels: '={{ $json.ch }}' } }), [
		{ id: '1001', ch: CHANNEL },
		{ id: '1003', ch: CHANNEL2 },
		{ id: '1004', ch: `pf.kakao.com/${CHANNEL}` },
	]);
	expect(emu.requests.map((r) => [r.query.target_ids, r.query.channel_ids]).sort()).toEqual([
		['1001,1004', CHANNEL],
		['1003', CHANNEL2],
	]);
	const paired = pairedOf(result.output);
	const output = jsonOf(result.output).map((json, k) => {
		const { user_id, channel_public_id, relation } = json;
		return [user_id, channel_public_id, relation, paired[k]];
	});
	expect(output.sort()).toEqual([
		['1001', CHANNEL, 'ADDED', [0]],
		['1003', CHANNEL2, 'ADDED', [1]],
		['1004', CHANNEL, 'ADDED', [2]],
	]);
});

it('spellings of the same ID are merged into one user paired with every item', async () => {
	const spellings = [{ id: '1001' }, { id: 1001 }, { id: '0001001' }, { id: ' 1001 ' }];
	const result = await run(ON_CHANNEL, spellings);
	expect(emu.requests.map((r) => r.query.target_ids)).toEqual(['1001']);
	const pairedItem = [0, 1, 2, 3].map((item) => ({ item }));
	expect(result.output).toEqual([{ json: checked('1001'), pairedItem }]);
});

it('continue on fail: bad items become error items and the valid ones are still checked', async () => {
	const items = [{ id: 'x' }, { id: '1004' }, { id: '' }, { id: '1002' }];
	const result = await run(ON_CHANNEL, items, { continueOnFail: true });
	expect(emu.requests.map((r) => r.query.target_ids)).toEqual(['1004,1002']);
	expect(jsonOf(result.output)).toEqual([
		checked('1004'),
		checked('1002'),
		{ error: 'User ID "x" of item 0 is not a service user ID' },
		{ error: 'User ID "" of item 2 is not a service user ID' },
	]);
	expect(pairedOf(result.output)).toEqual([[1], [3], [0], [2]]);
});
