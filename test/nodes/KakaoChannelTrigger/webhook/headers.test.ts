import {
	MAX_RESOURCE_ID_LENGTH,
	readDeliveryHeaders,
	readKakaoHeaders,
	readResourceId,
} from '../../../../nodes/KakaoChannelTrigger/webhook/headers';

describe('readResourceId', () => {
	it('reads and trims the header', () => {
		expect(readResourceId(' Rvy1c2dkzBAZ5hGD3rqYbxvr ')).toEqual({
			ok: true,
			resourceId: 'Rvy1c2dkzBAZ5hGD3rqYbxvr',
		});
	});

	it.each([undefined, '', '   ', 5])('gives null for %p', (header) => {
		expect(readResourceId(header)).toEqual({ ok: true, resourceId: null });
	});

	it('refuses an id longer than the cap', () => {
		expect(readResourceId('r'.repeat(MAX_RESOURCE_ID_LENGTH))).toMatchObject({ ok: true });
		expect(readResourceId('r'.repeat(MAX_RESOURCE_ID_LENGTH + 1))).toEqual({
			ok: false,
			reason: `X-Kakao-Resource-ID is longer than ${MAX_RESOURCE_ID_LENGTH} characters`,
		});
	});
});

describe('readDeliveryHeaders', () => {
	const kakao = {
		authorization: 'KakaoAK secret-admin-key',
		'x-kakao-resource-id': 'Rvy1c2dkzBAZ5hGD3rqYbxvr',
		'user-agent': 'KakaoOpenAPI/1.0',
		'content-type': 'application/json',
		cookie: 'session=1',
		'x-forwarded-for': '10.0.0.1',
	};

	it('copies exactly the resource id and the user agent, never Authorization or another header', () => {
		const result = readDeliveryHeaders(kakao);
		expect(result).toEqual({
			ok: true,
			headers: {
				'x-kakao-resource-id': 'Rvy1c2dkzBAZ5hGD3rqYbxvr',
				'user-agent': 'KakaoOpenAPI/1.0',
			},
		});
		expect(JSON.stringify(result)).not.toContain('secret-admin-key');
	});

	it('gives null for a missing or empty header', () => {
		expect(readDeliveryHeaders({ 'user-agent': '  ' })).toEqual({
			ok: true,
			headers: { 'x-kakao-resource-id': null, 'user-agent': null },
		});
	});

	it('refuses a header longer than 256 characters', () => {
		expect(readDeliveryHeaders({ ...kakao, 'user-agent': 'u'.repeat(257) })).toEqual({
			ok: false,
			reason: 'user-agent header is longer than 256 characters',
		});
	});
});

describe('readKakaoHeaders', () => {
	it('reads the resource id and the delivery headers in one go', () => {
		expect(
			readKakaoHeaders({
				'x-kakao-resource-id': 'Rvy1c2dkzBAZ5hGD3rqYbxvr',
				'user-agent': 'u'.repeat(257),
			}),
		).toEqual({
			resourceId: { ok: true, resourceId: 'Rvy1c2dkzBAZ5hGD3rqYbxvr' },
			delivery: { ok: false, reason: 'user-agent header is longer than 256 characters' },
		});
	});
});
