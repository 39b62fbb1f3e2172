import {
	MAX_WARNING_KINDS,
	WARNING_INTERVAL_MS,
	WarningLimit,
} from '../../../../nodes/KakaoChannelTrigger/webhook/logLimit';

it('one line a minute per kind; the next says how many were left out', () => {
	const limit = new WarningLimit();
	const at = (seconds: number, kind = 'a') => limit.admit(kind, seconds * 1000);
	expect(WARNING_INTERVAL_MS).toBe(60_000);
	const firstMinute = [at(0), at(1), at(30), at(59.999), at(2, 'b')];
	expect(firstMinute).toEqual([0, undefined, undefined, undefined, 0]);
	expect([at(60), at(61), at(120), at(500)]).toEqual([3, undefined, 1, 0]);
});
it('remembers at most 1,000 kinds, forgetting the one written longest ago', () => {
	const limit = new WarningLimit();
	expect(MAX_WARNING_KINDS).toBe(1_000);
	for (let kind = 0; kind <= MAX_WARNING_KINDS; kind++) limit.admit(String(kind), kind);
	// Kind 0 was forgotten, so it is written again at once (and kind 1 makes room for it).
	expect([limit.admit('0', 2_000), limit.admit('2', 2_000)]).toEqual([0, undefined]);
	limit.clear();
	expect(limit.admit('2', 2_000)).toBe(0);
});
