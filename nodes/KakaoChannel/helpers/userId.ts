import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizePhone } from './phone';

export type UserType = 'app' | 'phone';

/** Service user IDs are Kakao's `Long`: a positive signed 64-bit integer. */
export const MAX_APP_USER_ID = 9223372036854775807n;

/** The canonical digits of a service user ID, or undefined when it is not one. Kept as text: exact. */
export function normalizeAppUserId(input: unknown): string | undefined {
	if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) return String(input);
	if (typeof input === 'bigint') input = input.toString();
	if (typeof input !== 'string') return undefined;
	const value = input.trim();
	if (!/^\d{1,25}$/.test(value)) return undefined;
	// Canonical form, so that "0042" and Kakao's numeric 42 match.
	const id = BigInt(value);
	return id === 0n || id > MAX_APP_USER_ID ? undefined : id.toString();
}

export function normalizeUserId(userType: UserType, input: unknown): string | undefined {
	return userType === 'phone' ? normalizePhone(input) : normalizeAppUserId(input);
}

export function describeUserIdRule(userType: UserType): string {
	return userType === 'phone'
		? 'a Korean mobile number such as 010-1234-5678, 01012345678 or +82 10-1234-5678'
		: `a Kakao service user ID made of digits only, such as 1234567890 (at most ${MAX_APP_USER_ID}, the 64-bit limit)`;
}

/** The one "not a service user ID" error; `ofItem` adds the item number for batched operations. */
export function notAppUserIdError(
	node: INode,
	raw: unknown,
	itemIndex: number,
	ofItem: boolean,
): NodeOperationError {
	const where = ofItem ? ` of item ${itemIndex}` : '';
	const unsafe =
		typeof raw === 'number' && !Number.isSafeInteger(raw)
			? ' Numbers above 2^53 lose digits in JavaScript: pass the ID as text.'
			: '';
	return new NodeOperationError(node, `User ID "${String(raw)}"${where} is not a service user ID`, {
		itemIndex,
		description: `Use the Kakao service user ID (app user ID): digits only, such as 1234567890, at most ${MAX_APP_USER_ID} (the 64-bit limit).${unsafe}`,
	});
}
