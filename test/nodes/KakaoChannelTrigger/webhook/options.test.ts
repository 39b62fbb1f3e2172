import {
	MAX_AGE_MINUTES,
	optionFields,
	readDeliveryHeaders,
	readTriggerOptions,
	staleReason,
} from '../../../../nodes/KakaoChannelTrigger/webhook/options';

describe('readTriggerOptions', () => {
	it('gives everything off for an empty collection', () => {
		expect(readTriggerOptions({})).toEqual({
			ok: true,
			options: {
				channelIds: undefined,
				includeOtherFields: false,
				includeDeliveryHeaders: false,
				ignoreOlderThanMinutes: 0,
			},
		});
		expect(readTriggerOptions(undefined)).toMatchObject({
			ok: true,
			options: { ignoreOlderThanMinutes: 0 },
		});
	});

	it('reads each option', () => {
		expect(
			readTriggerOptions({
				channelIds: '_FLX',
				includeOtherFields: true,
				includeDeliveryHeaders: true,
				ignoreOlderThan: 90,
			}),
		).toEqual({
			ok: true,
			options: {
				channelIds: '_FLX',
				includeOtherFields: true,
				includeDeliveryHeaders: true,
				ignoreOlderThanMinutes: 90,
			},
		});
	});

	it.each([[-1], [Number.NaN], ['60'], [MAX_AGE_MINUTES + 1], [Number.POSITIVE_INFINITY]])(
		'refuses Ignore Events Older Than %p instead of turning it off',
		(value) => {
			expect(readTriggerOptions({ ignoreOlderThan: value })).toEqual({
				ok: false,
				reason: `Ignore Events Older Than must be a number of minutes from 0 (off) to ${MAX_AGE_MINUTES}`,
			});
		},
	);

	it('offers the three options in the order n8n lists them, each off until added', () => {
		expect(optionFields.map((field) => [field.name, field.type])).toEqual([
			['ignoreOlderThan', 'number'],
			['includeDeliveryHeaders', 'boolean'],
			['includeOtherFields', 'boolean'],
		]);
		expect(optionFields.find((field) => field.name === 'includeOtherFields')?.default).toBe(false);
	});
});

describe('readDeliveryHeaders', () => {
	const kakao = {
		authorization: 'KakaoAK secret-admin-key',
		'x-kakao-resource-id': 'Rvy1c2dkzBAZ5hGD3rqYbxvr',
		'user-agent': 'KakaoOpenAPI/1.0',
		'content-type': 'application/json',
		cookie: 'session=1',
		'x-forwarded-for': '10.0.0.1',
	};

	it('copies exactly the resource id and the user agent, never Authorization or another header', () => {
		const result = readDeliveryHeaders(kakao);
		expect(result).toEqual({
			ok: true,
			headers: {
				'x-kakao-resource-id': 'Rvy1c2dkzBAZ5hGD3rqYbxvr',
				'user-agent': 'KakaoOpenAPI/1.0',
			},
		});
		expect(JSON.stringify(result)).not.toContain('secret-admin-key');
	});

	it('gives null for a missing or empty header', () => {
		expect(readDeliveryHeaders({ 'user-agent': '  ' })).toEqual({
			ok: true,
			headers: { 'x-kakao-resource-id': null, 'user-agent': null },
		});
	});

	it('refuses a header longer than 256 characters', () => {
		expect(readDeliveryHeaders({ ...kakao, 'user-agent': 'u'.repeat(257) })).toEqual({
			ok: false,
			reason: 'user-agent header is longer than 256 characters',
		});
	});
});

describe('staleReason', () => {
	const now = Date.parse('2026-01-01T12:00:00Z');

	it('is off at 0 minutes', () => {
		expect(staleReason('2020-01-01T00:00:00Z', 0, now)).toBeUndefined();
	});

	it('lets an event through up to the limit, and names the age beyond it', () => {
		expect(staleReason('2026-01-01T11:00:00Z', 60, now)).toBeUndefined();
		expect(staleReason('2026-01-01T10:59:59Z', 60, now)).toBe(
			'updated_at 2026-01-01T10:59:59Z is 60 minutes old, more than the 60 of Ignore Events Older Than',
		);
		expect(staleReason('2020-01-01T00:00:00Z', 60, now)).toMatch(
			/^updated_at 2020-01-01T00:00:00Z is 3157200 minutes old/,
		); // 2,192 days and 12 hours
	});

	it('runs events it cannot date, and events from the future', () => {
		expect(staleReason(null, 1, now)).toBeUndefined();
		expect(staleReason('Jan 1 2020', 1, now)).toBeUndefined();
		expect(staleReason('2027-01-01T00:00:00Z', 1, now)).toBeUndefined();
	});
});
