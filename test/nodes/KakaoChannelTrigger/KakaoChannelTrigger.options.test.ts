// Through n8n's WebhookContext (harness.ts): Include Other Fields, Include Delivery Headers, Max
// Event Age, and the limits on `id` and the channel fields.
import { deepCopy, type INodeParameters } from 'n8n-workflow';

import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { MAX_BODY_BYTES } from '../../../nodes/KakaoChannelTrigger/webhook/body';
import {
	ADMIN_KEY,
	SEED_BODY,
	badRequest,
	buildRequest,
	createTrigger,
	emittedItem,
	expectAnswered,
	expectOneWarning,
	json,
	kakaoHeaders,
	resourceId,
	sample,
	seedWith,
} from './harness';

const withOptions = (options: INodeParameters, more = {}) =>
	createTrigger({ parameters: { options }, ...more });
const OTHERS = { includeOtherFields: true };
const OUT_OF_RANGE = 'id is out of the signed 64-bit range for id_type app_user_id';
// `{"event":...,"deep":[[[...]]]}`: 30,000 levels in about 60 KB, under the 64 KiB cap.
const deepBody = `{"event":"added","id":"1111","id_type":"app_user_id","deep":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;

describe('other fields', () => {
	it('by default the item has only the documented fields: a nested array under the body cap that breaks n8n is dropped', async () => {
		expect(Buffer.byteLength(deepBody)).toBeLessThan(MAX_BODY_BYTES);
		const parsed = JSON.parse(deepBody) as object;
		expect(() => deepCopy(parsed)).toThrow(RangeError);
		expect(() => JSON.stringify(parsed)).toThrow(RangeError);
		const id = resourceId();
		const item = emittedItem(await createTrigger().call(buildRequest(deepBody, kakaoHeaders(id))));
		const expected = { event: 'added', id: '1111', id_type: 'app_user_id', resource_id: id };
		const undated = { channel_public_id: null, channel_uuid: null, updated_at: null };
		for (const copy of [item, deepCopy(item), JSON.parse(JSON.stringify(item))])
			expect(copy).toEqual({ ...expected, ...undated });
	});
	it('with Include Other Fields, fields within the caps are kept under extra', async () => {
		const body = { ...SEED_BODY, tier: 'gold', tags: [{ a: [1, 2] }] };
		const item = emittedItem(await withOptions(OTHERS).call(json(body)));
		expect(item.extra).toEqual({ tier: 'gold', tags: [{ a: [1, 2] }] });
		expect(deepCopy(item)).toEqual(item);
	});
});
describe('400, nothing started: limits on id, the channel fields and Include Other Fields', () => {
	const LETTERS = 'id must be digits only for id_type app_user_id';
	const OPEN_ID = 'id must be 1 to 128 visible ASCII characters without spaces for id_type open_id';
	const PUBLIC_ID =
		'channel_public_id must be _ followed by 1 to 63 letters or digits (such as _ZeUTxl)';
	const UUID = 'channel_uuid must be @ followed by 1 to 63 characters without spaces (such as @ad)';
	const LIMIT = '(the limit of Include Other Fields)';
	const DEEP = `other field "deep" is nested deeper than 10 levels ${LIMIT}`;
	const BIG = `other fields take 20010 bytes as JSON, more than 16384 ${LIMIT}`;
	const [longOpenId, url] = ['o'.repeat(10_000), 'https://pf.kakao.com/_FLX'];
	it.each<[string, string, string, INodeParameters?]>([
		['a 10,000-character id', seedWith({ id: '1'.repeat(10_000) }), OUT_OF_RANGE],
		['an app user id past 2^63 - 1', seedWith({ id: '9223372036854775808' }), OUT_OF_RANGE],
		['an app user id with letters', seedWith({ id: '11a1' }), LETTERS],
		['a 10,000-character open_id', seedWith({ id_type: 'open_id', id: longOpenId }), OPEN_ID],
		['a channel URL as channel_public_id', seedWith({ channel_public_id: url }), PUBLIC_ID],
		['a channel_uuid with a space', seedWith({ channel_uuid: '@a d' }), UUID],
		['the deep body, with Include Other Fields', deepBody, DEEP, OTHERS],
		['over 16 KiB of other fields, with it', seedWith({ pad: 'x'.repeat(20_000) }), BIG, OTHERS],
	])('%s', async (_label, raw, reason, options = {}) => {
		const run = await withOptions(options).call(buildRequest(raw, kakaoHeaders(resourceId())));
		expectAnswered(run, 400, badRequest(reason));
	});
	it.each([
		['the largest app user id', '9223372036854775807', 'app_user_id'],
		['a 128-character open_id', 'O'.repeat(128), 'open_id'],
	])('accepts %s', async (_label, id, idType) => {
		const run = await createTrigger().call(json({ ...SEED_BODY, id_type: idType, id }));
		expect(emittedItem(run).id).toBe(id);
	});
});
describe('Include Delivery Headers', () => {
	const withHeaders = () => withOptions({ includeDeliveryHeaders: true });
	it('adds X-Kakao-Resource-ID and User-Agent, and no other header', async () => {
		const id = resourceId();
		const others = { Cookie: 'session=abc', 'X-Forwarded-For': '10.0.0.1', 'X-Other': 'other' };
		const run = await withHeaders().call(json(SEED_BODY, { ...kakaoHeaders(id), ...others }));
		const item = emittedItem(run);
		const headers = { 'x-kakao-resource-id': id, 'user-agent': 'KakaoOpenAPI/1.0' };
		expect(item).toEqual({ ...SEED_BODY, resource_id: id, headers });
		const text = JSON.stringify(item);
		expect(text).not.toContain(ADMIN_KEY);
		const notCopied = /authorization|KakaoAK|cookie|session=abc|10\.0\.0\.1|x-other|content-type/i;
		expect(text).not.toMatch(notCopied);
	});
	it('gives null for a header Kakao did not send', async () => {
		const { 'User-Agent': _omit, ...headers } = kakaoHeaders(undefined);
		const item = emittedItem(await withHeaders().call(json(SEED_BODY, headers)));
		expect(item.headers).toEqual({ 'x-kakao-resource-id': null, 'user-agent': null });
	});
	it('refuses a User-Agent longer than 256 characters (400), so nothing unbounded is copied', async () => {
		const headers = { ...kakaoHeaders(resourceId()), 'User-Agent': 'u'.repeat(257) };
		const run = await withHeaders().call(json(SEED_BODY, headers));
		expectAnswered(run, 400, badRequest('user-agent header is longer than 256 characters'));
	});
});

// Off by default (an event from 2020 runs, without headers): the sample curl rows of .webhook.test.ts.
describe('Max Event Age', () => {
	const minutesAgo = (minutes: number) =>
		new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
	const withinAnHour = (more = {}) => withOptions({ ignoreOlderThan: 60 }, more);
	const { updated_at: _omit, ...undated } = SEED_BODY;
	it('answers 200 with the reason and starts nothing for a stale event, whose resource id is not marked as seen', async () => {
		const options = { workflowId: 'wf-stale', nodeId: 'node-stale' };
		const [trigger, updatedAt, id] = [withinAnHour(options), minutesAgo(61), resourceId()];
		const run = await trigger.call(json({ ...SEED_BODY, updated_at: updatedAt }, kakaoHeaders(id)));
		const reason = `updated_at ${updatedAt} is 61 minutes old, more than Max Event Age (60 minutes)`;
		expectAnswered(run, 200, { received: true, ignored: IGNORED.stale, reason });
		// An operator sees it in n8n's log (a host clock off by an hour looks just like this).
		expectOneWarning(trigger, `ignored a stale event: ${reason}`, id);
		expect(emittedItem(await createTrigger(options).call(sample(id))).resource_id).toBe(id);
	});
	it.each([
		['inside the window', { ...SEED_BODY, updated_at: minutesAgo(5) }],
		['without a date', undated],
		['from the future', { ...SEED_BODY, updated_at: minutesAgo(-10) }],
	])('runs an event %s', async (_label, body) => {
		expect(emittedItem(await withinAnHour().call(json(body))).event).toBe('added');
	});
	it('dates a legacy payload by its timestamp', async () => {
		const run = await withinAnHour().call(json({ ...undated, timestamp: Date.now() - 7_200_000 }));
		const reason = expect.stringMatching(/ is 120 minutes old/);
		expect(run.response.body).toMatchObject({ received: true, ignored: IGNORED.stale, reason });
	});
	it('a bad value from an expression is a 500 configuration error, never "off"; not shown to a caller without the key', async () => {
		const trigger = withOptions({ ignoreOlderThan: -5 });
		const reason = 'Max Event Age must be a number of minutes from 0 (off) to 52704000';
		expectAnswered(await trigger.call(sample()), 500, { error: 'configuration_error', reason });
		expect((await trigger.call(sample(undefined, 'wrong'))).response.statusCode).toBe(401);
	});
});
