import {
	parseEvent,
	toRfc3339Utc,
	type ParseOptions,
} from '../../../../nodes/KakaoChannelTrigger/webhook/event';
import {
	SAMPLE_EVENT as SEED_BODY,
	SAMPLE_LEGACY_EVENT as LEGACY_BODY,
} from '../../../support/kakaoWebhook';

const SEED_ITEM = { ...SEED_BODY, resource_id: 'Rvy1c2dkzBAZ5hGD3rqYbxvr' };

function ok(
	body: Record<string, unknown>,
	resourceId: string | null = 'Rvy1c2dkzBAZ5hGD3rqYbxvr',
	options: ParseOptions = {},
) {
	const result = parseEvent(body, resourceId, options);
	if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
	return result.event;
}

function reason(body: Record<string, unknown>, options: ParseOptions = {}): string {
	const result = parseEvent(body, null, options);
	if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.event)}`);
	return result.reason;
}

describe('parseEvent', () => {
	it('maps the seed sample to the documented item', () => {
		expect(ok(SEED_BODY)).toEqual(SEED_ITEM);
	});

	it('emits the blocked event the same way', () => {
		expect(ok({ ...SEED_BODY, event: 'blocked', id_type: 'open_id' })).toEqual({
			...SEED_ITEM,
			event: 'blocked',
			id_type: 'open_id',
		});
	});

	it('gives the same item for the legacy payload as for the new one', () => {
		expect(ok(LEGACY_BODY)).toEqual(ok(SEED_BODY));
	});

	it('maps plus_friend_public_id to channel_public_id', () => {
		const { channel_public_id: _omit, ...rest } = SEED_BODY;
		const event = ok({ ...rest, plus_friend_public_id: '_Legacy1' });
		expect(event.channel_public_id).toBe('_Legacy1');
		expect(event).not.toHaveProperty('plus_friend_public_id');
	});

	it('maps plus_friend_uuid to channel_uuid', () => {
		const { channel_uuid: _omit, ...rest } = SEED_BODY;
		const event = ok({ ...rest, plus_friend_uuid: '@legacy' });
		expect(event.channel_uuid).toBe('@legacy');
		expect(event).not.toHaveProperty('plus_friend_uuid');
	});

	it('maps timestamp (epoch ms, number) to updated_at as RFC 3339 UTC', () => {
		const { updated_at: _omit, ...rest } = SEED_BODY;
		const event = ok({ ...rest, timestamp: 1_622_520_000_000 });
		expect(event.updated_at).toBe('2021-06-01T04:00:00Z');
		expect(event).not.toHaveProperty('timestamp');
	});

	it('keeps milliseconds when the timestamp has them', () => {
		const { updated_at: _omit, ...rest } = SEED_BODY;
		expect(ok({ ...rest, timestamp: 1_622_520_000_123 }).updated_at).toBe(
			'2021-06-01T04:00:00.123Z',
		);
	});

	it('accepts timestamp as a numeric string', () => {
		const { updated_at: _omit, ...rest } = SEED_BODY;
		expect(ok({ ...rest, timestamp: '1577836800000' }).updated_at).toBe('2020-01-01T00:00:00Z');
	});

	it.each([
		['a word', 'yesterday'],
		['an ISO date', '2020-01-01T00:00:00Z'],
		['a negative number', -5],
		['NaN', Number.NaN],
		['Infinity', Number.POSITIVE_INFINITY],
		['an out-of-range number', 9e20],
		['a boolean', true],
		['an object', { ms: 1 }],
		['hex', '0x10'],
	])('refuses a non-numeric timestamp (%s) with 400', (_label, timestamp) => {
		const { updated_at: _omit, ...rest } = SEED_BODY;
		expect(reason({ ...rest, timestamp })).toBe('timestamp must be a number of epoch milliseconds');
	});

	it('lets the new fields win when both new and legacy ones are sent', () => {
		const event = ok({
			...SEED_BODY,
			plus_friend_public_id: '_Old',
			plus_friend_uuid: '@old',
			timestamp: 0,
		});
		expect(event).toEqual(SEED_ITEM);
	});

	it('ignores a malformed legacy timestamp when updated_at is there', () => {
		expect(ok({ ...SEED_BODY, timestamp: 'garbage' }).updated_at).toBe('2020-01-01T00:00:00Z');
	});

	it('normalises an RFC 3339 updated_at with an offset to UTC', () => {
		expect(ok({ ...SEED_BODY, updated_at: '2020-01-01T09:00:00+09:00' }).updated_at).toBe(
			'2020-01-01T00:00:00Z',
		);
	});

	it('passes a non-RFC 3339 updated_at through unchanged', () => {
		expect(ok({ ...SEED_BODY, updated_at: 'Jan 1 2020' }).updated_at).toBe('Jan 1 2020');
	});

	it('refuses a non-string updated_at', () => {
		expect(reason({ ...SEED_BODY, updated_at: 1577836800000 })).toBe('updated_at must be a string');
	});

	it.each([
		['an RFC 3339 updated_at', { updated_at: '2020-01-01T09:00:00+09:00' }, 1577836800000],
		['a legacy timestamp', { updated_at: undefined, timestamp: 1577836800123 }, 1577836800123],
		['an updated_at that is not RFC 3339', { updated_at: 'Jan 1 2020' }, null],
		['no date at all', { updated_at: undefined }, null],
	])('gives the age filter the date of %s, read once', (_label, patch, updatedAtMs) => {
		const result = parseEvent({ ...SEED_BODY, ...patch });
		expect(result).toMatchObject({ ok: true, updatedAtMs });
	});

	it('gives null for absent optional fields and for a missing resource id', () => {
		expect(ok({ event: 'blocked', id: '9' }, null)).toEqual({
			event: 'blocked',
			id: '9',
			id_type: null,
			channel_public_id: null,
			channel_uuid: null,
			updated_at: null,
			resource_id: null,
		});
	});

	it('turns a numeric id into a string', () => {
		expect(ok({ ...SEED_BODY, id: 1111 }).id).toBe('1111');
	});

	it('drops unknown fields by default', () => {
		const event = ok({ ...SEED_BODY, new_field: 1, nested: { a: true } });
		expect(event).toEqual(SEED_ITEM);
	});

	it('puts unknown fields under extra with includeOtherFields, and only when there are some', () => {
		expect(ok(SEED_BODY, undefined, { includeOtherFields: true })).not.toHaveProperty('extra');
		const event = ok({ ...SEED_BODY, new_field: 1, nested: { a: true } }, undefined, {
			includeOtherFields: true,
		});
		expect(event.extra).toEqual({ new_field: 1, nested: { a: true } });
		expect(event).not.toHaveProperty('new_field');
	});

	it('keeps a "__proto__" key as a plain field', () => {
		const body = JSON.parse('{"event":"added","id":"1","__proto__":{"polluted":true}}') as Record<
			string,
			unknown
		>;
		const event = ok(body, undefined, { includeOtherFields: true });
		expect(Object.getPrototypeOf(event.extra)).toBe(Object.prototype);
		expect(Object.keys(event.extra ?? {})).toEqual(['__proto__']);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	describe('malformed shapes (400)', () => {
		it.each([
			['absent', undefined],
			['null', null],
			['empty', ''],
		])('event %s', (_label, value) => {
			expect(reason({ ...SEED_BODY, event: value })).toBe('missing event');
		});

		it.each([
			['absent', undefined],
			['null', null],
			['empty', ''],
		])('id %s', (_label, value) => {
			expect(reason({ ...SEED_BODY, id: value })).toBe('missing id');
		});

		it.each([
			['an object', { v: 1 }],
			['an array', ['1']],
			['a boolean', true],
			['NaN', Number.NaN],
		])('id that is %s', (_label, value) => {
			expect(reason({ ...SEED_BODY, id: value })).toBe('id must be a string');
		});

		it.each([['deleted'], ['ADDED'], ['chat'], [' added']])('event %p', (value) => {
			expect(reason({ ...SEED_BODY, event: value })).toBe(
				`unsupported event ${JSON.stringify(value)} (expected "added" or "blocked")`,
			);
		});

		it('event that is not a string', () => {
			expect(reason({ ...SEED_BODY, event: ['added'] })).toMatch(/^unsupported event/);
			expect(reason({ ...SEED_BODY, event: 1 })).toMatch(/^unsupported event/);
		});

		it('shortens a long unsupported event in the reason', () => {
			const r = reason({ ...SEED_BODY, event: 'x'.repeat(5000) });
			expect(r.length).toBeLessThan(120);
		});

		it.each([
			['id_type', { id_type: 5 }],
			['channel_public_id', { channel_public_id: ['_FLX'] }],
			['channel_uuid', { channel_uuid: {} }],
			['plus_friend_public_id', { channel_public_id: undefined, plus_friend_public_id: 7 }],
			['plus_friend_uuid', { channel_uuid: undefined, plus_friend_uuid: false }],
		])('%s that is not a string', (field, patch) => {
			expect(reason({ ...SEED_BODY, ...patch })).toBe(`${field} must be a string`);
		});
	});
});

describe('toRfc3339Utc', () => {
	it('writes whole seconds without a fraction', () => {
		expect(toRfc3339Utc(0)).toBe('1970-01-01T00:00:00Z');
		expect(toRfc3339Utc(1577836800000)).toBe('2020-01-01T00:00:00Z');
	});

	it('gives undefined for an impossible date', () => {
		expect(toRfc3339Utc(9e20)).toBeUndefined();
	});
});
