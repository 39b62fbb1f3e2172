/**
 * KakaoChannelTrigger.webhook() through n8n's own WebhookContext (see harness.ts): one test per
 * answer the node can give, and for every refusal that it started nothing (no workflowData).
 */
import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { MAX_BODY_BYTES } from '../../../nodes/KakaoChannelTrigger/webhook/body';
import { VERIFY_FAILURES } from '../../../nodes/KakaoChannelTrigger/webhook/verify';
import {
	ADMIN_KEY,
	TRIGGER_VERSION,
	buildRequest,
	createTrigger,
	kakaoHeaders,
	triggerLogs,
	type HarnessOptions,
} from './harness';
import { SAMPLE_CURL_BODY as SEED_CURL_BODY } from '../../support/kakaoWebhook';
import { SEED_BODY, expectAnswered, expectEmitted, json, resourceIds } from './requests';

const resourceId = resourceIds('Rvy');
const SEED = JSON.stringify(SEED_BODY);

afterEach(() => {
	recentDeliveries.clear();
	triggerLogs.length = 0;
});

describe('the seed sample (curl in the Kakao webhook page)', () => {
	it('is emitted as one item with the documented fields', async () => {
		const trigger = createTrigger();
		const run = await trigger.call(
			buildRequest(SEED_CURL_BODY, {
				Authorization: `KakaoAK ${ADMIN_KEY}`,
				'Content-Type': 'application/json',
			}),
		);
		expectEmitted(run, [{ ...SEED_BODY, resource_id: null }]);
	});

	it('carries X-Kakao-Resource-ID as resource_id when Kakao sends it', async () => {
		const trigger = createTrigger();
		const run = await trigger.call(
			buildRequest(SEED_CURL_BODY, kakaoHeaders('Rvy1c2dkzBAZ5hGD3rqYbxvr')),
		);
		expectEmitted(run, [{ ...SEED_BODY, resource_id: 'Rvy1c2dkzBAZ5hGD3rqYbxvr' }]);
	});
});

describe('200: emitted', () => {
	it('emits a blocked event', async () => {
		const id = resourceId();
		const run = await createTrigger().call(
			json({ ...SEED_BODY, event: 'blocked', id_type: 'open_id' }, kakaoHeaders(id)),
		);
		expectEmitted(run, [{ ...SEED_BODY, event: 'blocked', id_type: 'open_id', resource_id: id }]);
	});

	it('gives the same item for a legacy payload', async () => {
		const id = resourceId();
		const run = await createTrigger().call(
			json(
				{
					event: 'added',
					id: '1111',
					id_type: 'app_user_id',
					plus_friend_public_id: '_FLX',
					plus_friend_uuid: '@ad',
					timestamp: 1577836800000,
				},
				kakaoHeaders(id),
			),
		);
		expectEmitted(run, [{ ...SEED_BODY, resource_id: id }]);
	});

	it('reads a JSON body that n8n did not parse (no content type)', async () => {
		const headers = kakaoHeaders(resourceId());
		delete headers['Content-Type'];
		const request = buildRequest(SEED_CURL_BODY, headers);
		// Version 1: n8n read the bytes and parsed nothing. Version 2: n8n left them unread.
		if (TRIGGER_VERSION === 1) expect(request.body).toEqual({});
		else expect(request.rawBody).toBeUndefined();
		const run = await createTrigger().call(request);
		expect(run.result.workflowData?.[0][0].json.event).toBe('added');
		expect(request.rawBodyReads).toBe(TRIGGER_VERSION === 1 ? 0 : 1);
	});

	it('reads a body n8n left unread only after the key is verified', async () => {
		const headers = kakaoHeaders(resourceId(), 'not-the-admin-key');
		delete headers['Content-Type'];
		const request = buildRequest(SEED_CURL_BODY, headers);
		const run = await createTrigger().call(request);
		expectAnswered(run, 401, { error: 'unauthorized' });
		expect(request.rawBodyReads).toBe(0);
	});

	it('reads a JSON body sent as text/plain', async () => {
		const request = buildRequest(SEED_CURL_BODY, {
			...kakaoHeaders(resourceId()),
			'Content-Type': 'text/plain',
		});
		expect(typeof request.body).toBe('string');
		const run = await createTrigger().call(request);
		expect(run.result.workflowData?.[0][0].json.id).toBe('1111');
	});

	it('emits a listed channel, given as an ID, a URL or a search ID', async () => {
		for (const channelIds of ['_FLX', 'https://pf.kakao.com/_FLX', '_Other, @AD']) {
			const run = await createTrigger({ parameters: { options: { channelIds } } }).call(
				json(SEED_BODY),
			);
			expect(run.result.workflowData).toHaveLength(1);
		}
	});

	it('works in a test (manual) run from "Listen for test event"', async () => {
		const run = await createTrigger({ mode: 'manual' }).call(json(SEED_BODY));
		expect(run.result.workflowData?.[0]).toHaveLength(1);
	});
});

describe('200: ignored, nothing started', () => {
	it('an event that is not selected', async () => {
		const trigger = createTrigger({ parameters: { events: ['blocked'] } });
		expectAnswered(await trigger.call(json(SEED_BODY)), 200, {
			received: true,
			ignored: IGNORED.event,
		});
		// ...while the selected one goes through
		const run = await trigger.call(json({ ...SEED_BODY, event: 'blocked' }));
		expect(run.result.workflowData).toHaveLength(1);
	});

	it('no event selected at all', async () => {
		const trigger = createTrigger({ parameters: { events: [] } });
		expectAnswered(await trigger.call(json(SEED_BODY)), 200, {
			received: true,
			ignored: IGNORED.event,
		});
	});

	it('a channel outside the filter', async () => {
		const trigger = createTrigger({ parameters: { options: { channelIds: '_Other, @other' } } });
		expectAnswered(await trigger.call(json(SEED_BODY)), 200, {
			received: true,
			ignored: IGNORED.channel,
		});
	});

	it('a filter with only invalid entries lets nothing through', async () => {
		const trigger = createTrigger({ parameters: { options: { channelIds: 'my channel' } } });
		expectAnswered(await trigger.call(json(SEED_BODY)), 200, {
			received: true,
			ignored: IGNORED.channel,
		});
	});
});

describe('400: bad body, nothing started', () => {
	const cases: Array<[string, string, string]> = [
		['an array', JSON.stringify([SEED_BODY]), 'body must be a JSON object'],
		['a JSON string', JSON.stringify('added'), 'body must be a JSON object'],
		['null', 'null', 'body must be a JSON object'],
		['a number', '42', 'body must be a JSON object'],
		['an empty object', '{}', 'missing event'],
		['no event', JSON.stringify({ ...SEED_BODY, event: undefined }), 'missing event'],
		['no id', JSON.stringify({ ...SEED_BODY, id: undefined }), 'missing id'],
		[
			'event "deleted"',
			JSON.stringify({ ...SEED_BODY, event: 'deleted' }),
			'unsupported event "deleted" (expected "added" or "blocked")',
		],
		[
			'a non-numeric timestamp',
			JSON.stringify({ event: 'added', id: '1', timestamp: 'soon' }),
			'timestamp must be a number of epoch milliseconds',
		],
	];

	it.each(cases)('%s', async (_label, raw, reason) => {
		const run = await createTrigger().call(buildRequest(raw, kakaoHeaders(resourceId())));
		expectAnswered(run, 400, { error: 'bad_request', reason });
	});

	it('a body that is not JSON (sent without a JSON content type)', async () => {
		const run = await createTrigger().call(
			buildRequest('event=added&id=1111', {
				...kakaoHeaders(resourceId()),
				'Content-Type': 'application/x-www-form-urlencoded',
			}),
		);
		expectAnswered(run, 400, { error: 'bad_request', reason: 'body is not valid JSON' });
	});

	it('a body n8n left unread and then failed to read (aborted, or over its own limit)', async () => {
		const headers = kakaoHeaders(resourceId());
		delete headers['Content-Type'];
		const request = buildRequest(undefined, headers);
		request.rawBody = undefined;
		request.readRawBody = async () => {
			throw new Error('request aborted');
		};
		const run = await createTrigger().call(request);
		expectAnswered(run, 400, { error: 'bad_request', reason: 'the body could not be read' });
	});

	it('no body at all', async () => {
		const run = await createTrigger().call(buildRequest(undefined, kakaoHeaders(resourceId())));
		expectAnswered(run, 400, { error: 'bad_request', reason: 'missing event' });
	});

	it('an X-Kakao-Resource-ID longer than 256 characters', async () => {
		const run = await createTrigger().call(json(SEED_BODY, kakaoHeaders('r'.repeat(257))));
		expectAnswered(run, 400, {
			error: 'bad_request',
			reason: 'X-Kakao-Resource-ID is longer than 256 characters',
		});
	});
});

describe('401: not from Kakao, nothing started; the reason goes to the log only', () => {
	const noKey = { adminKey: '', restApiKey: 'rest' };
	const cases: Array<[string, HarnessOptions, string | undefined, string, string]> = [
		// label, trigger, Authorization (undefined: none), body, the reason in the log
		['no Authorization header', {}, undefined, SEED, VERIFY_FAILURES.missingHeader],
		['a wrong scheme', {}, `Bearer ${ADMIN_KEY}`, SEED, VERIFY_FAILURES.wrongScheme],
		['a wrong key', {}, 'KakaoAK wrong-key-wrong-key', SEED, VERIFY_FAILURES.wrongKey],
		['the scheme without a key', {}, 'KakaoAK', SEED, VERIFY_FAILURES.wrongKey],
		// even "KakaoAK " followed by nothing must not match an empty key
		['an empty admin key', { credential: noKey }, 'KakaoAK ', SEED, VERIFY_FAILURES.noAdminKey],
		[
			'no admin key field',
			{ credential: { restApiKey: 'rest' } },
			'KakaoAK ',
			SEED,
			VERIFY_FAILURES.noAdminKey,
		],
		[
			'a credential that cannot be loaded',
			{ credential: new Error('Credential "cred-1" not found') },
			`KakaoAK ${ADMIN_KEY}`,
			SEED,
			'the credential is not available',
		],
		// the key is checked before the body: an unauthenticated bad body is a 401, not a 400
		['a bad body with a wrong key', {}, 'KakaoAK nope-nope', '[]', VERIFY_FAILURES.wrongKey],
	];

	it.each(cases)('%s', async (_label, options, authorization, raw, reason) => {
		const id = resourceId();
		const headers = kakaoHeaders(id);
		if (authorization === undefined) delete headers.Authorization;
		else headers.Authorization = authorization;
		const trigger = createTrigger(options);
		const run = await trigger.call(buildRequest(raw, headers));
		// One body for every unauthenticated caller: it tells nothing about the credential.
		expectAnswered(run, 401, { error: 'unauthorized' });
		expect(triggerLogs).toEqual([
			{
				level: 'warn',
				message: `Kakao Channel Trigger: refused a request (401): ${reason}`,
				meta: { workflowId: trigger.workflow.id, nodeName: trigger.node.name, resourceId: id },
			},
		]);
		const logged = JSON.stringify(triggerLogs);
		for (const secret of [ADMIN_KEY, 'wrong-key', 'nope-nope', 'cred-1', 'Bearer']) {
			expect(logged).not.toContain(secret);
		}
	});

	it('logs a resource id it cannot print as a placeholder', async () => {
		const headers = { ...kakaoHeaders('id\u001b[31m'), Authorization: 'KakaoAK forged' };
		await createTrigger().call(json(SEED_BODY, headers));
		expect(triggerLogs[0].meta).toMatchObject({ resourceId: '(not printable)' });
	});
});

describe('413: too large, nothing started', () => {
	const tooLarge = {
		error: 'payload_too_large',
		reason: `body is larger than ${MAX_BODY_BYTES} bytes`,
	};

	it('refuses a body over the cap', async () => {
		const raw = JSON.stringify({ ...SEED_BODY, pad: 'x'.repeat(MAX_BODY_BYTES) });
		const run = await createTrigger().call(buildRequest(raw, kakaoHeaders(resourceId())));
		expectAnswered(run, 413, tooLarge);
	});

	it('refuses on Content-Length alone, before looking at the body', async () => {
		const request = buildRequest(JSON.stringify(SEED_BODY), {
			...kakaoHeaders(resourceId()),
			'Content-Length': String(MAX_BODY_BYTES + 1),
		});
		const run = await createTrigger().call(request);
		expectAnswered(run, 413, tooLarge);
	});

	it('accepts a body just under the cap', async () => {
		const raw = JSON.stringify({ ...SEED_BODY, pad: 'x'.repeat(MAX_BODY_BYTES - 300) });
		const run = await createTrigger().call(buildRequest(raw, kakaoHeaders(resourceId())));
		// accepted, and the unknown field is not copied into the item (Include Other Fields is off)
		expect(run.result.workflowData?.[0][0].json).toEqual({
			...SEED_BODY,
			resource_id: expect.any(String),
		});
	});
});

describe('fast: no I/O in webhook()', () => {
	it('reads the credential once for many requests and does nothing else that waits', async () => {
		const trigger = createTrigger();
		for (let i = 0; i < 200; i++) await trigger.call(json(SEED_BODY));
		// The admin key is cached (adminKeyCache.ts): one credential read for all 200.
		expect(trigger.lookups()).toBe(1);
	});
});
