// Input mistakes, as one table over the operations: each stops the run with a NodeOperationError
// that names the value and its item, before any request (so nothing is created or changed).
import type { IDataObject } from 'n8n-workflow';

import { CHANNEL, CHANNEL2, PARAMS, rl } from '../../../support/demo';
import { expectRefused, useEngine } from '../../../support/engineHelpers';

const { emu, run } = useEngine();

const fixed = (...fields: Array<[string, string]>) => ({
	field: fields.map(([key, type]) => ({ key, type })),
});
const custom = (...keys: string[]) => ({ field: keys.map((key) => ({ key })) });
const many = (count: number) => custom(...Array.from({ length: count }, (_, k) => `c${k}`));
const reserved = (key: string) =>
	`A custom field may not be named "${key}" (Kakao reserves 앱유저아이디 and 전화번호)`;
const notChannel = (value: string) => `Channel "${value}" is not a Kakao Talk Channel ID or URL`;
const notAppUser = (value: string, item: number) =>
	`User ID "${value}" of item ${item} is not valid for user type "app"`;
const BAD_PHONES = [
	'02-123-4567',
	'010-1234-56',
	'010-1234-56789',
	'+1 415 555 0100',
	'010-1234-5678 ext',
	'',
];
const FROM_ITEM = rl('={{ $json.ch }}');

interface Row {
	name: string;
	parameters: IDataObject;
	items?: IDataObject[];
	message: string;
	/** The item named (0 unless said). */
	item?: number;
	/** A part of the description. */
	says?: string;
}
/** Create, refusing the schema of `extra` with `message`. */
const schema = (name: string, message: string, extra: IDataObject): Row => ({
	name: `Create, ${name}`,
	parameters: PARAMS.create(extra),
	message: `Schema: ${message}`,
});
const customs = (name: string, message: string, ...keys: string[]) =>
	schema(name, message, { customFields: custom(...keys) });

const ROWS: Row[] = [
	...['abc', '12a', '-5', '0', '', '1.5', '12345678901234567890'].map((id) => ({
		name: `Get, user ID "${id}"`,
		parameters: PARAMS.get({ userId: '={{ $json.id }}' }),
		items: [{ id }],
		message: `User ID "${id}" is not a service user ID`,
	})),
	{
		name: 'Get, More Channels with a bad entry',
		parameters: PARAMS.get({ options: { moreChannels: `${CHANNEL2}, not-a-channel` } }),
		message: 'More Channels has entries that are not channel IDs or URLs: not-a-channel',
	},
	...['ZeUTxl', 'https://example.com/_ZeUTxl', 'https://pf.kakao.com/', ''].map((ch) => ({
		name: `Get Links, channel "${ch}" (after a good one)`,
		parameters: PARAMS.getLinks({ channel: FROM_ITEM }),
		items: [{ ch: CHANNEL }, { ch }],
		message: notChannel(ch),
		item: 1,
		says: 'such as _ZeUTxl',
	})),
	{
		name: 'Check Many Users, a bad user ID (after good ones)',
		parameters: PARAMS.checkMany(),
		items: [{ id: '1001' }, { id: '1002' }, { id: '10-02' }],
		message: 'User ID "10-02" of item 2 is not a service user ID',
		item: 2,
	},
	{
		name: 'Check Many Users, a bad Channels entry',
		parameters: PARAMS.checkMany({ options: { channels: `${CHANNEL}, @테스트` } }),
		items: [{ id: '1001' }],
		message: 'Channels has entries that are not channel IDs or URLs: @테스트',
	},
	schema('31 fields', 'The schema has 31 fields; Kakao allows at most 30', {
		fixedFields: fixed(['연령', 'number']),
		customFields: many(30),
	}),
	customs('custom field 앱유저아이디', reserved('앱유저아이디'), '앱유저아이디'),
	customs('custom field 전화번호', reserved('전화번호'), ' 전화번호 '),
	customs(
		'a fixed key as custom field',
		'"연령" is a fixed key: add it under Fixed Fields instead',
		'연령',
	),
	customs('a custom field with no name', 'A custom field has an empty name', ''),
	customs('a repeated custom field', 'The key "a" is listed twice', 'a', 'a'),
	schema('a repeated fixed field', 'The key "성별" is listed twice', {
		fixedFields: fixed(['성별', 'string'], ['성별', 'number']),
	}),
	schema('no field at all', 'The schema needs at least one field', {
		fixedFields: {},
		customFields: {},
	}),
	...['={{ $json.nothing }}', '={{ null }}', '   '].map((fileName) => ({
		name: `Create, the file name ${fileName}`,
		parameters: PARAMS.create({ fileName }),
		message: 'File Name is empty',
	})),
	{
		name: 'Create, a channel that is no ID or URL',
		parameters: PARAMS.create({ channel: rl('={{ "ZeUTxl" }}') }),
		message: notChannel('ZeUTxl'),
	},
	{
		name: 'Get Many, a channel that is no ID or URL',
		parameters: PARAMS.getAll({ channel: FROM_ITEM }),
		items: [{ ch: 'pf.kakao.com/ZeUTxl' }],
		message: notChannel('pf.kakao.com/ZeUTxl'),
	},
	{
		name: 'Add, a bad app user ID (after a good one)',
		parameters: PARAMS.add(),
		items: [{ id: '1001' }, { id: '1002a' }],
		message: notAppUser('1002a', 1),
		item: 1,
	},
	{
		name: 'Add, a phone number as app user ID',
		parameters: PARAMS.add(),
		items: [{ id: '010-1234-5678' }],
		message: notAppUser('010-1234-5678', 0),
	},
	{
		name: 'Add, a field with no name',
		parameters: PARAMS.add({ fields: { field: [{ name: ' ', value: '1' }] } }),
		items: [{ id: '1001' }],
		message: 'A field of item 0 has an empty name',
	},
	{
		name: 'Add, a field value with more digits than a number keeps',
		parameters: PARAMS.add({ fields: { field: [{ name: '포인트', value: '={{ $json.p }}' }] } }),
		items: [
			{ id: '1001', p: '1234567890123456' },
			{ id: '1002', p: '12345678901234567890' },
		],
		message:
			'Field "포인트" of item 1: 12345678901234567890 has more digits than a number keeps (it would be sent as 12345678901234567000)',
		item: 1,
	},
	{
		name: 'Add, a file ID that is no number',
		parameters: PARAMS.add({ fileId: rl('={{ $json.file }}') }),
		items: [{ id: '1001', file: '437a' }],
		message: 'Customer File "437a" is not a customer file ID',
	},
	{
		name: 'Add, a channel that is no ID or URL',
		parameters: PARAMS.add({ channel: FROM_ITEM }),
		items: [{ id: '1001', ch: 'ZeUTxl' }],
		message: notChannel('ZeUTxl'),
	},
	...BAD_PHONES.map((id) => ({
		name: `Add, phone number "${id}" (after good ones)`,
		parameters: PARAMS.add({ userType: 'phone' }),
		items: [{ id: '010-1234-5678' }, { id: '01023456789' }, { id }],
		message: `User ID "${id}" of item 2 is not valid for user type "phone"`,
		item: 2,
		says: '010-1234-5678',
	})),
	{
		name: 'Delete, a bad phone number (after a good one)',
		parameters: PARAMS.delete({ userType: 'phone' }),
		items: [{ id: '010-1234-5678' }, { id: '1234' }],
		message: 'User ID "1234" of item 1 is not valid for user type "phone"',
		item: 1,
	},
];

it.each(ROWS)('$name', async ({ parameters, items, message, item, says }) => {
	const error = expectRefused(await run(parameters, items), emu, message, item ?? 0);
	if (says) expect(error.description).toContain(says);
	expect(emu.files(CHANNEL).map((file) => file.members.size)).toEqual([2]);
});

// A literal value the field's own check refuses: n8n stops before the node runs.
it.each([
	[
		'Get, a channel that is no ID or URL',
		PARAMS.get({ channel: rl('ZeUTxl') }),
		/A channel ID starts with _/,
	],
	['Get, an empty User ID (a missing required parameter)', PARAMS.get({ userId: '' }), /User ID/],
	[
		'Add, a file ID that is no number',
		PARAMS.add({ fileId: rl('abc', 'id') }),
		/customer file ID is a number/,
	],
])('%s: refused by n8n before the node runs', async (_name, parameters, message) => {
	await expect(run(parameters, [{ id: '1001' }])).rejects.toThrow(message);
	expect(emu.requests).toHaveLength(0);
});
