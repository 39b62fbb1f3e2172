import { eventSelected, staleReason } from '../../../../nodes/KakaoChannelTrigger/webhook/filter';

it('eventSelected selects only listed events', () => {
	const lists = [['added', 'blocked'], ['blocked'], [], undefined, 'added'];
	// only the first one selects 'added'
	expect(lists.filter((list) => eventSelected(list, 'added'))).toEqual([lists[0]]);
});
describe('staleReason', () => {
	const now = Date.parse('2026-01-01T12:00:00Z');
	const dated = (text: string) => [text, Date.parse(text)] as const;
	it('is off at 0 minutes', () => {
		expect(staleReason(...dated('2020-01-01T00:00:00Z'), 0, now)).toBeUndefined();
	});
	it('lets an event through up to the limit, and names the age beyond it', () => {
		expect(staleReason(...dated('2026-01-01T11:00:00Z'), 60, now)).toBeUndefined();
		expect(staleReason(...dated('2026-01-01T10:59:59Z'), 60, now)).toBe(
			'updated_at 2026-01-01T10:59:59Z is 60 minutes old, more than Max Event Age (60 minutes)',
		);
		// 2,192 days and 12 hours
		const years = staleReason(...dated('2020-01-01T00:00:00Z'), 60, now);
		expect(years).toMatch(/^updated_at 2020-01-01T00:00:00Z is 3157200 minutes old/);
	});
	it('runs events it cannot date, and events from the future', () => {
		expect(staleReason(null, null, 1, now)).toBeUndefined();
		expect(staleReason('Jan 1 2020', null, 1, now)).toBeUndefined();
		expect(staleReason(...dated('2027-01-01T00:00:00Z'), 1, now)).toBeUndefined();
	});
});
