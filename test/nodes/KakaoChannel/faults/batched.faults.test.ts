// Fault campaign, batched operations: Check Many Users, Customer File User > Add and Delete.
// Every fault once (recovered; a re-send after an unknown outcome is reported for writes) and for
// good (continueOnFail: exact accounting per batch and an item per unsent user, paired with its
// input item). Quota mid-run is in batched.quota.test.ts. Waits are recorded and skipped.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { seedDemo } from '../../../kakao-emulator';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import {
	ADD_USERS_PATH,
	CHANNEL,
	DELETE_USERS_PATH,
	MULTI_PATH,
	apiCredentials,
	expectNoSecrets,
	expectNodeError,
	rl,
} from '../../../support/engineHelpers';
import {
	campaignFaults,
	TIMEOUT_OPTION,
	triesFor,
	type CampaignFault,
	type WrongShape,
} from './campaign';

const sleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => void sleeps.push(ms) };
});

const emu = useKakaoEmulator(); // demo data: file 437 on _ZeUTxl with members 1001 and 1002; 1004 and 1006 have added the channel
beforeEach(() => {
	sleeps.length = 0;
});

/** Back to the demo data, between two runs in one test. */
function fresh() {
	emu.reset();
	seedDemo(emu);
}

interface BatchedOperation {
	kind: 'relations' | 'add' | 'delete';
	parameters: IDataObject;
	items: IDataObject[];
	path: string;
	cut: string;
	wrong: WrongShape;
}

const fileUser = {
	channel: rl(CHANNEL),
	fileId: rl('437', 'list'),
	userType: 'app',
	userId: '={{ $json.id }}',
	options: TIMEOUT_OPTION,
};
const OPERATIONS: Record<string, BatchedOperation> = {
	'Check Many Users': {
		kind: 'relations',
		parameters: {
			resource: 'relation',
			operation: 'checkMany',
			userId: '={{ $json.id }}',
			options: { channels: CHANNEL, ...TIMEOUT_OPTION },
		},
		items: [{ id: '1001' }, { id: '1002' }, { id: '1004' }],
		path: MULTI_PATH,
		cut: '[{"user_id":1001,"channels":[{"channel_pu',
		wrong: {
			body: '{"user_id":1001}',
			problem: 'JSON of an unexpected shape (the answer is not a list)',
		},
	},
	'Customer File User > Add': {
		kind: 'add',
		parameters: {
			resource: 'customerFileUser',
			operation: 'add',
			...fileUser,
			fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
		},
		items: [
			{ id: '1004', age: 1 },
			{ id: '1006', age: 2 },
		],
		path: ADD_USERS_PATH,
		cut: '{"file_id":437,"request_count":2,"succ',
		wrong: {
			body: '{"file_id":437}',
			problem: 'JSON of an unexpected shape (no request_count and success_count)',
		},
	},
	'Customer File User > Delete': {
		kind: 'delete',
		parameters: { resource: 'customerFileUser', operation: 'delete', ...fileUser },
		items: [{ id: '1001' }, { id: '1002' }],
		path: DELETE_USERS_PATH,
		cut: '{"result":',
		wrong: { body: '[1]', problem: 'a body where none was expected' },
	},
};

const run = (operation: BatchedOperation, continueOnFail = false) =>
	runKakaoNode({
		parameters: operation.parameters,
		items: operation.items,
		credentials: apiCredentials(emu),
		continueOnFail,
	});
const callsTo = (path: string) => emu.requests.filter((request) => request.path === path).length;
const members = () => [...emu.files(CHANNEL)[0].members.keys()].sort();
const userIds = (operation: BatchedOperation) => operation.items.map((item) => String(item.id));

/** Delete's documented answer is an empty 200: for it that is success, not a fault. */
const faultsOf = (operation: BatchedOperation) =>
	campaignFaults(operation.cut, operation.wrong)
		.filter((fault) => !(operation.kind === 'delete' && fault.name === 'an empty 200'))
		.map((fault) => [fault.name, fault] as const);

describe.each(Object.entries(OPERATIONS))('%s', (_name, operation) => {
	it.each(faultsOf(operation))('%s once', async (_fault, fault) => {
		const baseline = await run(operation);
		expect(baseline.error).toBeUndefined();
		const baselineMembers = members();
		fresh();
		emu.injectFault({ fault: fault.fault, path: operation.path, times: 1 });
		const result = await run(operation);
		if (fault.class === 'quota') {
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toBe(fault.message(1));
			expect(error.description).toContain(
				`1 of 1 batch(es) failed; 0 user(s) were sent in the batches that succeeded, and ${operation.items.length} user(s) were not sent. Input items not sent: 0-${operation.items.length - 1}.`,
			);
			expect(callsTo(operation.path)).toBe(1);
			return;
		}
		expect(result.error).toBeUndefined();
		expect(callsTo(operation.path)).toBe(2);
		expect(members()).toEqual(baselineMembers);
		const expected = structuredClone(baseline.output!);
		if (operation.kind !== 'relations' && fault.class === 'unknown') {
			// The write was sent again without knowing whether the first one was applied: said so.
			const summary = expected[0].json;
			summary.users_resent = operation.items.length;
			(summary.batches as IDataObject[])[0].resent_after_unknown_outcome = 1;
		}
		expect(result.output).toEqual(expected);
		expectNoSecrets(result, emu);
	});

	it.each(faultsOf(operation))('%s every time, continue on fail', async (_fault, fault) => {
		emu.injectFault({ fault: fault.fault, path: operation.path, times: Infinity });
		const result = await run(operation, true);
		const tries = triesFor(fault);
		expect(result.error).toBeUndefined();
		expect(callsTo(operation.path)).toBe(tries);
		expect(result.output).toEqual(expectedFailure(operation, fault, tries));
		expectNoSecrets(result, emu);
	});
});

/** What the node must output when the only batch failed for good. */
function expectedFailure(
	operation: BatchedOperation,
	fault: CampaignFault,
	tries: number,
): INodeExecutionData[] {
	const message = fault.message(tries);
	const code = fault.fault.kind === 'kakao' ? { kakao_code: fault.fault.code } : {};
	const ids = userIds(operation);
	if (operation.kind === 'relations') {
		// A read whose answer was lost was simply not checked: "failed", never "unknown".
		return ids.map((id, item) => ({
			json: { user_id: id, checked: false, error: message, status: 'failed', batch: 1, ...code },
			pairedItem: [{ item }],
		}));
	}
	const unknown = fault.class === 'unknown';
	const resent = unknown ? tries - 1 : 0;
	const status = unknown ? 'unknown' : 'failed';
	const summary: IDataObject = {
		operation: operation.kind,
		channel_public_id: CHANNEL,
		file_id: 437,
		user_type: 'app',
		input_items: ids.length,
		unique_users: ids.length,
		duplicate_users_merged: 0,
		users_sent: 0,
		users_not_sent: unknown ? 0 : ids.length,
		users_outcome_unknown: unknown ? ids.length : 0,
		users_resent: resent > 0 ? ids.length : 0,
		calls: 1,
		...(operation.kind === 'add' ? { request_count: 0, success_count: 0, not_added_count: 0 } : {}),
		batches: [
			{
				batch: 1,
				users: ids.length,
				status,
				...(resent > 0 ? { resent_after_unknown_outcome: resent } : {}),
				error: message,
				...code,
			},
		],
		error: message,
	};
	const error = unknown ? `Outcome unknown, Kakao may have acted: ${message}` : message;
	return [
		{ json: summary, pairedItem: ids.map((_, item) => ({ item })) },
		...ids.map((id, item) => ({
			json: { error, user_id: id, status, batch: 1, ...code },
			pairedItem: [{ item }],
		})),
	];
}
