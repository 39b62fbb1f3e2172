// Kakao error codes, their HTTP statuses (docs/kakao-api.md#error-codes) and default messages.
const TABLE: Record<number, [number, string]> = {
	[-1]: [400, 'internal error'],
	[-2]: [400, 'bad or missing parameter'],
	[-3]: [403, 'required setting or consent item is not enabled in the app'],
	[-4]: [403, 'account is sanctioned'],
	[-5]: [403, 'no permission for this API'],
	[-6]: [403, 'action not allowed'],
	[-7]: [400, 'service under maintenance'],
	[-8]: [400, 'bad header'],
	[-9]: [400, 'API retired or not supported'],
	[-10]: [400, 'API limit has been exceeded'],
	[-11]: [400, 'paid API limit has been exceeded'],
	[-12]: [403, 'app or developer is sanctioned'],
	// From Kakao Login's table: "a user whose Kakao Account is not linked to the app", HTTP 400.
	[-101]: [400, 'NotRegisteredUserException'],
	[-401]: [401, 'this access token does not exist'],
	[-402]: [403, 'insufficient scopes.'],
	[-501]: [400, 'given account is not connected to any talk user.'],
	[-541]: [400, 'channel does not exist'],
	[-544]: [400, 'channel is sanctioned'],
	[-815]: [400, 'internal error, please retry'],
	[-816]: [400, 'invalid customer file id'],
	[-817]: [400, 'file name is already used or not allowed'],
	[-818]: [400, 'more than 30 customer files are not allowed on a channel'],
	[-819]: [400, 'channel is not connected to the app'],
	[-9798]: [503, 'service check (maintenance)'],
};

/** HTTP status Kakao uses for a code; 400 for unknown codes. */
export const statusForCode = (code: number): number => TABLE[code]?.[0] ?? 400;
export const defaultMsg = (code: number): string => TABLE[code]?.[1] ?? 'error';

/** Thrown by handlers; answered as `{msg, code, ...extra}` with the code's HTTP status. */
export class KakaoError extends Error {
	constructor(
		readonly code: number,
		msg = defaultMsg(code),
		readonly extra: Record<string, unknown> = {},
		readonly status = statusForCode(code),
	) {
		super(msg);
	}

	toBody(): Record<string, unknown> {
		return { msg: this.message, code: this.code, ...this.extra };
	}
}

/** The most common rejection: a bad or missing parameter. */
export const badParam = (msg: string): KakaoError => new KakaoError(-2, msg);
