/** Kakao error codes (docs/kakao-api.md#error-codes) with what the user should do about each. */
export interface KakaoErrorInfo {
	meaning: string;
	hint: string;
	transient: boolean;
}

const KAKAO_ERRORS: Record<number, KakaoErrorInfo> = {
	[-1]: {
		meaning: 'Kakao internal error',
		hint: 'Kakao had a passing fault; run the workflow again later.',
		transient: true,
	},
	[-2]: {
		meaning: 'bad or missing parameter',
		hint: 'Check the IDs, the channel and the field values sent for this item.',
		transient: false,
	},
	[-3]: {
		meaning: 'a required setting or consent item is not enabled in the app',
		hint: 'Enable the needed feature (Kakao Talk Channel, customer management) for the app in the Kakao Developers console.',
		transient: false,
	},
	[-4]: {
		meaning: 'the account is sanctioned',
		hint: 'Contact Kakao about the sanctioned account.',
		transient: false,
	},
	[-5]: {
		meaning: 'no permission for this API',
		hint: 'Grant the app permission for this API (and agree to the customer management policy for customer files) in the Kakao Developers console.',
		transient: false,
	},
	[-6]: {
		meaning: 'action not allowed',
		hint: 'Kakao does not allow this action for the app or channel.',
		transient: false,
	},
	[-7]: {
		meaning: 'service under maintenance',
		hint: 'Kakao is under maintenance; run the workflow again later.',
		transient: true,
	},
	[-8]: {
		meaning: 'bad header',
		hint: 'Check the credential: the key must be pasted without extra text.',
		transient: false,
	},
	[-9]: {
		meaning: 'API retired',
		hint: 'This Kakao API was retired; update the n8n-nodes-kakao-channel package (Settings > Community Nodes).',
		transient: false,
	},
	[-10]: {
		meaning: 'quota exceeded',
		hint: "The app's monthly API quota is spent; wait for it to reset or ask Kakao for more.",
		transient: false,
	},
	[-11]: {
		meaning: 'paid API limit exceeded',
		hint: 'Raise the paid API limit in the Kakao Developers console.',
		transient: false,
	},
	[-12]: {
		meaning: 'app or developer sanctioned',
		hint: 'Contact Kakao about the sanctioned app.',
		transient: false,
	},
	[-101]: {
		meaning: 'the user is not linked to the app',
		hint: 'The user ID must belong to a user who logged in to this app with Kakao Login.',
		transient: false,
	},
	[-401]: {
		meaning: 'invalid app key or access token',
		hint: 'Check the credential: use the app admin key for relations and the REST API key for customer files, or reconnect the Kakao Login account.',
		transient: false,
	},
	[-402]: {
		meaning: 'the user did not consent to the needed scope',
		hint: 'The user must consent to the "plusfriends" consent item (Kakao Talk Channel addition status and details); enable it under [Kakao Login] > [Consent Items] and ask the user to log in again.',
		transient: false,
	},
	[-501]: {
		meaning: 'not a Kakao Talk user',
		hint: 'This user has no Kakao Talk account, so no channel relation exists.',
		transient: false,
	},
	[-541]: {
		meaning: 'channel does not exist',
		hint: 'Check the channel ID (the part after pf.kakao.com/, such as _ZeUTxl).',
		transient: false,
	},
	[-544]: {
		meaning: 'channel is sanctioned',
		hint: 'The Kakao Talk Channel is sanctioned; check it in the Kakao Talk Channel Admin Center.',
		transient: false,
	},
	[-815]: {
		meaning: 'Kakao internal error',
		hint: 'Kakao had a passing fault; run the workflow again later.',
		transient: true,
	},
	[-816]: {
		meaning: 'bad or unknown customer file ID',
		hint: 'Pick the customer file from the list, or check its ID with Customer File > Get Many.',
		transient: false,
	},
	[-817]: {
		meaning: 'file name already used or not allowed',
		hint: 'Choose another file name for the customer file.',
		transient: false,
	},
	[-818]: {
		meaning: 'the channel already has 30 customer files',
		hint: 'Delete an unused customer file in the Kakao Talk Channel Admin Center first.',
		transient: false,
	},
	[-819]: {
		meaning: 'the channel is not connected to the app',
		hint: 'Connect the channel to the app: Kakao Developers console > [App] > [Request additional features] > Connect Kakao Talk Channel.',
		transient: false,
	},
	[-9798]: {
		meaning: 'service check (maintenance)',
		hint: 'Kakao is under maintenance; run the workflow again later.',
		transient: true,
	},
};

export function kakaoErrorInfo(code: number): KakaoErrorInfo | undefined {
	return KAKAO_ERRORS[code];
}

export function isTransientKakaoCode(code: number | undefined): boolean {
	return code !== undefined && KAKAO_ERRORS[code]?.transient === true;
}

export function isTransientHttpStatus(status: number): boolean {
	return status >= 500 && status <= 599;
}

export interface KakaoErrorBody {
	code?: number;
	msg?: string;
	required_scopes?: unknown;
	allowed_scopes?: unknown;
}

/** Reads `{code, msg}` from whatever Kakao (or a proxy) answered. */
export function parseKakaoErrorBody(body: unknown): KakaoErrorBody {
	let value = body;
	if (typeof body === 'string') {
		try {
			value = JSON.parse(body);
		} catch {
			return { msg: body.slice(0, 300) };
		}
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
	const record = value as Record<string, unknown>;
	const code =
		typeof record.code === 'number' ? record.code : Number.parseInt(String(record.code), 10);
	return {
		code: Number.isFinite(code) ? code : undefined,
		msg: typeof record.msg === 'string' ? record.msg : undefined,
		required_scopes: record.required_scopes,
		allowed_scopes: record.allowed_scopes,
	};
}

/** One line for the user: the Kakao code, what it means, and what to do. */
export function describeKakaoError(
	status: number,
	body: KakaoErrorBody,
): { message: string; description: string } {
	const info = body.code === undefined ? undefined : kakaoErrorInfo(body.code);
	if (body.code !== undefined) {
		const meaning = info?.meaning ?? 'unknown Kakao error code';
		const message = `Kakao API error ${body.code}: ${meaning}`;
		const parts = [info?.hint ?? "See Kakao's error code reference."];
		if (body.code === -402 && body.required_scopes !== undefined) {
			parts.push(`Required scopes: ${JSON.stringify(body.required_scopes)}.`);
		}
		if (body.msg) parts.push(`Kakao said: "${body.msg}" (HTTP ${status}).`);
		else parts.push(`HTTP ${status}.`);
		return { message, description: parts.join(' ') };
	}
	const transient = isTransientHttpStatus(status);
	return {
		message: `Kakao API answered HTTP ${status}`,
		description: transient
			? 'Kakao or a proxy in between failed. Run the workflow again later.'
			: `Unexpected answer${body.msg ? `: "${body.msg}"` : ''}. Check the Base URL in the credential.`,
	};
}
