// Input mistakes, as one table over the operations: each stops the run with a NodeOperationError
// that names the value and its item, before any request (so nothing is created or changed). A
// row's name is its operation and the message it expects.
import type { IDataObject } from 'n8n-workflow';

import { CHANNEL, CHANNEL2, PARAMS, rl } from '../../../support/demo';
import { expectRefused, useEngine } from '../../../support/engineHelpers';

const { emu, run } = useEngine();

const fixed = (...fields: Array<[string, string]>) => ({
	field: fields.map(([key, type]) => ({ key, type })),
});
const custom = (...keys: string[]) => ({ field: keys.map((key) => ({ key })) });
const many = (count: number) => custom(...Array.from({ length: count }, (_, k) => `c${k}`));
const create = (extra: IDataObject) => PARAMS.create(extra);
const customs = (...keys: string[]) => create({ customFields: custom(...keys) });
const reserved = (key: string) =>
	`Schema: A custom field may not be named "${key}" (Kakao reserves 앱유저아이디 and 전화번호)`;
const notChannel = (value: string) => `Channel "${value}" is not a Kakao Talk Channel ID or URL`;
const notService = (id: string, item?: number) =>
	`User ID "${id}" ${item === undefined ? '' : `of item ${item} `}is not a service user ID`;
const notUser = (value: string, item: number, type = 'app') =>
	`User ID "${value}" of item ${item} is not a valid ${type === 'phone' ? 'Phone Number' : 'App User ID'}`;
const ids = (...values: string[]) => values.map((id) => ({ id }));
const fields = (name: string, value: string) => ({ fields: { field: [{ name, value }] } });
const FROM_ITEM = rl('={{ $json.ch }}');
const GET_ID = PARAMS.get({ userId: '={{ $json.id }}' });
const NOT_MOBILE = ['02-123-4567', '010-1234-56', '010-1234-56789', '+1 415 555 0100'];
const GOOD_PHONES = [{ id: '010-1234-5678' }, { id: '01023456789' }];
const PHONE = { userType: 'phone' };

interface Row {
	name: string;
	parameters: IDataObject;
	message: string;
	/** The input items; the last one is named (item 0 without items). */
	items: IDataObject[];
	/** A part of the description. */
	says?: string;
}
const row = (parameters: IDataObject, message: string, ...items: IDataObject[]): Row => ({
	name: `${parameters.operation}: ${message}`,
	parameters,
	message,
	items,
});

const ROWS: Row[] = [
	...['abc', '12a', '-5', '0', '', '1.5', '12345678901234567890'].map((id) =>
		row(GET_ID, notService(id), { id }),
	),
	row(
		PARAMS.get({ options: { moreChannels: `${CHANNEL2}, not-a-channel` } }),
		'More Channels has entries that are not channel IDs or URLs: not-a-channel',
	),
	...['ZeUTxl', 'https://example.com/_ZeUTxl', 'https://pf.kakao.com/', ''].map((ch) => ({
		...row(PARAMS.getLinks({ channel: FROM_ITEM }), notChannel(ch), { ch: CHANNEL }, { ch }),
		says: 'such as _ZeUTxl',
	})),
	row(PARAMS.checkMany(), notService('10-02', 2), ...ids('1001', '1002', '10-02')),
	row(
		PARAMS.checkMany({ options: { channels: `${CHANNEL}, @테스트` } }),
		'Channels has entries that are not channel IDs or URLs: @테스트',
		{ id: '1001' },
	),
	row(
		create({ fixedFields: fixed(['연령', 'number']), customFields: many(30) }),
		'Schema: The schema has 31 fields; Kakao allows at most 30',
	),
	row(customs('앱유저아이디'), reserved('앱유저아이디')),
	row(customs(' 전화번호 '), reserved('전화번호')),
	row(customs('연령'), 'Schema: "연령" is a fixed key: add it under Fixed Fields instead'),
	row(customs(''), 'Schema: A custom field has an empty name'),
	row(customs('a', 'a'), 'Schema: The key "a" is listed twice'),
	row(
		create({ fixedFields: fixed(['성별', 'string'], ['성별', 'number']) }),
		'Schema: The key "성별" is listed twice',
	),
	row(create({ fixedFields: {}, customFields: {} }), 'Schema: The schema needs at least one field'),
	...['={{ $json.nothing }}', '={{ null }}', '   '].map((fileName) => ({
		...row(create({ fileName }), 'File Name is empty'),
		name: `create: File Name ${JSON.stringify(fileName)} is empty`,
	})),
	row(create({ channel: rl('={{ "ZeUTxl" }}') }), notChannel('ZeUTxl')),
	row(PARAMS.getAll({ channel: FROM_ITEM }), notChannel('pf.kakao.com/ZeUTxl'), {
		ch: 'pf.kakao.com/ZeUTxl',
	}),
	row(PARAMS.add(), notUser('1002a', 1), ...ids('1001', '1002a')),
	row(PARAMS.add(), notUser('010-1234-5678', 0), { id: '010-1234-5678' }),
	row(PARAMS.add(fields(' ', '1')), 'A field of item 0 has an empty name', { id: '1001' }),
	row(
		PARAMS.add(fields('포인트', '={{ $json.p }}')),
		'Field "포인트" of item 1: 12345678901234567890 has more digits than a number keeps (it would be sent as 12345678901234567000)',
		{ id: '1001', p: '1234567890123456' },
		{ id: '1002', p: '12345678901234567890' },
	),
	row(
		PARAMS.add({ fileId: rl('={{ $json.file }}') }),
		'Customer File "437a" is not a customer file ID',
		{ id: '1001', file: '437a' },
	),
	row(PARAMS.add({ channel: FROM_ITEM }), notChannel('ZeUTxl'), { id: '1001', ch: 'ZeUTxl' }),
	...[...NOT_MOBILE, '010-1234-5678 ext', ''].map((id) => ({
		...row(PARAMS.add(PHONE), notUser(id, 2, 'phone'), ...GOOD_PHONES, { id }),
		says: '010-1234-5678',
	})),
	row(PARAMS.delete(PHONE), notUser('1234', 1, 'phone'), GOOD_PHONES[0], { id: '1234' }),
];

it.each(ROWS)('$name', async ({ parameters, items, message, says }) => {
	const result = await run(parameters, items.length ? items : undefined);
	const error = expectRefused(result, emu, message, Math.max(items.length - 1, 0));
	if (says) expect(error.description).toContain(says);
	expect(emu.files(CHANNEL).map((file) => file.members.size)).toEqual([2]);
});

// A literal value the field's own check refuses: n8n stops before the node runs.
it.each([
	['Get, channel "ZeUTxl"', PARAMS.get({ channel: rl('ZeUTxl') }), /A channel ID starts with _/],
	['Get, an empty User ID (a missing required parameter)', PARAMS.get({ userId: '' }), /User ID/],
	['Add, file ID "abc"', PARAMS.add({ fileId: rl('abc', 'id') }), /customer file ID is a number/],
])('%s: refused by n8n before the node runs', async (_name, parameters, message) => {
	await expect(run(parameters, [{ id: '1001' }])).rejects.toThrow(message);
	expect(emu.requests).toHaveLength(0);
});
