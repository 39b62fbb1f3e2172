import { parseEvent, toRfc3339Utc } from '../../../../nodes/KakaoChannelTrigger/webhook/event';
import { SAMPLE_RESOURCE_ID } from '../../../support/kakaoWebhook';
import { KEEP_OTHERS, SEED_BODY, accepted, refusedWith } from './parse';

const SEED_ITEM = { ...SEED_BODY, resource_id: SAMPLE_RESOURCE_ID };
const ok = (body: Record<string, unknown>) => accepted(body, {}, SAMPLE_RESOURCE_ID);
const UNDATED = { updated_at: undefined };
const TIMESTAMP = 'timestamp must be a number of epoch milliseconds';

// The sample, the blocked event and the legacy payload as items: KakaoChannelTrigger.webhook.test.ts.
it.each([
	['plus_friend_public_id', '_Legacy1', 'channel_public_id', '_Legacy1'],
	['plus_friend_uuid', '@legacy', 'channel_uuid', '@legacy'],
	['timestamp', 1_622_520_000_000, 'updated_at', '2021-06-01T04:00:00Z'],
])('parseEvent maps the legacy %s %p to %s', (legacy, value, field, expected) => {
	const event = ok({ ...SEED_BODY, [field]: undefined, [legacy]: value });
	expect(event[field as keyof typeof event]).toBe(expected);
	expect(event).not.toHaveProperty(legacy);
});
// updated_at: from a legacy timestamp (ms kept, or a numeric string), from updated_at (a bad
// legacy timestamp beside it ignored), normalised to UTC when it is RFC 3339, else as is
it.each([
	[{ ...UNDATED, timestamp: 1_622_520_000_123 }, '2021-06-01T04:00:00.123Z'],
	[{ ...UNDATED, timestamp: '1577836800000' }, '2020-01-01T00:00:00Z'],
	[{ timestamp: 'garbage' }, '2020-01-01T00:00:00Z'],
	[{ updated_at: '2020-01-01T09:00:00+09:00' }, '2020-01-01T00:00:00Z'],
	[{ updated_at: 'Jan 1 2020' }, 'Jan 1 2020'],
])('%p: updated_at %p', (patch, updatedAt) => {
	expect(ok({ ...SEED_BODY, ...patch }).updated_at).toBe(updatedAt);
});
const NOT_NUMBERS = ['yesterday', '2020-01-01T00:00:00Z', '0x10', true, { ms: 1 }];
const NOT_MS = [...NOT_NUMBERS, -5, Number.NaN, Number.POSITIVE_INFINITY, 9e20];
it.each(NOT_MS)('refuses a timestamp that is not epoch milliseconds (%p) with 400', (timestamp) => {
	expect(refusedWith({ ...UNDATED, timestamp })).toBe(TIMESTAMP);
});
it('lets the new fields win when both new and legacy ones are sent', () => {
	const legacy = { plus_friend_public_id: '_Old', plus_friend_uuid: '@old', timestamp: 0 };
	expect(ok({ ...SEED_BODY, ...legacy })).toEqual(SEED_ITEM);
});
it.each([
	['an RFC 3339 updated_at', { updated_at: '2020-01-01T09:00:00+09:00' }, 1577836800000],
	['a legacy timestamp', { ...UNDATED, timestamp: 1577836800123 }, 1577836800123],
	['an updated_at that is not RFC 3339', { updated_at: 'Jan 1 2020' }, null],
	['no date at all', UNDATED, null],
])('gives the age filter the date of %s, read once', (_label, patch, updatedAtMs) => {
	expect(parseEvent({ ...SEED_BODY, ...patch })).toMatchObject({ ok: true, updatedAtMs });
});
it('gives null for absent optional fields and for a missing resource id', () => {
	const absent = { id_type: null, channel_public_id: null, channel_uuid: null, updated_at: null };
	const body = { event: 'blocked', id: '9' };
	expect(accepted(body)).toEqual({ ...body, ...absent, resource_id: null });
});
it('turns a numeric id into a string', () => {
	expect(ok({ ...SEED_BODY, id: 1111 }).id).toBe('1111');
});
it('drops unknown fields by default; with includeOtherFields, puts them under extra, only when there are some', () => {
	const unknown = { ...SEED_BODY, new_field: 1, nested: { a: true } };
	expect(ok(unknown)).toEqual(SEED_ITEM);
	expect(accepted(SEED_BODY, KEEP_OTHERS)).not.toHaveProperty('extra');
	const event = accepted(unknown, KEEP_OTHERS);
	expect(event.extra).toEqual({ new_field: 1, nested: { a: true } });
	expect(event).not.toHaveProperty('new_field');
});
it('keeps a "__proto__" key as a plain field', () => {
	const text = '{"event":"added","id":"1","__proto__":{"polluted":true}}';
	const event = accepted(JSON.parse(text) as Record<string, unknown>, KEEP_OTHERS);
	expect(Object.getPrototypeOf(event.extra)).toBe(Object.prototype);
	expect(Object.keys(event.extra ?? {})).toEqual(['__proto__']);
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
describe('parseEvent refuses malformed shapes (400)', () => {
	const unsupported = (shown: string) =>
		`unsupported event ${JSON.stringify(shown)} (expected "added" or "blocked")`;
	const each = (field: string, values: unknown[], reason: string) =>
		values.map((value): [Record<string, unknown>, string] => [{ [field]: value }, reason]);
	it.each<[Record<string, unknown>, string]>([
		...each('event', [undefined, null, ''], 'missing event'),
		...each('id', [undefined, null, ''], 'missing id'),
		...each('id', [{ v: 1 }, ['1'], true, Number.NaN], 'id must be a string'),
		...['deleted', 'ADDED', 'chat', ' added'].flatMap((e) => each('event', [e], unsupported(e))),
		[{ event: ['added'] }, unsupported('["added"]')],
		[{ event: 1 }, unsupported('1')],
		[{ id_type: 5 }, 'id_type must be a string'],
		[{ updated_at: 1577836800000 }, 'updated_at must be a string'],
		[{ channel_public_id: ['_FLX'] }, 'channel_public_id must be a string'],
		[{ channel_uuid: {} }, 'channel_uuid must be a string'],
		[
			{ channel_public_id: undefined, plus_friend_public_id: 7 },
			'plus_friend_public_id must be a string',
		],
		[{ channel_uuid: undefined, plus_friend_uuid: false }, 'plus_friend_uuid must be a string'],
	])('%p: %s', (patch, expected) => {
		expect(refusedWith(patch)).toBe(expected);
	});
	it('shortens a long unsupported event in the reason', () => {
		expect(refusedWith({ event: 'x'.repeat(5000) }).length).toBeLessThan(120);
	});
});
it('toRfc3339Utc gives whole seconds without a fraction, nothing for an impossible date', () => {
	const texts = [0, 1577836800000, 9e20].map((ms) => toRfc3339Utc(ms));
	expect(texts).toEqual(['1970-01-01T00:00:00Z', '2020-01-01T00:00:00Z', undefined]);
});
