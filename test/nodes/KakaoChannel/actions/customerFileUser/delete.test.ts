// Customer File User > Delete: user IDs sent as strings in batches of 2,000, one summary per file.
import type { IDataObject } from 'n8n-workflow';

import { CHANNEL, PARAMS, PATHS, rl } from '../../../../support/demo';
import { expectNoSecrets, jsonOf, pairedOf, useEngine } from '../../../../support/engineHelpers';
import { bodiesOf, fileBody, summaryOf, type DeleteBody } from './fileUsers';

const { emu, run } = useEngine(); // demo data: file 437 on _ZeUTxl with members 1001 and 1002
const members = () => [...emu.files(CHANNEL)[0].members.keys()].sort();
const TWO = [{ id: '1001' }, { id: '1002' }];
const sent = (batch: number, users: number) => ({ batch, users, status: 'sent' });

it('sends POST delete/target_users with the REST API key and user_ids as strings, and outputs one summary', async () => {
	const result = await run(PARAMS.delete(), [{ id: '1001' }, { id: 1005 }]);
	expect(result.error).toBeUndefined();
	// Method, path, key and content type: actions/operations.test.ts.
	const body = fileBody({ user_ids: ['1001', '1005'] });
	expect(emu.requests.map((r) => [r.body, r.status])).toEqual([[body, 200]]);
	expect(emu.requests[0].rawBody).toContain('"file_id":437,');
	const batches = [sent(1, 2)];
	const json = summaryOf('delete', { input_items: 2, users_sent: 2, batches });
	expect(result.output).toEqual([{ json, pairedItem: [{ item: 0 }, { item: 1 }] }]);
	expect(members()).toEqual(['1002']);
});

it('phone numbers are sent in the 82 form; repeated users are merged and reported', async () => {
	const channel = rl(`https://pf.kakao.com/${CHANNEL}`, 'url');
	const phones = ['010-1234-5678', '+82 10 2345 6789', '821012345678', '01023456789'];
	const items = phones.map((id) => ({ id }));
	const result = await run(PARAMS.delete({ userType: 'phone', channel }), items);
	expect(result.error).toBeUndefined();
	const user_ids = ['821012345678', '821023456789'];
	expect(bodiesOf(emu)).toEqual([fileBody({ user_type: 'phone', user_ids })]);
	const merged = { input_items: 4, unique_users: 2, duplicate_users_merged: 2 };
	expect(result.output![0].json).toMatchObject({ ...merged, users_sent: 2, calls: 1 });
	expect(pairedOf(result.output)).toEqual([[0, 1, 2, 3]]);
	expect(members()).toEqual([]);
});

it('2,001 users are sent in exactly 2 calls (2000 + 1), every user once', async () => {
	const ids = Array.from({ length: 2001 }, (_, k) => String(40000 + k));
	const items: IDataObject[] = ids.map((id) => ({ id }));
	items.push({ id: ids[0] }, { id: Number(ids[2000]) });
	const result = await run(PARAMS.delete(), items);
	expect(result.error).toBeUndefined();
	const bodies = bodiesOf<DeleteBody>(emu).sort((a, b) => b.user_ids.length - a.user_ids.length);
	expect(bodies).toEqual([
		fileBody({ user_ids: ids.slice(0, 2000) }),
		fileBody({ user_ids: ids.slice(2000) }),
	]);
	const batches = [sent(1, 2000), sent(2, 1)];
	const counts = { input_items: 2003, unique_users: 2001, users_sent: 2001, calls: 2, batches };
	expect(jsonOf(result.output)).toEqual([summaryOf('delete', counts)]);
	expect(pairedOf(result.output)).toEqual([items.map((_, k) => k)]);
});

it('continue on fail: bad items become error items; the valid ones are still sent', async () => {
	const items = [{ id: '1002' }, { id: 'nobody' }, { id: '1001' }];
	const result = await run(PARAMS.delete(), items, { continueOnFail: true });
	expect(bodiesOf<DeleteBody>(emu).map((body) => body.user_ids)).toEqual([['1002', '1001']]);
	expect(jsonOf(result.output)).toEqual([
		expect.objectContaining({ operation: 'delete', input_items: 2, users_sent: 2 }),
		{ error: 'User ID "nobody" of item 1 is not a valid App User ID' },
	]);
	expect(pairedOf(result.output)).toEqual([[0, 2], [1]]);
	expect(members()).toEqual([]);
});

it('continue on fail: a failing call gives a summary with the error (paired with every item, as none was sent) and an error item per unsent user', async () => {
	const fault = { kind: 'kakao' as const, code: -819 };
	emu.injectFault({ fault, path: PATHS.deleteUsers, times: Infinity });
	const result = await run(PARAMS.delete(), TWO, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	const error = 'Kakao API error -819: the channel is not connected to the app';
	const failed = { status: 'failed', batch: 1, kakao_code: -819 };
	const batch = { batch: 1, users: 2, status: 'failed', error, kakao_code: -819 };
	const notSent = { input_items: 2, users_sent: 0, users_not_sent: 2 };
	const summary = summaryOf('delete', { ...notSent, batches: [batch], error });
	expect(result.output).toEqual([
		{ json: summary, pairedItem: [{ item: 0 }, { item: 1 }] },
		{ json: { error, user_id: '1001', ...failed }, pairedItem: [{ item: 0 }] },
		{ json: { error, user_id: '1002', ...failed }, pairedItem: [{ item: 1 }] },
	]);
	expectNoSecrets(result, emu);
});

describe('a 2XX is success only when it is empty (or {})', () => {
	const contentType = 'application/json;charset=UTF-8';
	const answerWith = (body: string, times = 1) => {
		const fault = { kind: 'http', status: 200, body, contentType } as const;
		return emu.injectFault({ fault, path: PATHS.deleteUsers, times });
	};
	// Timeout 1 s: the unknown outcome is re-sent within 2 s instead of 30.
	const deleteTwo = () =>
		run(PARAMS.delete({ options: { timeout: 1 } }), TWO, { continueOnFail: true });

	it('{} is success', async () => {
		answerWith('{}');
		const [summary] = jsonOf((await deleteTwo()).output);
		expect(summary).toMatchObject({ users_sent: 2, users_not_sent: 0, calls: 1 });
	});

	it("Kakao's {code, msg} with HTTP 200 is Kakao refusing: batch failed with kakao_code, users not sent", async () => {
		answerWith('{"code":-816,"msg":"invalid file id"}');
		const [summary, ...unsent] = jsonOf((await deleteTwo()).output);
		const error = 'Kakao API error -816: bad or unknown customer file ID';
		const batches = [{ batch: 1, users: 2, status: 'failed', kakao_code: -816, error }];
		const counts = { users_sent: 0, users_not_sent: 2, users_outcome_unknown: 0, calls: 1 };
		expect(summary).toMatchObject({ ...counts, batches });
		const failed = { status: 'failed', kakao_code: -816 };
		expect(unsent).toMatchObject(['1001', '1002'].map((user_id) => ({ user_id, ...failed })));
		expect(emu.requests).toHaveLength(1);
	});

	it("a proxy's JSON with HTTP 200 is an unknown outcome (re-sent, then reported), never success", async () => {
		answerWith('{"error":"upstream timed out"}', Infinity);
		const result = await deleteTwo();
		const error =
			/^Kakao answered HTTP 200 with a body where none was expected \(tried \d times\)$/;
		const batches = [{ status: 'unknown', error: expect.stringMatching(error) }];
		const [summary] = jsonOf(result.output);
		expect(summary).toMatchObject({ users_sent: 0, users_outcome_unknown: 2, batches });
		expectNoSecrets(result, emu);
	});
});
