import {
	SAMPLE_CURL_BODY,
	SAMPLE_EVENT,
	SAMPLE_LEGACY_EVENT,
	SAMPLE_RESOURCE_ID,
	kakaoWebhookHeaders,
} from './kakaoWebhook';

it("the sample webhook: the curl body is the event's JSON, the legacy event the same instant in epoch ms, and Kakao's headers (the resource id only when given)", () => {
	expect(JSON.parse(SAMPLE_CURL_BODY)).toEqual(SAMPLE_EVENT);
	expect(new Date(SAMPLE_LEGACY_EVENT.timestamp).toISOString()).toBe('2020-01-01T00:00:00.000Z');
	expect(kakaoWebhookHeaders('k1')).toEqual({
		Authorization: 'KakaoAK k1',
		'Content-Type': 'application/json',
		'User-Agent': 'KakaoOpenAPI/1.0',
	});
	const withId = kakaoWebhookHeaders('k1', SAMPLE_RESOURCE_ID);
	expect(withId['X-Kakao-Resource-ID']).toBe('Rvy1c2dkzBAZ5hGD3rqYbxvr');
});
