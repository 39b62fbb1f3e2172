import { normalizePhone } from './phone';

export type UserType = 'app' | 'phone';

/** Service user IDs are Kakao's `Long`: digits only. */
export function normalizeAppUserId(input: unknown): string | undefined {
	if (typeof input === 'number' && Number.isSafeInteger(input) && input > 0) return String(input);
	if (typeof input !== 'string') return undefined;
	const value = input.trim();
	if (!/^\d{1,19}$/.test(value)) return undefined;
	// Canonical form, so that "0042" and Kakao's numeric 42 match.
	const canonical = BigInt(value).toString();
	return canonical === '0' ? undefined : canonical;
}

export function normalizeUserId(userType: UserType, input: unknown): string | undefined {
	return userType === 'phone' ? normalizePhone(input) : normalizeAppUserId(input);
}

export function describeUserIdRule(userType: UserType): string {
	return userType === 'phone'
		? 'a Korean mobile number such as 010-1234-5678, 01012345678 or +82 10-1234-5678'
		: 'a Kakao service user ID made of digits only, such as 1234567890';
}
