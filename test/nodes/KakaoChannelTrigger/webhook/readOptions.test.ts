import {
	MAX_AGE_MINUTES,
	parseChannelFilter,
	readTriggerOptions,
} from '../../../../nodes/KakaoChannelTrigger/webhook/readOptions';
import { channelAllowed } from '../../../../nodes/KakaoChannelTrigger/webhook/filter';

const event = (channel_public_id: string | null, channel_uuid: string | null = null) => ({
	channel_public_id,
	channel_uuid,
});

describe('readTriggerOptions', () => {
	it('gives everything off for an empty collection', () => {
		expect(readTriggerOptions({})).toEqual({
			ok: true,
			options: {
				channels: { publicIds: new Set(), uuids: new Set(), invalid: [], active: false },
				includeOtherFields: false,
				includeDeliveryHeaders: false,
				ignoreOlderThanMinutes: 0,
				onlyKakaoServers: false,
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
				onlyKakaoServers: true,
			}),
		).toEqual({
			ok: true,
			options: {
				channels: { publicIds: new Set(['_FLX']), uuids: new Set(), invalid: [], active: true },
				includeOtherFields: true,
				includeDeliveryHeaders: true,
				ignoreOlderThanMinutes: 90,
				onlyKakaoServers: true,
			},
		});
	});

	it.each([-1, Number.NaN, '60', MAX_AGE_MINUTES + 1, Number.POSITIVE_INFINITY])(
		'refuses Max Event Age %p instead of turning it off',
		(value) => {
			expect(readTriggerOptions({ ignoreOlderThan: value })).toEqual({
				ok: false,
				reason: `Max Event Age must be a number of minutes from 0 (off) to ${MAX_AGE_MINUTES}`,
			});
		},
	);
});

describe('parseChannelFilter / channelAllowed', () => {
	it.each([[undefined], [''], ['  ,  , '], [[]], [null]])(
		'an empty filter (%p) accepts all',
		(input) => {
			const filter = parseChannelFilter(input);
			expect(filter.active).toBe(false);
			expect(channelAllowed(filter, event('_FLX'))).toBe(true);
			expect(channelAllowed(filter, event(null))).toBe(true);
		},
	);

	it('accepts listed public IDs only', () => {
		const filter = parseChannelFilter('_FLX, _Other');
		expect(channelAllowed(filter, event('_FLX'))).toBe(true);
		expect(channelAllowed(filter, event('_Other'))).toBe(true);
		expect(channelAllowed(filter, event('_flx'))).toBe(false);
		expect(channelAllowed(filter, event('_Nope'))).toBe(false);
		expect(channelAllowed(filter, event(null))).toBe(false);
	});

	it('reads pf.kakao.com URLs and newlines', () => {
		const filter = parseChannelFilter('https://pf.kakao.com/_FLX/chat\npf.kakao.com/_Two');
		expect([...filter.publicIds]).toEqual(['_FLX', '_Two']);
		expect(channelAllowed(filter, event('_Two'))).toBe(true);
	});

	it('matches @search IDs against channel_uuid, case-insensitively', () => {
		const filter = parseChannelFilter('@Ad');
		expect(channelAllowed(filter, event('_X', '@ad'))).toBe(true);
		expect(channelAllowed(filter, event('_X', '@other'))).toBe(false);
		expect(channelAllowed(filter, event('_X', null))).toBe(false);
	});

	it('never widens to all channels when every entry is invalid', () => {
		const filter = parseChannelFilter('not a channel, http://example.com/_FLX');
		expect(filter.active).toBe(true);
		expect(filter.invalid).toEqual(['not a channel', 'http://example.com/_FLX']);
		expect(channelAllowed(filter, event('_FLX', '@ad'))).toBe(false);
	});

	it('accepts an array too', () => {
		expect(channelAllowed(parseChannelFilter(['_FLX']), event('_FLX'))).toBe(true);
	});
});
