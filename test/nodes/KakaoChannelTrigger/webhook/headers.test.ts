import {
	MAX_RESOURCE_ID_LENGTH,
	readDeliveryHeaders,
	readKakaoHeaders,
	readResourceId,
} from '../../../../nodes/KakaoChannelTrigger/webhook/headers';

const ID = 'Rvy1c2dkzBAZ5hGD3rqYbxvr';

describe('readResourceId', () => {
	const atCap = 'r'.repeat(MAX_RESOURCE_ID_LENGTH);
	it.each([
		[` ${ID} `, ID],
		...[undefined, '', '   ', 5].map((header) => [header, null]),
		[atCap, atCap],
	])('reads %p as %p (trimmed; null when there is none)', (header, resourceId) =>
		expect(readResourceId(header)).toEqual({ ok: true, resourceId }),
	);
	it('refuses an id longer than the cap', () => {
		const reason = `X-Kakao-Resource-ID is longer than ${MAX_RESOURCE_ID_LENGTH} characters`;
		expect(readResourceId(`${atCap}r`)).toEqual({ ok: false, reason });
	});
});

// What Include Delivery Headers copies, and its 400 for a long User-Agent, through the node:
// KakaoChannelTrigger.options.test.ts.
it('readDeliveryHeaders gives null for a missing or empty header', () => {
	const headers = { 'x-kakao-resource-id': null, 'user-agent': null };
	expect(readDeliveryHeaders({ 'user-agent': '  ' })).toEqual({ ok: true, headers });
});
it('readKakaoHeaders reads the resource id and the delivery headers in one go', () => {
	expect(readKakaoHeaders({ 'x-kakao-resource-id': ID, 'user-agent': 'u'.repeat(257) })).toEqual({
		resourceId: { ok: true, resourceId: ID },
		delivery: { ok: false, reason: 'user-agent header is longer than 256 characters' },
	});
});
