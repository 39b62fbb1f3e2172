// Fault campaign, every operation that calls Kakao: every fault once (the node recovers, or says
// why it must not; a re-send after an unknown outcome is reported) and for good (continueOnFail:
// an error item per item, or exact accounting per batch and an item per unsent user). Quota
// mid-run: batched.quota.test.ts. Waits are recorded and skipped; Timeout is 1 s in every run.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Fault } from '../../../kakao-emulator';
import { CHANNEL, PARAMS, PATHS } from '../../../support/demo';
import {
	expectNodeError,
	expectNoSecrets,
	fresh,
	useEngine,
	withoutClock,
} from '../../../support/engineHelpers';
import { summaryOf } from '../actions/customerFileUser/fileUsers';

/**
 * A fault, how the node takes it (`rejected`: Kakao's code says it did nothing; `unknown`: Kakao
 * may have acted, re-sent only where that is safe; `quota`: not retried) and its error after `tries`.
 */
interface CampaignFault {
	name: string;
	fault: Fault;
	class: 'rejected' | 'unknown' | 'quota';
	message: (tries: number) => string;
}
const tried = (tries: number) => (tries > 1 ? ` (tried ${tries} times)` : '');
const unknown = (name: string, fault: Fault, text: string): CampaignFault => ({
	name,
	fault,
	class: 'unknown',
	message: (tries) => `${text}${tried(tries)}`,
});
const rejected = (code: number, meaning: string): CampaignFault => ({
	name: `Kakao ${code}`,
	fault: { kind: 'kakao', code },
	class: 'rejected',
	message: (tries) => `Kakao API error ${code}: ${meaning}${tried(tries)}`,
});
/** A 200 with this body (an HTML page when none is given), and how the node names it. */
const answered = (name: string, body: string | undefined, problem: string, type?: string) =>
	unknown(
		name,
		body === undefined
			? { kind: 'http', status: 200 }
			: { kind: 'http', status: 200, body, contentType: type ?? 'application/json;charset=UTF-8' },
		`Kakao answered HTTP 200 with ${problem}`,
	);
const UNREACHED = 'Could not reach the Kakao API';
function campaignFaults(cut: string, wrongBody: string, problem: string): CampaignFault[] {
	return [
		unknown('reset before the server applied it', { kind: 'drop' }, UNREACHED),
		unknown('reset after the server applied it', { kind: 'dropAfterApply' }, UNREACHED),
		unknown('HTTP 502 from a proxy', { kind: 'http', status: 502 }, 'Kakao API answered HTTP 502'),
		rejected(-1, 'Kakao internal error'),
		rejected(-7, 'service under maintenance'),
		rejected(-815, 'Kakao internal error'),
		rejected(-9798, 'service check (maintenance)'),
		{ ...rejected(-10, 'quota exceeded'), name: 'Kakao -10 (quota)', class: 'quota' },
		answered('an empty 200', '', 'an empty body'),
		answered('a cut-off 200', cut, 'cut-off or broken JSON'),
		answered('a 200 that is not JSON', 'OK', 'a body that is not JSON', 'text/plain'),
		answered('a 200 of the wrong shape', wrongBody, problem),
		answered('an HTML 200', undefined, 'an HTML page instead of JSON'),
		unknown('no answer at all', { kind: 'latency', ms: 4000 }, 'Kakao did not answer within 1 s'),
	];
}

/**
 * Tries made when a fault never goes away, with Timeout 1 s: a call stops at 2 × Timeout, waits
 * included. A quick failure gets 3 tries (after waits of 0.5 s and 1 s; the 2 s wait would cross
 * the bound), no answer at all 2 (1 s, then what is left).
 */
function triesFor(fault: CampaignFault, retryUnknown = true): number {
	if (fault.class === 'quota') return 1;
	if (fault.class === 'unknown' && !retryUnknown) return 1;
	return fault.fault.kind === 'latency' ? 2 : 3;
}
const sleeps: number[] = [];
jest.mock('n8n-workflow', () => {
	const actual = jest.requireActual('n8n-workflow');
	return { ...actual, sleep: async (ms: number) => void sleeps.push(ms) };
});

// Demo data: file 437 on _ZeUTxl with members 1001 and 1002; 1004 and 1006 have added the channel.
const { emu, run } = useEngine();
const callsTo = (path: string) => emu.requests.filter((request) => request.path === path).length;
const options = { timeout: 1 };
const CAMPAIGN_FILE = { fileName: 'campaign', options };
const CHECK_MANY = PARAMS.checkMany({ options: { channels: CHANNEL, ...options } });
const ids = (...users: number[]) => users.map((id) => ({ id: String(id) }));
const MEMBERS = ids(1001, 1002);
const NEW_MEMBERS = ids(1004, 1006).map((item, k) => ({ ...item, age: k + 1 }));
beforeEach(() => (sleeps.length = 0));

/** `perItem`: one call per item; the others send their users in batches. */
type Kind = 'perItem' | 'relations' | 'add' | 'delete';
const OPERATIONS: Array<[string, Kind, IDataObject, IDataObject[], string]> = [
	['Channel Relation > Get', 'perItem', PARAMS.get({ options }), [{}], PATHS.relation],
	['Customer File > Get Many', 'perItem', PARAMS.getAll({ options }), [{}], PATHS.files],
	['Customer File > Create', 'perItem', PARAMS.create(CAMPAIGN_FILE), [{}], PATHS.createFile],
	['Check Many Users', 'relations', CHECK_MANY, ids(1001, 1002, 1004), PATHS.multi],
	['Customer File User > Add', 'add', PARAMS.add({ options }), NEW_MEMBERS, PATHS.addUsers],
	['Customer File User > Delete', 'delete', PARAMS.delete({ options }), MEMBERS, PATHS.deleteUsers],
];
const shape = (detail: string) => `JSON of an unexpected shape (${detail})`;
/** Per endpoint: a valid answer cut off; a 2XX of the wrong shape and the problem the node names. */
const BROKEN: Record<string, [cut: string, wrongBody: string, problem: string]> = {
	[PATHS.relation]: [
		'{"user_id":1001,"channels":[{"channel_uuid":"@',
		'{"user_id":1001,"channels":[{"channel_public_id":"_ZeUTxl","relation":"MAYBE"}]}',
		shape('the answer.channels[0].relation is not ADDED, BLOCKED or NONE'),
	],
	[PATHS.files]: ['{"results":[{"file_id":437,"file_na', '{"files":[]}', shape('no results list')],
	[PATHS.createFile]: ['{"file_id":4', '{"id":438}', shape('no integer file_id')],
	[PATHS.multi]: [
		'[{"user_id":1001,"channels":[{"channel_pu',
		'{"user_id":1001}',
		shape('the answer is not a list'),
	],
	[PATHS.addUsers]: [
		'{"file_id":437,"request_count":2,"succ',
		'{"file_id":437}',
		shape('no request_count and success_count'),
	],
	[PATHS.deleteUsers]: ['{"result":', '[1]', 'a body where none was expected'],
};
const members = () => [...emu.files(CHANNEL)[0].members.keys()].sort();

describe.each(OPERATIONS)('%s', (name, kind, parameters, items, path) => {
	// Delete's documented answer is an empty 200: for it that is success, not a fault.
	const faults = campaignFaults(...BROKEN[path])
		.filter((fault) => !(kind === 'delete' && fault.name === 'an empty 200'))
		.map((fault) => [fault.name, fault] as const);
	// A file is never created twice: an unknown outcome is not re-sent.
	const retryUnknown = name !== 'Customer File > Create';
	it.each(faults)('%s once', async (_fault, fault) => {
		const baseline = await run(parameters, items);
		expect(baseline.error).toBeUndefined();
		const baselineMembers = members();
		fresh(emu);
		emu.injectFault({ fault: fault.fault, path, times: 1 });
		const result = await run(parameters, items);
		if (fault.class === 'quota' || (fault.class === 'unknown' && !retryUnknown)) {
			// Not sent again: one call, and the error says why.
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toBe(fault.message(1));
			expect(callsTo(path)).toBe(1);
		}
		if (fault.class === 'quota') {
			if (kind !== 'perItem')
				expect(result.error!.description).toContain(
					`1 of 1 batch(es) failed; 0 user(s) were sent in the batches that succeeded, and ${items.length} user(s) were not sent. Input items not sent: 0-${items.length - 1}.`,
				);
		} else if (fault.class === 'unknown' && !retryUnknown) {
			expect(result.error!.description).toContain('was not sent again');
			expect(sleeps).toEqual([]);
			// The file exists exactly when the server got as far as applying the request.
			const applied = fault.fault.kind === 'dropAfterApply' || fault.fault.kind === 'latency';
			expect(emu.files(CHANNEL).some((file) => file.file_name === 'campaign')).toBe(applied);
		} else {
			expect(result.error).toBeUndefined();
			expect(callsTo(path)).toBe(2);
			expect(members()).toEqual(baselineMembers);
			const expected = structuredClone(baseline.output!);
			if ((kind === 'add' || kind === 'delete') && fault.class === 'unknown') {
				// The write was sent again without knowing whether the first one was applied: said so.
				const summary = expected[0].json;
				summary.users_resent = items.length;
				(summary.batches as IDataObject[])[0].resent_after_unknown_outcome = 1;
			}
			if (kind !== 'perItem') expect(result.output).toEqual(expected);
			else {
				expect(withoutClock(result.output)).toEqual(withoutClock(expected));
				expect(sleeps).toEqual([500]);
			}
		}
		expectNoSecrets(result, emu);
	});
	it.each(faults)('%s every time, continue on fail', async (_fault, fault) => {
		emu.injectFault({ fault: fault.fault, path, times: Infinity });
		const result = await run(parameters, items, { continueOnFail: true });
		const tries = triesFor(fault, retryUnknown);
		expect(result.error).toBeUndefined();
		expect(callsTo(path)).toBe(tries);
		const ids = items.map((item) => String(item.id));
		expect(result.output).toEqual(expectedFailure(kind, ids, fault, tries));
		expectNoSecrets(result, emu);
	});
});

/** What the node must output when the only call or batch failed for good. */
function expectedFailure(kind: Kind, ids: string[], fault: CampaignFault, tries: number) {
	const message = fault.message(tries);
	if (kind === 'perItem') return [{ json: { error: message }, pairedItem: { item: 0 } }];
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
		{ json: summary, pairedItem: ids.map((_, item) => ({ item })) } as INodeExecutionData,
		...each((id) => ({ error, user_id: id, status, batch: 1, ...code })),
	];
}
