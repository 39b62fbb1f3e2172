/**
 * The trigger's options and body bounds through n8n's own WebhookContext (see harness.ts):
 * Include Other Fields, Include Delivery Headers, Ignore Events Older Than, and the limits on `id`
 * and the channel fields.
 */
import { deepCopy } from 'n8n-workflow';

import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { MAX_BODY_BYTES } from '../../../nodes/KakaoChannelTrigger/webhook/body';
import {
	ADMIN_KEY,
	buildRequest,
	createTrigger,
	kakaoHeaders,
	triggerLogs,
	type WebhookRun,
} from './harness';
import { SEED_BODY, emittedItem, json, resourceIds } from './requests';

const resourceId = resourceIds('Opt');

function expectAnswered(run: WebhookRun, status: number, body: unknown) {
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.response.statusCode).toBe(status);
	expect(run.response.body).toEqual(body);
}

const badRequest = (reason: string) => ({ error: 'bad_request', reason });

afterEach(() => {
	recentDeliveries.clear();
	triggerLogs.length = 0;
});

describe('other fields', () => {
	// `{"event":...,"deep":[[[...]]]}`: 30,000 levels in about 60 KB, under the 64 KiB cap.
	const deepBody = `{"event":"added","id":"1111","id_type":"app_user_id","deep":${'['.repeat(30_000)}${']'.repeat(30_000)}}`;

	it('the deeply nested array is under the body cap and is what breaks n8n', () => {
		expect(Buffer.byteLength(deepBody)).toBeLessThan(MAX_BODY_BYTES);
		const parsed = JSON.parse(deepBody) as object;
		expect(() => deepCopy(parsed)).toThrow(RangeError);
		expect(() => JSON.stringify(parsed)).toThrow(RangeError);
	});

	it('by default the item has only the documented fields, and n8n can copy and serialise it', async () => {
		const id = resourceId();
		const item = emittedItem(await createTrigger().call(buildRequest(deepBody, kakaoHeaders(id))));
		const expected = {
			event: 'added',
			id: '1111',
			id_type: 'app_user_id',
			channel_public_id: null,
			channel_uuid: null,
			updated_at: null,
			resource_id: id,
		};
		expect(item).toEqual(expected);
		expect(deepCopy(item)).toEqual(expected);
		expect(JSON.parse(JSON.stringify(item))).toEqual(expected);
	});

	it('with Include Other Fields, the same body is refused with 400 and starts nothing', async () => {
		const trigger = createTrigger({ parameters: { options: { includeOtherFields: true } } });
		const run = await trigger.call(buildRequest(deepBody, kakaoHeaders(resourceId())));
		expectAnswered(
			run,
			400,
			badRequest(
				'other field "deep" is nested deeper than 10 levels (the limit of Include Other Fields)',
			),
		);
	});

	it('with Include Other Fields, fields within the caps are kept under extra', async () => {
		const trigger = createTrigger({ parameters: { options: { includeOtherFields: true } } });
		const item = emittedItem(
			await trigger.call(json({ ...SEED_BODY, tier: 'gold', tags: [{ a: [1, 2] }] })),
		);
		expect(item.extra).toEqual({ tier: 'gold', tags: [{ a: [1, 2] }] });
		expect(deepCopy(item)).toEqual(item);
	});

	it('with Include Other Fields, more than 16 KiB of other fields is refused with 400', async () => {
		const trigger = createTrigger({ parameters: { options: { includeOtherFields: true } } });
		const run = await trigger.call(json({ ...SEED_BODY, pad: 'x'.repeat(20_000) }));
		expectAnswered(
			run,
			400,
			badRequest(
				'other fields take 20010 bytes as JSON, more than 16384 (the limit of Include Other Fields)',
			),
		);
	});
});

describe('limits on id and the channel fields (400, nothing started)', () => {
	it.each([
		[
			'a 10,000-character id',
			{ id: '1'.repeat(10_000) },
			'id is out of the signed 64-bit range for id_type app_user_id',
		],
		[
			'an app user id past 2^63 - 1',
			{ id: '9223372036854775808' },
			'id is out of the signed 64-bit range for id_type app_user_id',
		],
		[
			'an app user id with letters',
			{ id: '11a1' },
			'id must be digits only for id_type app_user_id',
		],
		[
			'a 10,000-character open_id',
			{ id_type: 'open_id', id: 'o'.repeat(10_000) },
			'id must be 1 to 128 visible ASCII characters without spaces for id_type open_id',
		],
		[
			'a channel URL as channel_public_id',
			{ channel_public_id: 'https://pf.kakao.com/_FLX' },
			'channel_public_id must be _ followed by 1 to 63 letters or digits (such as _ZeUTxl)',
		],
		[
			'a channel_uuid with a space',
			{ channel_uuid: '@a d' },
			'channel_uuid must be @ followed by 1 to 63 characters without spaces (such as @ad)',
		],
	])('%s', async (_label, patch, reason) => {
		const run = await createTrigger().call(json({ ...SEED_BODY, ...patch }));
		expectAnswered(run, 400, badRequest(reason));
	});

	it('accepts the largest app user id and a 128-character open_id', async () => {
		const trigger = createTrigger();
		expect(
			emittedItem(await trigger.call(json({ ...SEED_BODY, id: '9223372036854775807' }))).id,
		).toBe('9223372036854775807');
		const openId = 'O'.repeat(128);
		expect(
			emittedItem(await trigger.call(json({ ...SEED_BODY, id_type: 'open_id', id: openId }))).id,
		).toBe(openId);
	});
});

describe('Include Delivery Headers', () => {
	it('is off by default: no headers in the item', async () => {
		const item = emittedItem(await createTrigger().call(json(SEED_BODY)));
		expect(item).not.toHaveProperty('headers');
	});

	it('adds X-Kakao-Resource-ID and User-Agent, and no other header', async () => {
		const trigger = createTrigger({ parameters: { options: { includeDeliveryHeaders: true } } });
		const id = resourceId();
		const headers = {
			...kakaoHeaders(id),
			Cookie: 'session=abc',
			'X-Forwarded-For': '10.0.0.1',
			'X-Other': 'other',
		};
		const item = emittedItem(await trigger.call(json(SEED_BODY, headers)));
		expect(item).toEqual({
			...SEED_BODY,
			resource_id: id,
			headers: { 'x-kakao-resource-id': id, 'user-agent': 'KakaoOpenAPI/1.0' },
		});
		const text = JSON.stringify(item);
		expect(text).not.toContain(ADMIN_KEY);
		expect(text).not.toMatch(
			/authorization|KakaoAK|cookie|session=abc|10\.0\.0\.1|x-other|content-type/i,
		);
	});

	it('gives null for a header Kakao did not send', async () => {
		const trigger = createTrigger({ parameters: { options: { includeDeliveryHeaders: true } } });
		const headers = kakaoHeaders(undefined);
		delete headers['User-Agent'];
		const item = emittedItem(await trigger.call(json(SEED_BODY, headers)));
		expect(item.headers).toEqual({ 'x-kakao-resource-id': null, 'user-agent': null });
	});

	it('refuses a User-Agent longer than 256 characters (400), so nothing unbounded is copied', async () => {
		const trigger = createTrigger({ parameters: { options: { includeDeliveryHeaders: true } } });
		const run = await trigger.call(
			json(SEED_BODY, { ...kakaoHeaders(resourceId()), 'User-Agent': 'u'.repeat(257) }),
		);
		expectAnswered(run, 400, badRequest('user-agent header is longer than 256 characters'));
	});
});

describe('Ignore Events Older Than', () => {
	const minutesAgo = (minutes: number) =>
		new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

	it('is off by default: an event from 2020 runs', async () => {
		expect(emittedItem(await createTrigger().call(json(SEED_BODY))).updated_at).toBe(
			'2020-01-01T00:00:00Z',
		);
	});

	it('answers 200 with the reason and starts nothing for a stale event', async () => {
		const trigger = createTrigger({ parameters: { options: { ignoreOlderThan: 60 } } });
		const updatedAt = minutesAgo(61);
		const id = resourceId();
		const run = await trigger.call(json({ ...SEED_BODY, updated_at: updatedAt }, kakaoHeaders(id)));
		expectAnswered(run, 200, {
			received: true,
			ignored: IGNORED.stale,
			reason: `updated_at ${updatedAt} is 61 minutes old, more than Ignore Events Older Than (60 minutes)`,
		});
		expect(run.result.workflowData).toBeUndefined();
		// An operator sees it in n8n's log (a host clock off by an hour looks just like this).
		expect(triggerLogs).toEqual([
			{
				level: 'warn',
				message: `Kakao Channel Trigger: ignored a stale event: ${(run.response.body as { reason: string }).reason}`,
				meta: { workflowId: trigger.workflow.id, nodeName: trigger.node.name, resourceId: id },
			},
		]);
	});

	it('runs an event inside the window, one without a date, and one from the future', async () => {
		const trigger = createTrigger({ parameters: { options: { ignoreOlderThan: 60 } } });
		const { updated_at: _omit, ...undated } = SEED_BODY;
		for (const body of [
			{ ...SEED_BODY, updated_at: minutesAgo(5) },
			undated,
			{ ...SEED_BODY, updated_at: minutesAgo(-10) },
		]) {
			expect(emittedItem(await trigger.call(json(body))).event).toBe('added');
		}
	});

	it('dates a legacy payload by its timestamp', async () => {
		const trigger = createTrigger({ parameters: { options: { ignoreOlderThan: 60 } } });
		const { updated_at: _omit, ...rest } = SEED_BODY;
		const run = await trigger.call(json({ ...rest, timestamp: Date.now() - 2 * 60 * 60_000 }));
		expect(run.response.body).toMatchObject({
			received: true,
			ignored: IGNORED.stale,
			reason: expect.stringMatching(/ is 120 minutes old/),
		});
	});

	it('a stale delivery does not mark its resource id as seen', async () => {
		const options = { workflowId: 'wf-stale', nodeId: 'node-stale' };
		const id = 'Sta1c2dkzBAZ5hGD3rqYbxvr';
		const stale = createTrigger({ ...options, parameters: { options: { ignoreOlderThan: 60 } } });
		expect((await stale.call(json(SEED_BODY, kakaoHeaders(id)))).response.body).toMatchObject({
			ignored: IGNORED.stale,
		});
		expect(
			emittedItem(await createTrigger(options).call(json(SEED_BODY, kakaoHeaders(id)))).resource_id,
		).toBe(id);
	});

	it('a bad value from an expression is a 500 configuration error, never "off"', async () => {
		const trigger = createTrigger({ parameters: { options: { ignoreOlderThan: -5 } } });
		const run = await trigger.call(json(SEED_BODY));
		expectAnswered(run, 500, {
			error: 'configuration_error',
			reason: 'Ignore Events Older Than must be a number of minutes from 0 (off) to 52704000',
		});
	});

	it('the configuration error is not shown to a caller without the key', async () => {
		const trigger = createTrigger({ parameters: { options: { ignoreOlderThan: -5 } } });
		const run = await trigger.call(
			json(SEED_BODY, { ...kakaoHeaders(resourceId()), Authorization: 'KakaoAK wrong' }),
		);
		expect(run.response.statusCode).toBe(401);
	});
});
