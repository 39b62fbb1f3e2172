// The bounds parseEvent applies (event.ts, and otherFields.ts for Include Other Fields): what an
// `id`, the channel fields and the kept other fields may be, and the exact 400 reason beyond each.
import {
	MAX_OTHER_FIELDS_BYTES,
	MAX_OTHER_FIELDS_DEPTH,
	nestedDeeperThan,
} from '../../../../nodes/KakaoChannelTrigger/webhook/otherFields';
import {
	KEEP_OTHERS as KEEP,
	SEED_BODY,
	accepted,
	acceptedWith,
	refused,
	refusedWith,
} from './parse';

/** `[[[...]]]` nested `depth` levels deep. */
const nestedArray = (depth: number) => JSON.parse('['.repeat(depth) + ']'.repeat(depth)) as unknown;
const RANGE = 'id is out of the signed 64-bit range for id_type app_user_id';
const INEXACT = 'id is a JSON number too large to read exactly; send it as a string';
const OPEN_ID = 'id must be 1 to 128 visible ASCII characters without spaces for id_type open_id';
const ID_TYPE = 'id_type must be 1 to 32 letters, digits or underscores (app_user_id or open_id)';

describe('id, app_user_id: digits in the signed 64-bit range', () => {
	it.each(['1', '1111', '9223372036854775807', '1234567890123456789'])('accepts %s', (id) => {
		expect(acceptedWith({ id }).id).toBe(id);
	});
	it.each(['abc', '12a4', '-5', '1 2', '+1', '١٢'])('refuses %p', (id) => {
		expect(refusedWith({ id })).toBe('id must be digits only for id_type app_user_id');
	});
	const tooBig = ['9223372036854775808', '99999999999999999999', '1'.repeat(10_000)];
	it.each(tooBig)('refuses %s (past 2^63 - 1)', (id) => expect(refusedWith({ id })).toBe(RANGE));
	it('accepts a JSON number only while it is exact', () => {
		expect(acceptedWith({ id: 9007199254740991 }).id).toBe('9007199254740991');
		// eslint-disable-next-line no-loss-of-precision -- on purpose: the number a JSON body would carry after rounding
		expect(refusedWith({ id: 9007199254740993 })).toBe(INEXACT);
		expect(refusedWith({ id: 1.5 })).toBe(INEXACT);
	});
});
describe('id, open_id and other id types: visible ASCII, at most 128', () => {
	it.each(['AbC-123_xyz.=/+', 'x'.repeat(128)])('accepts %s', (id) => {
		expect(acceptedWith({ id_type: 'open_id', id }).id).toBe(id);
	});
	const bad = ['x'.repeat(129), 'a b', 'tab\there', '가나다', 'x'.repeat(10_000)];
	it.each(bad)('refuses %p', (id) => expect(refusedWith({ id_type: 'open_id', id })).toBe(OPEN_ID));
	it('applies the same bound without an id_type', () => {
		const { id_type: _omit, ...rest } = SEED_BODY;
		expect(accepted({ ...rest, id: 'opaque' }).id).toBe('opaque');
		expect(refused({ ...rest, id: 'x'.repeat(10_000) })).toBe(
			'id must be 1 to 128 visible ASCII characters without spaces for id_type (none)',
		);
	});
	it('bounds id_type itself', () => {
		expect(acceptedWith({ id_type: 'future_type', id: 'f1' }).id_type).toBe('future_type');
		for (const idType of ['x'.repeat(33), 'open id', 'open-id'])
			expect(refusedWith({ id_type: idType })).toBe(ID_TYPE);
	});
});
describe('channel fields', () => {
	it('accepts public IDs and search IDs as Kakao writes them', () => {
		const event = acceptedWith({ channel_public_id: '_ZeUTxl', channel_uuid: '@플러스친구' });
		expect([event.channel_public_id, event.channel_uuid]).toEqual(['_ZeUTxl', '@플러스친구']);
		const longest = acceptedWith({ channel_public_id: `_${'a'.repeat(63)}` });
		expect(longest.channel_public_id).toHaveLength(64);
	});
	const PUBLIC_ID = 'must be _ followed by 1 to 63 letters or digits (such as _ZeUTxl)';
	const UUID = 'must be @ followed by 1 to 63 characters without spaces (such as @ad)';
	const long = 'a'.repeat(64);
	const badPublicIds = ['ZeUTxl', '_', '_Ze UTxl', 'https://pf.kakao.com/_ZeUTxl', `_${long}`];
	it.each([
		...badPublicIds.map((value) => ['channel_public_id', value, PUBLIC_ID]),
		...['ad', '@', '@a d', '@a\u200bd', `@${long}`].map((value) => ['channel_uuid', value, UUID]),
	])('refuses %s %p', (field, value, rule) => {
		expect(refusedWith({ [field]: value })).toBe(`${field} ${rule}`);
	});
	it('names the legacy field a bad value came in', () => {
		const { channel_public_id: _p, channel_uuid: _u, ...rest } = SEED_BODY;
		const legacy = [{ plus_friend_public_id: 'FLX' }, { plus_friend_uuid: 'ad' }];
		const reasons = legacy.map((patch) => refused({ ...rest, ...patch }));
		expect(reasons).toEqual([`plus_friend_public_id ${PUBLIC_ID}`, `plus_friend_uuid ${UUID}`]);
	});
	it('bounds an updated_at that is passed through', () => {
		expect(refusedWith({ updated_at: 'x'.repeat(65) })).toBe(
			'updated_at is longer than 64 characters (Kakao sends an RFC 3339 date)',
		);
	});
});
describe('Include Other Fields: capped in depth and size', () => {
	it.each([
		['text', 0, false],
		[{ a: { b: 1 } }, 2, false],
		[{ a: { b: 1 } }, 1, true],
		[[1, [2, [3]]], 3, false],
		[[1, [2, [3]]], 2, true],
	])('counts depth from the field value: %j deeper than %p is %p', (value, depth, deeper) => {
		expect(nestedDeeperThan(value, depth)).toBe(deeper);
	});
	it(`keeps a field nested ${MAX_OTHER_FIELDS_DEPTH} levels, refuses one level more`, () => {
		const atCap = acceptedWith({ deep: nestedArray(MAX_OTHER_FIELDS_DEPTH) }, KEEP);
		expect(atCap.extra).toEqual({ deep: nestedArray(MAX_OTHER_FIELDS_DEPTH) });
		expect(refusedWith({ deep: nestedArray(MAX_OTHER_FIELDS_DEPTH + 1) }, KEEP)).toBe(
			'other field "deep" is nested deeper than 10 levels (the limit of Include Other Fields)',
		);
	});
	// A 30,000-level array, refused or dropped: KakaoChannelTrigger.options.test.ts.
	it(`keeps up to ${MAX_OTHER_FIELDS_BYTES} bytes of other fields as JSON, refuses more`, () => {
		const pad = 'x'.repeat(MAX_OTHER_FIELDS_BYTES - JSON.stringify({ pad: '' }).length);
		const atCap = acceptedWith({ pad }, KEEP);
		expect(Buffer.byteLength(JSON.stringify(atCap.extra))).toBe(MAX_OTHER_FIELDS_BYTES);
		expect(refusedWith({ pad: `${pad}x` }, KEEP)).toBe(
			`other fields take ${MAX_OTHER_FIELDS_BYTES + 1} bytes as JSON, more than ${MAX_OTHER_FIELDS_BYTES} (the limit of Include Other Fields)`,
		);
	});
	it('counts bytes, not characters, and all other fields together', () => {
		const hangul = '가'.repeat(2000); // 6,000 bytes each field
		expect(refusedWith({ a: hangul, b: hangul, c: hangul }, KEEP)).toMatch(
			/^other fields take 180\d\d bytes/,
		);
	});
	it('shortens a long key in the reason', () => {
		expect(refusedWith({ ['k'.repeat(500)]: nestedArray(11) }, KEEP).length).toBeLessThan(150);
	});
});
