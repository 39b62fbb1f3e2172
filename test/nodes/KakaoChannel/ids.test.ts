// IDs stay exact end to end: 19-digit service user IDs (beyond 2^53) go to the emulator and come
// back in Kakao's answers as JSON numbers; the node reads them without rounding and outputs them
// as text. IDs beyond the signed 64-bit range are refused before any call.
import { seedDemo } from '../../kakao-emulator';
import { useKakaoEmulator } from '../../support/emulator';
import { CHANNEL, PARAMS, PATHS } from '../../support/demo';
import { expectNodeError, jsonOf, runnerFor } from '../../support/engineHelpers';

const BIG = '9223372036854775807'; // the largest signed 64-bit integer
const NEAR = '9223372036854775806'; // rounds to the same double as BIG
const PAST = '9223372036854775808'; // one past the 64-bit range
const BLOCKED = { relation: 'BLOCKED' as const, updated_at: '2025-02-01T00:00:00Z' };
const AT = '2025-01-01T00:00:00Z';
const ADDED = { relation: 'ADDED' as const, created_at: AT, updated_at: AT };

const emu = useKakaoEmulator({
	seed: (running) => {
		seedDemo(running);
		running.addUser({ id: BIG, relations: { [CHANNEL]: ADDED } });
		running.addUser({ id: NEAR, relations: { [CHANNEL]: BLOCKED } });
	},
});
const run = runnerFor(emu);

it('the emulator answers 19-digit IDs as exact JSON numbers, which JSON.parse would round', async () => {
	const response = await fetch(
		`${emu.baseUrl}${PATHS.multi}?target_id_type=user_id&target_ids=${BIG},${NEAR}`,
		{ headers: { Authorization: `KakaoAK ${emu.adminKey}` } },
	);
	const text = await response.text();
	expect(text).toContain(`"user_id":${BIG},`);
	expect(text).toContain(`"user_id":${NEAR},`);
	expect(String((JSON.parse(text) as Array<{ user_id: number }>)[1].user_id)).not.toBe(NEAR);
});

it('Check Many Users: two 19-digit IDs one apart keep their own relations', async () => {
	const items = [{ id: BIG }, { id: NEAR }];
	const result = await run(PARAMS.checkMany({ options: { channels: CHANNEL } }), items);
	expect(result.error).toBeUndefined();
	expect(emu.requests.map((r) => r.query.target_ids)).toEqual([`${BIG},${NEAR}`]);
	expect(jsonOf(result.output).map((json) => [json.user_id, json.relation, json.checked])).toEqual([
		[BIG, 'ADDED', true],
		[NEAR, 'BLOCKED', true],
	]);
});

it('Get: a 19-digit ID is sent and read back exactly', async () => {
	const result = await run(PARAMS.get({ userId: NEAR }));
	expect(result.error).toBeUndefined();
	expect(emu.requests.map((r) => [r.path, r.query.target_id])).toEqual([[PATHS.relation, NEAR]]);
	expect(jsonOf(result.output)).toEqual([
		{ user_id: NEAR, channel_public_id: CHANNEL, channel_uuid: '@테스트', ...BLOCKED },
	]);
});

it('Add: a 19-digit ID is sent as its exact digits (without fields: an empty field object) and counted', async () => {
	const result = await run(PARAMS.add({ fields: {} }), [{ id: BIG }]);
	expect(result.error).toBeUndefined();
	expect(emu.requests.map((r) => [r.path, (r.body as { users: unknown }).users])).toEqual([
		[PATHS.addUsers, [{ id: BIG, field: {} }]],
	]);
	expect(emu.requests[0].rawBody).toContain(`"id":"${BIG}"`);
	const counts = { users_sent: 1, request_count: 1, success_count: 1 };
	expect(jsonOf(result.output)[0]).toMatchObject(counts);
	expect(emu.files(CHANNEL)[0].members.has(BIG)).toBe(true);
});

it.each([
	['Check Many Users', PARAMS.checkMany(), `User ID "${PAST}" of item 1 is not a service user ID`],
	// Get runs item by item: item 0 (the good ID) would be sent first, so it gets the bad one only.
	['Get', PARAMS.get({ userId: '={{ $json.id }}' }), `User ID "${PAST}" is not a service user ID`],
	['Add', PARAMS.add(), `User ID "${PAST}" of item 1 is not a valid App User ID`],
])('%s: an ID past 64 bits is refused before any call', async (op, parameters, message) => {
	const items = op === 'Get' ? [{ id: PAST }] : [{ id: BIG }, { id: PAST }];
	const error = expectNodeError(await run(parameters, items), 'NodeOperationError', emu);
	expect(error.message).toBe(message);
	expect(error.description).toContain('9223372036854775807');
	expect(emu.requests).toHaveLength(0);
});
