import { eventSelected, staleReason } from '../../../../nodes/KakaoChannelTrigger/webhook/filter';

describe('eventSelected', () => {
	it('selects only listed events', () => {
		expect(eventSelected(['added', 'blocked'], 'added')).toBe(true);
		expect(eventSelected(['blocked'], 'added')).toBe(false);
		expect(eventSelected([], 'added')).toBe(false);
		expect(eventSelected(undefined, 'added')).toBe(false);
		expect(eventSelected('added', 'added')).toBe(false);
	});
});

describe('staleReason', () => {
	const now = Date.parse('2026-01-01T12:00:00Z');

	it('is off at 0 minutes', () => {
		expect(
			staleReason('2020-01-01T00:00:00Z', Date.parse('2020-01-01T00:00:00Z'), 0, now),
		).toBeUndefined();
	});

	const dated = (text: string) => [text, Date.parse(text)] as const;

	it('lets an event through up to the limit, and names the age beyond it', () => {
		expect(staleReason(...dated('2026-01-01T11:00:00Z'), 60, now)).toBeUndefined();
		expect(staleReason(...dated('2026-01-01T10:59:59Z'), 60, now)).toBe(
			'updated_at 2026-01-01T10:59:59Z is 60 minutes old, more than Max Event Age (60 minutes)',
		);
		expect(staleReason(...dated('2020-01-01T00:00:00Z'), 60, now)).toMatch(
			/^updated_at 2020-01-01T00:00:00Z is 3157200 minutes old/,
		); // 2,192 days and 12 hours
	});

	it('runs events it cannot date, and events from the future', () => {
		expect(staleReason(null, null, 1, now)).toBeUndefined();
		expect(staleReason('Jan 1 2020', null, 1, now)).toBeUndefined();
		expect(staleReason(...dated('2027-01-01T00:00:00Z'), 1, now)).toBeUndefined();
	});
});
