// Customer File User > Add with many users: batches of 2,000, phone numbers merged and sent
// in one form, and what continue on fail gives when items or batches fail.
import type { IDataObject } from 'n8n-workflow';

import { CHANNEL, PARAMS, PATHS } from '../../../../support/demo';
import {
	authOf,
	expectNoSecrets,
	jsonOf,
	pairedOf,
	useEngine,
} from '../../../../support/engineHelpers';
import { aged, bodiesOf, fileBody, summaryOf, type AddBody } from './fileUsers';

// Demo data: file 437 on _ZeUTxl with members 1001 and 1002; 1004 and 1006 have added the channel.
const { emu, run } = useEngine();
const PHONE = PARAMS.add({ userType: 'phone' });
const users = () => bodiesOf<AddBody>(emu).map((body) => body.users);
const ERROR = 'Kakao API error -2: bad or missing parameter';

it('4,500 users are sent in exactly 3 calls (2000/2000/500) and summed up in one summary with per-batch counts', async () => {
	const ids = Array.from({ length: 4500 }, (_, k) => String(20000 + k));
	const hasAdded = (k: number) => k % 3 !== 0;
	const ADDED = { [CHANNEL]: { relation: 'ADDED' as const } };
	ids.forEach((id, k) => emu.addUser({ id, relations: hasAdded(k) ? ADDED : {} }));
	const items = ids.map((id, k) => ({ id, age: k % 2 === 0 ? String(k % 100) : k % 100 }));
	const result = await run(PARAMS.add(), items);
	expect(result.error).toBeUndefined();
	expect(emu.requests.map((r) => [authOf(emu, r), r.status])).toEqual(
		Array(3).fill(['KakaoAK rest', 200]),
	);
	const bodies = bodiesOf<AddBody>(emu).sort((a, b) => a.users[0].id.localeCompare(b.users[0].id));
	const body = (from: number, to: number) =>
		fileBody({ users: ids.slice(from, to).map((id, k) => aged(id, (from + k) % 100)) });
	expect(bodies).toEqual([body(0, 2000), body(2000, 4000), body(4000, 4500)]);
	const counts = (from: number, to: number) => ({
		request_count: to - from,
		success_count: ids.slice(from, to).filter((_, k) => hasAdded(from + k)).length,
	});
	const sent = (batch: number, from: number, to: number) => ({
		batch,
		users: to - from,
		status: 'sent',
		...counts(from, to),
	});
	const batches = [sent(1, 0, 2000), sent(2, 2000, 4000), sent(3, 4000, 4500)];
	const totals = { input_items: 4500, users_sent: 4500, calls: 3, ...counts(0, 4500) };
	const not_added_count = 4500 - totals.success_count;
	const summary = summaryOf('add', { ...totals, not_added_count, batches });
	expect(jsonOf(result.output)).toEqual([summary]);
	expect(pairedOf(result.output)).toEqual([ids.map((_, k) => k)]);
	// 2 members from the seed, plus every new user who has added the channel.
	expect(emu.files(CHANNEL)[0].members.size).toBe(2 + totals.success_count);
});

const FORMS = ['010-1234-5678', '+82 10 1234 5678', '821012345678', '01012345678'];
const ALL_FORMS = [...FORMS, '+82-10-1234-5678', '(010) 1234.5678'];
it.each(ALL_FORMS)('phone "%s" is sent as 821012345678', async (phone) => {
	const result = await run(PHONE, [{ id: phone, age: 1 }]);
	expect(result.error).toBeUndefined();
	const users = [aged('821012345678', 1)];
	expect(bodiesOf(emu)).toEqual([fileBody({ user_type: 'phone', users })]);
	expect(jsonOf(result.output)[0]).toMatchObject({ user_type: 'phone', success_count: 1 });
});

it('phone numbers: the forms of one number are merged; each number is sent once in the 82 form', async () => {
	const phones = [...FORMS.slice(0, 3), '010 2345 6789', '+82 (0)10-4567-8901'];
	const items = phones.map((id, k) => ({ id, age: k + 1 }));
	const result = await run(PHONE, items);
	expect(result.error).toBeUndefined();
	const merged82 = [aged('821012345678', 3), aged('821023456789', 4), aged('821045678901', 5)];
	expect(users()).toEqual([merged82]);
	const merged = { input_items: 5, unique_users: 3, duplicate_users_merged: 2 };
	expect(result.output![0].json).toMatchObject({ ...merged, request_count: 3, success_count: 3 });
	expect(pairedOf(result.output)).toEqual([[0, 1, 2, 3, 4]]);
	expect([...emu.files(CHANNEL)[0].members.keys()].sort()).toEqual(['1001', '1002', '1004']);
});

it('continue on fail: bad items become error items, and the valid ones are still sent and summed up', async () => {
	const items = [
		{ id: 'x', age: 1 },
		{ id: '1004', age: 2 },
		{ id: '1006', age: '3' },
		{ id: '', age: 4 },
	];
	const result = await run(PARAMS.add(), items, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	const counts = { input_items: 2, unique_users: 2, users_sent: 2 };
	expect(users()).toEqual([[aged('1004', 2), aged('1006', 3)]]);
	expect(jsonOf(result.output)).toEqual([
		expect.objectContaining({ ...counts, request_count: 2, success_count: 2 }),
		{ error: 'User ID "x" of item 0 is not valid for user type "app"' },
		{ error: 'User ID "" of item 3 is not valid for user type "app"' },
	]);
	expect(pairedOf(result.output)).toEqual([[1, 2], [0], [3]]);
});

it("continue on fail: a failed batch (the first) is reported in the summary, paired with the sent users' items; each unsent user gets an error item paired with its item", async () => {
	const ids = Array.from({ length: 2500 }, (_, k) => String(30000 + k));
	for (const id of ids) emu.addUser({ id, relations: { [CHANNEL]: { relation: 'ADDED' } } });
	const fault = { kind: 'kakao' as const, code: -2 };
	emu.injectFault({ fault, path: PATHS.addUsers, match: '"id":"30000"', times: 1 });
	const items: IDataObject[] = ids.map((id) => ({ id, age: 7 }));
	items.push({ id: 'bad', age: 7 });
	const result = await run(PARAMS.add(), items, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	const calls = emu.requests.map((r) => `${(r.body as AddBody).users.length}: ${r.status}`);
	expect(calls.sort()).toEqual(['2000: 400', '500: 200']); // users: HTTP status
	const failed = { status: 'failed', error: ERROR, kakao_code: -2 };
	const counts = { request_count: 500, success_count: 500 };
	const sent = { input_items: 2500, users_sent: 500, users_not_sent: 2000, calls: 2, ...counts };
	const batches = [
		{ batch: 1, users: 2000, ...failed },
		{ batch: 2, users: 500, status: 'sent', ...counts },
	];
	expect(jsonOf(result.output)).toEqual([
		summaryOf('add', { ...sent, not_added_count: 0, batches, error: ERROR }),
		...ids.slice(0, 2000).map((user_id) => ({ user_id, ...failed, batch: 1 })),
		{ error: 'User ID "bad" of item 2500 is not valid for user type "app"' },
	]);
	// The summary links to the users Kakao confirmed; every other user has an error item linked
	// to its own input item; the bad input item comes last.
	const unsent = ids.slice(0, 2000).map((_, k) => [k]);
	expect(pairedOf(result.output)).toEqual([ids.map((_, k) => k).slice(2000), ...unsent, [2500]]);
	expectNoSecrets(result, emu);
});
