// Customer File User > Add with a few users: the body, the fields' types, the summary.
// Many users, phone numbers and continue on fail: add.batches.test.ts.
import { CHANNEL, PARAMS, rl } from '../../../../support/demo';
import { jsonOf, pairedOf, useEngine } from '../../../../support/engineHelpers';
import { aged, bodiesOf, fileBody, summaryOf, type AddBody } from './fileUsers';

// Demo data: file 437 on _ZeUTxl (schema 생년월일/성별/연령) with members 1001 and 1002. On _ZeUTxl,
// users 1001, 1002, 1004, 1006 and 1008 have added the channel; 1003 and 1009 blocked it.
const { emu, run } = useEngine();
const users = () => bodiesOf<AddBody>(emu).map((body) => body.users);
const field = (name: string, value: string) => ({ name, value: `={{ ${value} }}` });

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
	expect(result.output).toEqual([
		{
			json: summaryOf('add', { input_items: 3, users_sent: 3, ...counts }),
			pairedItem: [{ item: 0 }, { item: 1 }, { item: 2 }],
		},
	]);
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
	const result = await run(
		PARAMS.add({ fields: { field: [field('포인트', '$json.points')] } }),
		[
			{ id: '1001', points: '9007199254740991' },
			{ id: '1002', points: '1.50' },
			{ id: '1004', points: '12345678901234567890' },
		],
		{ continueOnFail: true },
	);
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
