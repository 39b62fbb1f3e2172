// Fault campaign, batched operations: Check Many Users, Customer File User > Add and Delete.
// Every fault once (recovered; a re-send after an unknown outcome is reported for writes) and for
// good (continueOnFail: exact accounting per batch and an item per unsent user, paired with its
// input item). Quota mid-run is in batched.quota.test.ts. Waits are recorded and skipped.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { CHANNEL, PARAMS, PATHS } from '../../../support/demo';
import { expectNodeError, expectNoSecrets, fresh, useEngine } from '../../../support/engineHelpers';
import { summaryOf } from '../actions/customerFileUser/fileUsers';
import {
	TIMEOUT_OPTION,
	callsTo,
	campaignFaults,
	triesFor,
	type CampaignFault,
	type WrongShape,
} from './campaign';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => undefined,
}));

// Demo data: file 437 on _ZeUTxl with members 1001 and 1002; 1004 and 1006 have added the channel.
const { emu, run } = useEngine();
const options = TIMEOUT_OPTION;

type Kind = 'relations' | 'add' | 'delete';
const OPERATIONS: Array<[string, Kind, IDataObject, IDataObject[], string, string, WrongShape]> = [
	[
		'Check Many Users',
		'relations',
		PARAMS.checkMany({ options: { channels: CHANNEL, ...options } }),
		[{ id: '1001' }, { id: '1002' }, { id: '1004' }],
		PATHS.multi,
		'[{"user_id":1001,"channels":[{"channel_pu',
		{ body: '{"user_id":1001}', problem: 'JSON of an unexpected shape (the answer is not a list)' },
	],
	[
		'Customer File User > Add',
		'add',
		PARAMS.add({ options }),
		[
			{ id: '1004', age: 1 },
			{ id: '1006', age: 2 },
		],
		PATHS.addUsers,
		'{"file_id":437,"request_count":2,"succ',
		{
			body: '{"file_id":437}',
			problem: 'JSON of an unexpected shape (no request_count and success_count)',
		},
	],
	[
		'Customer File User > Delete',
		'delete',
		PARAMS.delete({ options }),
		[{ id: '1001' }, { id: '1002' }],
		PATHS.deleteUsers,
		'{"result":',
		{ body: '[1]', problem: 'a body where none was expected' },
	],
];

const members = () => [...emu.files(CHANNEL)[0].members.keys()].sort();

describe.each(OPERATIONS)('%s', (_name, kind, parameters, items, path, cut, wrong) => {
	// Delete's documented answer is an empty 200: for it that is success, not a fault.
	const faults = campaignFaults(cut, wrong)
		.filter((fault) => !(kind === 'delete' && fault.name === 'an empty 200'))
		.map((fault) => [fault.name, fault] as const);

	it.each(faults)('%s once', async (_fault, fault) => {
		const baseline = await run(parameters, items);
		expect(baseline.error).toBeUndefined();
		const baselineMembers = members();
		fresh(emu);
		emu.injectFault({ fault: fault.fault, path, times: 1 });
		const result = await run(parameters, items);
		if (fault.class === 'quota') {
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toBe(fault.message(1));
			expect(error.description).toContain(
				`1 of 1 batch(es) failed; 0 user(s) were sent in the batches that succeeded, and ${items.length} user(s) were not sent. Input items not sent: 0-${items.length - 1}.`,
			);
			expect(callsTo(emu, path)).toBe(1);
			return;
		}
		expect(result.error).toBeUndefined();
		expect(callsTo(emu, path)).toBe(2);
		expect(members()).toEqual(baselineMembers);
		const expected = structuredClone(baseline.output!);
		if (kind !== 'relations' && fault.class === 'unknown') {
			// The write was sent again without knowing whether the first one was applied: said so.
			const summary = expected[0].json;
			summary.users_resent = items.length;
			(summary.batches as IDataObject[])[0].resent_after_unknown_outcome = 1;
		}
		expect(result.output).toEqual(expected);
		expectNoSecrets(result, emu);
	});

	it.each(faults)('%s every time, continue on fail', async (_fault, fault) => {
		emu.injectFault({ fault: fault.fault, path, times: Infinity });
		const result = await run(parameters, items, { continueOnFail: true });
		const tries = triesFor(fault);
		expect(result.error).toBeUndefined();
		expect(callsTo(emu, path)).toBe(tries);
		const ids = items.map((item) => String(item.id));
		expect(result.output).toEqual(expectedFailure(kind, ids, fault, tries));
		expectNoSecrets(result, emu);
	});
});

/** What the node must output when the only batch failed for good. */
function expectedFailure(
	kind: Kind,
	ids: string[],
	fault: CampaignFault,
	tries: number,
): INodeExecutionData[] {
	const message = fault.message(tries);
	const code = fault.fault.kind === 'kakao' ? { kakao_code: fault.fault.code } : {};
	const each = (json: (id: string) => IDataObject) =>
		ids.map((id, item) => ({ json: json(id), pairedItem: [{ item }] }));
	if (kind === 'relations') {
		// A read whose answer was lost was simply not checked: "failed", never "unknown".
		const failed = { checked: false, error: message, status: 'failed', batch: 1, ...code };
		return each((id) => ({ user_id: id, ...failed }));
	}
	const unknown = fault.class === 'unknown';
	const resent = unknown ? tries - 1 : 0;
	const status = unknown ? 'unknown' : 'failed';
	const batch = {
		batch: 1,
		users: ids.length,
		status,
		...(resent > 0 ? { resent_after_unknown_outcome: resent } : {}),
		error: message,
		...code,
	};
	const summary = summaryOf(kind, {
		input_items: ids.length,
		users_sent: 0,
		users_not_sent: unknown ? 0 : ids.length,
		users_outcome_unknown: unknown ? ids.length : 0,
		users_resent: resent > 0 ? ids.length : 0,
		...(kind === 'add' ? { request_count: 0, success_count: 0, not_added_count: 0 } : {}),
		batches: [batch],
		error: message,
	});
	const error = unknown ? `Outcome unknown, Kakao may have acted: ${message}` : message;
	return [
		{ json: summary, pairedItem: ids.map((_, item) => ({ item })) },
		...each((id) => ({ error, user_id: id, status, batch: 1, ...code })),
	];
}
