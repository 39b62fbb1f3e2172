import {
	MAX_AGE_MINUTES,
	parseChannelFilter,
	readTriggerOptions,
} from '../../../../nodes/KakaoChannelTrigger/webhook/readOptions';
import { channelAllowed } from '../../../../nodes/KakaoChannelTrigger/webhook/filter';

type Id = string | null;
const event = (id: Id, uuid: Id = null) => ({ channel_public_id: id, channel_uuid: uuid });

describe('readTriggerOptions', () => {
	it('gives everything off for an empty collection, and reads each option', () => {
		const flags = ['includeOtherFields', 'includeDeliveryHeaders', 'onlyKakaoServers'];
		const switches = (on: boolean) => Object.fromEntries(flags.map((flag) => [flag, on]));
		const none = { publicIds: new Set(), uuids: new Set(), invalid: [], active: false };
		const off = { channels: none, ...switches(false), ignoreOlderThanMinutes: 0 };
		expect(readTriggerOptions({})).toEqual({ ok: true, options: off });
		expect(readTriggerOptions(undefined)).toEqual(readTriggerOptions({}));
		const read = readTriggerOptions({ channelIds: '_FLX', ...switches(true), ignoreOlderThan: 90 });
		const flx = { ...none, publicIds: new Set(['_FLX']), active: true };
		const on = { channels: flx, ...switches(true), ignoreOlderThanMinutes: 90 };
		expect(read).toEqual({ ok: true, options: on });
	});
	const bad = [-1, Number.NaN, '60', MAX_AGE_MINUTES + 1, Number.POSITIVE_INFINITY];
	const reason = `Max Event Age must be a number of minutes from 0 (off) to ${MAX_AGE_MINUTES}`;
	it.each(bad)('refuses Max Event Age %p instead of turning it off', (ignoreOlderThan) => {
		expect(readTriggerOptions({ ignoreOlderThan })).toEqual({ ok: false, reason });
	});
});
describe('parseChannelFilter / channelAllowed', () => {
	type Filter = ReturnType<typeof parseChannelFilter>;
	/** Whether the filter lets through events from these public IDs. */
	const allows = (filter: Filter, ...ids: Array<string | null>) =>
		ids.map((id) => channelAllowed(filter, event(id)));
	it.each([[undefined], [''], ['  ,  , '], [[]], [null]])(
		'an empty filter (%p) accepts all',
		(input) => {
			const filter = parseChannelFilter(input);
			expect(filter.active).toBe(false);
			expect(allows(filter, '_FLX', null)).toEqual([true, true]);
		},
	);
	it('accepts listed public IDs only', () => {
		const filter = parseChannelFilter('_FLX, _Other');
		const verdicts = allows(filter, '_FLX', '_Other', '_flx', '_Nope', null);
		expect(verdicts).toEqual([true, true, false, false, false]);
	});
	it('reads pf.kakao.com URLs and newlines', () => {
		const filter = parseChannelFilter('https://pf.kakao.com/_FLX/chat\npf.kakao.com/_Two');
		expect([...filter.publicIds]).toEqual(['_FLX', '_Two']);
		expect(allows(filter, '_Two')).toEqual([true]);
	});
	it('matches @search IDs against channel_uuid, case-insensitively on both sides', () => {
		const filter = parseChannelFilter('@Ad');
		const sent = ['@ad', '@AD', '@other', null];
		const uuids = sent.map((uuid) => channelAllowed(filter, event('_X', uuid)));
		expect(uuids).toEqual([true, true, false, false]);
	});
	it('never widens to all channels when every entry is invalid', () => {
		const filter = parseChannelFilter('not a channel, http://example.com/_FLX');
		expect(filter.active).toBe(true);
		expect(filter.invalid).toEqual(['not a channel', 'http://example.com/_FLX']);
		expect(channelAllowed(filter, event('_FLX', '@ad'))).toBe(false);
	});
	it('accepts an array too', () => {
		expect(allows(parseChannelFilter(['_FLX']), '_FLX')).toEqual([true]);
	});
});
