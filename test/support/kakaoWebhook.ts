// Kakao's sample add/block webhook (docs/kakao-api.md#webhook-body) and the headers Kakao sends
// (docs/kakao-api.md#webhook-headers), written once for tests, the sandbox and the benchmarks.
// Plain data with no jest and no imports, so scripts may load it too (tsconfig.scripts.json).

/** The body of the sample request on Kakao's webhook page. */
export const SAMPLE_EVENT = {
	event: 'added',
	id: '1111',
	id_type: 'app_user_id',
	channel_public_id: '_FLX',
	channel_uuid: '@ad',
	updated_at: '2020-01-01T00:00:00Z',
} as const;

/** Byte for byte what the page's sample curl sends: one field a line. */
export const SAMPLE_CURL_BODY = `{
"event":"added",
"id":"1111",
"id_type":"app_user_id",
"channel_public_id":"_FLX",
"channel_uuid":"@ad",
"updated_at":"2020-01-01T00:00:00Z"
}`;

/** The same event with the field names Kakao used before 2021-05-24 (docs/kakao-api.md#legacy-webhook-fields). */
export const SAMPLE_LEGACY_EVENT = {
	event: 'added',
	id: '1111',
	id_type: 'app_user_id',
	plus_friend_public_id: '_FLX',
	plus_friend_uuid: '@ad',
	timestamp: Date.UTC(2020, 0, 1, 0, 0, 0),
} as const;

/** The example `X-Kakao-Resource-ID` from Kakao's page: 24 letters and digits. */
export const SAMPLE_RESOURCE_ID = 'Rvy1c2dkzBAZ5hGD3rqYbxvr';
export const KAKAO_USER_AGENT = 'KakaoOpenAPI/1.0';

/** The headers of a Kakao webhook; without a resource id, none is sent (as in the page's curl). */
export function kakaoWebhookHeaders(adminKey: string, resourceId?: string): Record<string, string> {
	const headers: Record<string, string> = {
		Authorization: `KakaoAK ${adminKey}`,
		'Content-Type': 'application/json',
		'User-Agent': KAKAO_USER_AGENT,
	};
	if (resourceId !== undefined) headers['X-Kakao-Resource-ID'] = resourceId;
	return headers;
}
