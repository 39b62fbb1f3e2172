// What the Add and Delete suites share (not a test file itself): the summary both output per
// file, and the bodies they send.
import type { IDataObject } from 'n8n-workflow';

import type { KakaoEmulator } from '../../../../kakao-emulator';
import { CHANNEL } from '../../../../support/demo';

type SummaryCounts = { input_items: number; users_sent: number; [more: string]: unknown };

const FILE = { channel_public_id: CHANNEL, file_id: 437, user_type: 'app' };
const ALL_SENT = { users_not_sent: 0, users_outcome_unknown: 0, users_resent: 0, calls: 1 };

/**
 * The whole summary item of one file, as Add and Delete output it: the counts given, the file's
 * fields, and no repeats, nothing unsent, one call unless said otherwise.
 */
export function summaryOf(operation: 'add' | 'delete', counts: SummaryCounts): IDataObject {
	const unique = (counts.unique_users as number | undefined) ?? counts.input_items;
	const merged = { unique_users: unique, duplicate_users_merged: counts.input_items - unique };
	return { operation, ...FILE, ...merged, ...ALL_SENT, ...counts } as IDataObject;
}

export type AddBody = typeof FILE & { users: Array<{ id: string; field: IDataObject }> };
export type DeleteBody = typeof FILE & { user_ids: string[] };

/** A user as Add sends it with the 연령 field. */
export const aged = (id: string, age: number) => ({ id, field: { 연령: age } });

export const bodiesOf = <T>(emu: KakaoEmulator) => emu.requests.map((r) => r.body as T);

/** The body Add and Delete send for file 437 of _ZeUTxl with app user IDs, plus its users. */
export function fileBody(users: Partial<AddBody> | Partial<DeleteBody>): IDataObject {
	return { ...FILE, ...users } as IDataObject;
}
