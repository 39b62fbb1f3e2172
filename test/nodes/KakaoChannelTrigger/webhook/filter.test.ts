import {
	channelAllowed,
	eventSelected,
	parseChannelFilter,
} from '../../../../nodes/KakaoChannelTrigger/webhook/filter';

const event = (channel_public_id: string | null, channel_uuid: string | null = null) => ({
	channel_public_id,
	channel_uuid,
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

describe('eventSelected', () => {
	it('selects only listed events', () => {
		expect(eventSelected(['added', 'blocked'], 'added')).toBe(true);
		expect(eventSelected(['blocked'], 'added')).toBe(false);
		expect(eventSelected([], 'added')).toBe(false);
		expect(eventSelected(undefined, 'added')).toBe(false);
		expect(eventSelected('added', 'added')).toBe(false);
	});
});
