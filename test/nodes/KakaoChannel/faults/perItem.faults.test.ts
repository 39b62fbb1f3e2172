// Fault campaign, operations that call Kakao once per item: Channel Relation > Get, Customer
// File > Get Many and Create. Every fault once (the node recovers, or says why it must not) and
// every fault for good (continueOnFail: an error item paired with the item, naming the tries).
// n8n-workflow's sleep is recorded and skipped, as in transport/errors-and-retries.test.ts.
import type { IDataObject } from 'n8n-workflow';

import { seedDemo } from '../../../kakao-emulator';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import {
	CHANNEL,
	CREATE_FILE_PATH,
	RELATION_PATH,
	VIEW_FILES_PATH,
	apiCredentials,
	expectNoSecrets,
	expectNodeError,
	rl,
} from '../../../support/engineHelpers';
import { campaignFaults, TIMEOUT_OPTION, triesFor, type WrongShape } from './campaign';

const sleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => void sleeps.push(ms) };
});

const emu = useKakaoEmulator();
beforeEach(() => {
	sleeps.length = 0;
});

/** Back to the demo data, between two runs in one test. */
function fresh() {
	emu.reset();
	seedDemo(emu);
}

interface PerItemOperation {
	parameters: IDataObject;
	path: string;
	cut: string;
	wrong: WrongShape;
	/** False for file creation: never re-sent after an unknown outcome. */
	retryUnknown: boolean;
}

const OPERATIONS: Record<string, PerItemOperation> = {
	'Channel Relation > Get': {
		parameters: {
			resource: 'relation',
			operation: 'get',
			userId: '1001',
			channel: rl(CHANNEL),
			options: TIMEOUT_OPTION,
		},
		path: RELATION_PATH,
		cut: '{"user_id":1001,"channels":[{"channel_uuid":"@',
		wrong: {
			body: '{"user_id":1001,"channels":[{"channel_public_id":"_ZeUTxl","relation":"MAYBE"}]}',
			problem:
				'JSON of an unexpected shape (the answer.channels[0].relation is not ADDED, BLOCKED or NONE)',
		},
		retryUnknown: true,
	},
	'Customer File > Get Many': {
		parameters: {
			resource: 'customerFile',
			operation: 'getAll',
			channel: rl(CHANNEL),
			options: TIMEOUT_OPTION,
		},
		path: VIEW_FILES_PATH,
		cut: '{"results":[{"file_id":437,"file_na',
		wrong: { body: '{"files":[]}', problem: 'JSON of an unexpected shape (no results list)' },
		retryUnknown: true,
	},
	'Customer File > Create': {
		parameters: {
			resource: 'customerFile',
			operation: 'create',
			channel: rl(CHANNEL),
			fileName: 'campaign',
			customFields: { field: [{ key: 'visits' }] },
			options: TIMEOUT_OPTION,
		},
		path: CREATE_FILE_PATH,
		cut: '{"file_id":4',
		wrong: { body: '{"id":438}', problem: 'JSON of an unexpected shape (no integer file_id)' },
		retryUnknown: false,
	},
};

const run = (operation: PerItemOperation, continueOnFail = false) =>
	runKakaoNode({
		parameters: operation.parameters,
		credentials: apiCredentials(emu),
		continueOnFail,
	});
/** The seeded file's update_at is the time of seeding: the two runs may straddle a second. */
const withoutClock = (output: unknown) =>
	JSON.parse(
		JSON.stringify(output ?? null).replace(/"update_at":"[^"]*"/g, '"update_at":"<seeded>"'),
	);
const callsTo = (path: string) => emu.requests.filter((request) => request.path === path).length;

describe.each(Object.entries(OPERATIONS))('%s', (_name, operation) => {
	const faults = campaignFaults(operation.cut, operation.wrong);

	it.each(faults.map((fault) => [fault.name, fault] as const))('%s once', async (_fault, fault) => {
		const baseline = await run(operation);
		expect(baseline.error).toBeUndefined();
		fresh();
		emu.injectFault({ fault: fault.fault, path: operation.path, times: 1 });
		const result = await run(operation);
		if (fault.class === 'quota') {
			expect(expectNodeError(result, 'NodeApiError', emu).message).toBe(fault.message(1));
			expect(callsTo(operation.path)).toBe(1);
		} else if (fault.class === 'unknown' && !operation.retryUnknown) {
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toBe(fault.message(1));
			expect(error.description).toContain('was not sent again');
			expect(callsTo(operation.path)).toBe(1);
			// The file exists exactly when the server got as far as applying the request.
			const applied = fault.fault.kind === 'dropAfterApply' || fault.fault.kind === 'latency';
			expect(emu.files(CHANNEL).some((file) => file.file_name === 'campaign')).toBe(applied);
		} else {
			expect(result.error).toBeUndefined();
			expect(withoutClock(result.output)).toEqual(withoutClock(baseline.output));
			expect(callsTo(operation.path)).toBe(2);
			expect(sleeps).toEqual([500]);
		}
		expectNoSecrets(result, emu);
	});

	it.each(faults.map((fault) => [fault.name, fault] as const))(
		'%s every time, continue on fail',
		async (_fault, fault) => {
			emu.injectFault({ fault: fault.fault, path: operation.path, times: Infinity });
			const result = await run(operation, true);
			const tries = triesFor(fault, operation.retryUnknown);
			expect(result.error).toBeUndefined();
			expect(result.output).toEqual([
				{ json: { error: fault.message(tries) }, pairedItem: { item: 0 } },
			]);
			expect(callsTo(operation.path)).toBe(tries);
			expectNoSecrets(result, emu);
		},
	);
});

it('no answer: the error says how long it waited in all and how many tries it made', async () => {
	emu.injectFault({ fault: { kind: 'latency', ms: 4000 }, path: RELATION_PATH, times: Infinity });
	const result = await run(OPERATIONS['Channel Relation > Get']);
	const error = expectNodeError(result, 'NodeApiError', emu);
	expect(error.message).toBe('Kakao did not answer within 1 s (tried 2 times)');
	expect(error.description).toMatch(
		/^No answer came in time: waited 2(\.\d)? s in all over 2 tries \(option Timeout: 1 s per try, 2× that in all\)\. Kakao may or may not have acted on the request\./,
	);
	expect(callsTo(RELATION_PATH)).toBe(2);
});
