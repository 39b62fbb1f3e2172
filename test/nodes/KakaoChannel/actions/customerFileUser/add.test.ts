// Customer File User > Add: the body, the fields' types, the summary; batches of 2,000, phone
// numbers merged and sent in one form, and what continue on fail gives when items or batches fail.
import type { IDataObject } from 'n8n-workflow';

import { CHANNEL, PARAMS, PATHS, rl } from '../../../../support/demo';
import {
	authOf,
	expectNoSecrets,
	jsonOf,
	pairedOf,
	useEngine,
} from '../../../../support/engineHelpers';
import { aged, bodiesOf, fileBody, summaryOf, type AddBody } from './fileUsers';

// Demo data: file 437 on _ZeUTxl (schema 생년월일/성별/연령) with members 1001 and 1002. On _ZeUTxl,
// users 1001, 1002, 1004, 1006 and 1008 have added the channel; 1003 and 1009 blocked it.
const { emu, run } = useEngine();
const users = () => bodiesOf<AddBody>(emu).map((body) => body.users);
const field = (name: string, value: string) => ({ name, value: `={{ ${value} }}` });
const PHONE = PARAMS.add({ userType: 'phone' });

it('sends POST update/target_users with the REST API key, typed JSON, and outputs one summary paired with every item', async () => {
	const fields = [
		field('생년월일', '$json.birthday'),
		field('성별', '$json.gender'),
		field('연령', '$json.age'),
		field('visits', '$json.visits * 2'),
	];
	const result = await run(PARAMS.add({ fields: { field: fields } }), [
		{ id: '1004', birthday: '1990-01-01', gender: '남자', age: '36', visits: 2 },
		{ id: 1006, birthday: '2000-12-31', gender: '여자', age: 25, visits: '3' },
		{ id: '1003', birthday: '1970-07-07', gender: '남자', age: ' 55 ', visits: 0 },
	]);
	expect(result.error).toBeUndefined();
	// Method, path, key and content type: actions/operations.test.ts.
	expect(bodiesOf(emu)).toEqual([
		fileBody({
			users: [
				{ id: '1004', field: { 생년월일: '1990-01-01', 성별: '남자', 연령: 36, visits: 4 } },
				{ id: '1006', field: { 생년월일: '2000-12-31', 성별: '여자', 연령: 25, visits: 6 } },
				{ id: '1003', field: { 생년월일: '1970-07-07', 성별: '남자', 연령: 55, visits: 0 } },
			],
		}),
	]);
	// Exact JSON types: the file ID is a number, user IDs are strings.
	expect(emu.requests[0].rawBody).toContain('"file_id":437,');
	expect(emu.requests[0].rawBody).toContain('"id":"1006"');
	const batch = { batch: 1, users: 3, status: 'sent', request_count: 3, success_count: 2 };
	const counts = { request_count: 3, success_count: 2, not_added_count: 1, batches: [batch] };
	const json = summaryOf('add', { input_items: 3, users_sent: 3, ...counts });
	expect(result.output).toEqual([{ json, pairedItem: [0, 1, 2].map((item) => ({ item })) }]);
	const { members } = emu.files(CHANNEL)[0];
	expect(members.get('1004')).toEqual(users()[0][0].field);
	expect(members.has('1003')).toBe(false); // blocked the channel: Kakao does not count it
});

it.each([
	['list mode', rl('437', 'list')],
	['ID mode', rl('437', 'id')],
	['an expression', rl('={{ $json.file }}', 'id')],
])('the customer file given in %s is sent as the integer file_id', async (_name, fileId) => {
	const result = await run(PARAMS.add({ fileId }), [{ id: '1004', age: 1, file: 437 }]);
	expect(result.error).toBeUndefined();
	expect(bodiesOf<AddBody>(emu).map((body) => body.file_id)).toEqual([437]);
});

it('items for different files are sent in separate calls, one summary per file paired with its items', async () => {
	const other = emu.seedFile(CHANNEL, 'other', { 연령: 'number' });
	const result = await run(PARAMS.add({ fileId: rl('={{ $json.file }}') }), [
		{ id: '1001', age: 1, file: 437 },
		{ id: '1002', age: 2, file: other },
		{ id: '1004', age: 3, file: '437' },
	]);
	expect(result.error).toBeUndefined();
	const sent = bodiesOf<AddBody>(emu).map((body) => [body.file_id, body.users.map((u) => u.id)]);
	expect(sent.sort()).toEqual([
		[437, ['1001', '1004']],
		[438, ['1002']],
	]);
	expect(jsonOf(result.output)).toEqual([
		expect.objectContaining({ file_id: 437, input_items: 2, success_count: 2 }),
		expect.objectContaining({ file_id: 438, input_items: 1, success_count: 1 }),
	]);
	expect(pairedOf(result.output)).toEqual([[0, 2], [1]]);
});

it('a repeated user is sent once with the values of its last item, and the merge is reported', async () => {
	const result = await run(PARAMS.add(), [
		{ id: '1001', age: '30' },
		{ id: '1002', age: '40' },
		{ id: 1001, age: '31' },
		{ id: '001001', age: '32' },
		{ id: '1002', age: 41 },
	]);
	expect(result.error).toBeUndefined();
	expect(users()).toEqual([[aged('1001', 32), aged('1002', 41)]]);
	const merged = { input_items: 5, unique_users: 2, duplicate_users_merged: 3 };
	const counts = { ...merged, users_sent: 2, request_count: 2, success_count: 2 };
	expect(jsonOf(result.output)).toEqual([expect.objectContaining(counts)]);
	expect(pairedOf(result.output)).toEqual([[0, 1, 2, 3, 4]]);
});

it('numbers and numeric text reach Kakao with their digits; an inexact one becomes an error item', async () => {
	const parameters = PARAMS.add({ fields: { field: [field('포인트', '$json.points')] } });
	const items = [
		{ id: '1001', points: '9007199254740991' },
		{ id: '1002', points: '1.50' },
		{ id: '1004', points: '12345678901234567890' },
	];
	const result = await run(parameters, items, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	const [{ rawBody }] = emu.requests;
	expect(rawBody).toContain('"field":{"포인트":9007199254740991}');
	expect(rawBody).toContain('"field":{"포인트":1.5}');
	expect(rawBody).not.toContain('12345678901234567');
	const error =
		'Field "포인트" of item 2: 12345678901234567890 has more digits than a number keeps (it would be sent as 12345678901234567000)';
	expect(jsonOf(result.output).slice(1)).toEqual([{ error }]);
	expect(pairedOf(result.output)).toEqual([[0, 1], [2]]);
});

it('a field named __proto__ is sent like any other (Kakao judges it), never dropped', async () => {
	const fields = { field: [field('__proto__', '$json.p'), field('연령', '$json.age')] };
	await run(PARAMS.add({ fields }), [{ id: '1001', p: 7, age: 30 }], { continueOnFail: true });
	expect(emu.requests[0].rawBody).toContain('"field":{"__proto__":7,"연령":30}');
});
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
		{ error: 'User ID "x" of item 0 is not a valid App User ID' },
		{ error: 'User ID "" of item 3 is not a valid App User ID' },
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
	const error = 'Kakao API error -2: bad or missing parameter';
	const failed = { status: 'failed', error, kakao_code: -2 };
	const counts = { request_count: 500, success_count: 500 };
	const sent = { input_items: 2500, users_sent: 500, users_not_sent: 2000, calls: 2, ...counts };
	const batches = [
		{ batch: 1, users: 2000, ...failed },
		{ batch: 2, users: 500, status: 'sent', ...counts },
	];
	expect(jsonOf(result.output)).toEqual([
		summaryOf('add', { ...sent, not_added_count: 0, batches, error }),
		...ids.slice(0, 2000).map((user_id) => ({ user_id, ...failed, batch: 1 })),
		{ error: 'User ID "bad" of item 2500 is not a valid App User ID' },
	]);
	// The summary links to the users Kakao confirmed; every other user has an error item linked
	// to its own input item; the bad input item comes last.
	const unsent = ids.slice(0, 2000).map((_, k) => [k]);
	expect(pairedOf(result.output)).toEqual([ids.map((_, k) => k).slice(2000), ...unsent, [2500]]);
	expectNoSecrets(result, emu);
});
