/**
 * Kakao wants "the number registered in Kakao Talk" (docs/kakao-api.md#phone-numbers): clients send 82XXXXXXXXXX and 010...
 * is said to work too, so every accepted form is sent as 82 + the national number without its 0.
 */
const KOREAN_MOBILE = /^01[016789]\d{7,8}$/;

export function normalizePhone(input: unknown): string | undefined {
	if (typeof input !== 'string' && typeof input !== 'number') return undefined;
	const text = String(input).trim();
	if (!/^\+?[\d\s\-().]+$/.test(text)) return undefined;
	let digits = text.replace(/\D/g, '');
	// A spreadsheet that stored 01012345678 as a number gives 1012345678: the 0 is implied.
	if (typeof input === 'number' && /^1[016789]\d{7,8}$/.test(digits)) digits = `0${digits}`;
	if (digits.startsWith('82')) digits = `0${digits.slice(2).replace(/^0/, '')}`;
	if (!KOREAN_MOBILE.test(digits)) return undefined;
	return `82${digits.slice(1)}`;
}
