// Fault campaign, operations that call Kakao once per item: Channel Relation > Get, Customer
// File > Get Many and Create. Every fault once (the node recovers, or says why it must not) and
// every fault for good (continueOnFail: an error item paired with the item, naming the tries).
// n8n-workflow's sleep is recorded and skipped, as in transport/errors-and-retries.test.ts.
import type { IDataObject } from 'n8n-workflow';

import { CHANNEL, PARAMS, PATHS } from '../../../support/demo';
import {
	expectNodeError,
	expectNoSecrets,
	fresh,
	useEngine,
	withoutClock,
} from '../../../support/engineHelpers';
import { TIMEOUT_OPTION, callsTo, campaignFaults, triesFor, type WrongShape } from './campaign';

const sleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => void sleeps.push(ms) };
});

const { emu, run } = useEngine();
beforeEach(() => (sleeps.length = 0));

const options = TIMEOUT_OPTION;
const CHANNEL_ANSWER =
	'{"user_id":1001,"channels":[{"channel_public_id":"_ZeUTxl","relation":"MAYBE"}]}';
const OPERATIONS: Array<[string, IDataObject, string, string, WrongShape]> = [
	[
		'Channel Relation > Get',
		PARAMS.get({ options }),
		PATHS.relation,
		'{"user_id":1001,"channels":[{"channel_uuid":"@',
		{
			body: CHANNEL_ANSWER,
			problem:
				'JSON of an unexpected shape (the answer.channels[0].relation is not ADDED, BLOCKED or NONE)',
		},
	],
	[
		'Customer File > Get Many',
		PARAMS.getAll({ options }),
		PATHS.files,
		'{"results":[{"file_id":437,"file_na',
		{ body: '{"files":[]}', problem: 'JSON of an unexpected shape (no results list)' },
	],
	[
		'Customer File > Create',
		PARAMS.create({ fileName: 'campaign', options }),
		PATHS.createFile,
		'{"file_id":4',
		{ body: '{"id":438}', problem: 'JSON of an unexpected shape (no integer file_id)' },
	],
];

describe.each(OPERATIONS)('%s', (name, parameters, path, cut, wrong) => {
	const faults = campaignFaults(cut, wrong).map((fault) => [fault.name, fault] as const);
	// A file is never created twice: an unknown outcome is not re-sent.
	const retryUnknown = name !== 'Customer File > Create';

	it.each(faults)('%s once', async (_fault, fault) => {
		const baseline = await run(parameters);
		expect(baseline.error).toBeUndefined();
		fresh(emu);
		emu.injectFault({ fault: fault.fault, path, times: 1 });
		const result = await run(parameters);
		if (fault.class === 'quota') {
			expect(expectNodeError(result, 'NodeApiError', emu).message).toBe(fault.message(1));
			expect(callsTo(emu, path)).toBe(1);
		} else if (fault.class === 'unknown' && !retryUnknown) {
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toBe(fault.message(1));
			expect(error.description).toContain('was not sent again');
			expect(callsTo(emu, path)).toBe(1);
			expect(sleeps).toEqual([]);
			// The file exists exactly when the server got as far as applying the request.
			const applied = fault.fault.kind === 'dropAfterApply' || fault.fault.kind === 'latency';
			expect(emu.files(CHANNEL).some((file) => file.file_name === 'campaign')).toBe(applied);
		} else {
			expect(result.error).toBeUndefined();
			expect(withoutClock(result.output)).toEqual(withoutClock(baseline.output));
			expect(callsTo(emu, path)).toBe(2);
			expect(sleeps).toEqual([500]);
		}
		expectNoSecrets(result, emu);
	});

	it.each(faults)('%s every time, continue on fail', async (_fault, fault) => {
		emu.injectFault({ fault: fault.fault, path, times: Infinity });
		const result = await run(parameters, undefined, { continueOnFail: true });
		const tries = triesFor(fault, retryUnknown);
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{ json: { error: fault.message(tries) }, pairedItem: { item: 0 } },
		]);
		expect(callsTo(emu, path)).toBe(tries);
		expectNoSecrets(result, emu);
	});
});
