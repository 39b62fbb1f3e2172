/**
 * KakaoChannelTrigger.webhook() through n8n's own WebhookContext (see harness.ts): one test per
 * answer the node can give, and for every refusal that it started nothing (no workflowData).
 */
import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { recentIdsRegistry } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { MAX_BODY_BYTES } from '../../../nodes/KakaoChannelTrigger/webhook/event';
import { VERIFY_FAILURES } from '../../../nodes/KakaoChannelTrigger/webhook/verify';
import {
	ADMIN_KEY,
	TRIGGER_VERSION,
	buildRequest,
	createTrigger,
	kakaoHeaders,
	type WebhookRun,
} from './harness';
import { SAMPLE_CURL_BODY as SEED_CURL_BODY, SAMPLE_EVENT } from '../../support/kakaoWebhook';

// Kakao's sample request (docs/kakao-api.md#webhook-body), a copy each test may change.
const SEED_BODY: Record<string, unknown> = { ...SAMPLE_EVENT };

let resourceCounter = 0;
/** A fresh 24-character id like Kakao's `Rvy1c2dkzBAZ5hGD3rqYbxvr`. */
function resourceId(): string {
	return `Rvy1c2dkzBAZ5hGD${String(++resourceCounter).padStart(8, '0')}`;
}

function json(body: unknown, headers: Record<string, string> = kakaoHeaders(resourceId())) {
	return buildRequest(JSON.stringify(body), headers);
}

/** The node answered the request itself and started nothing. */
function expectAnswered(run: WebhookRun, status: number, body: unknown) {
	expect(run.result).toEqual({ noWebhookResponse: true });
	expect(run.result.workflowData).toBeUndefined();
	expect(run.response.statusCode).toBe(status);
	expect(run.response.body).toEqual(body);
	expect(run.response.sent).toBe(1);
}

/** The node started the workflow with exactly these items and left the answer to n8n. */
function expectEmitted(run: WebhookRun, items: unknown[]) {
	expect(run.result.noWebhookResponse).toBeUndefined();
	expect(run.result.workflowData).toEqual([items.map((json) => ({ json }))]);
	expect(run.response.statusCode).toBeUndefined();
	expect(run.response.sent).toBe(0);
}

afterEach(() => recentIdsRegistry.clear());

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
		expectAnswered(run, 401, { error: 'unauthorized', reason: VERIFY_FAILURES.wrongKey });
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

	it('a duplicate X-Kakao-Resource-ID', async () => {
		const trigger = createTrigger();
		const headers = kakaoHeaders('Dup1c2dkzBAZ5hGD3rqYbxvr');
		expect((await trigger.call(json(SEED_BODY, headers))).result.workflowData).toHaveLength(1);
		expectAnswered(await trigger.call(json(SEED_BODY, headers)), 200, {
			received: true,
			ignored: IGNORED.duplicate,
		});
		// a third delivery too, and a different id still goes through
		expectAnswered(await trigger.call(json(SEED_BODY, headers)), 200, {
			received: true,
			ignored: IGNORED.duplicate,
		});
		expect((await trigger.call(json(SEED_BODY))).result.workflowData).toHaveLength(1);
	});

	it('a duplicate is caught across node instances (n8n builds one per request)', async () => {
		const options = { workflowId: 'wf-shared', nodeId: 'node-shared' };
		const headers = kakaoHeaders('Dup2c2dkzBAZ5hGD3rqYbxvr');
		expect(
			(await createTrigger(options).call(json(SEED_BODY, headers))).result.workflowData,
		).toHaveLength(1);
		expectAnswered(await createTrigger(options).call(json(SEED_BODY, headers)), 200, {
			received: true,
			ignored: IGNORED.duplicate,
		});
	});

	it('duplicates are tracked per trigger, and test runs apart from production', async () => {
		const headers = kakaoHeaders('Dup3c2dkzBAZ5hGD3rqYbxvr');
		const base = { workflowId: 'wf-a', nodeId: 'node-a' };
		for (const options of [
			base,
			{ ...base, workflowId: 'wf-b' },
			{ ...base, nodeId: 'node-b' },
			{ ...base, mode: 'manual' as const },
		]) {
			const run = await createTrigger(options).call(json(SEED_BODY, headers));
			expect(run.result.workflowData).toHaveLength(1);
		}
	});

	it('deliveries without X-Kakao-Resource-ID are never treated as duplicates', async () => {
		const trigger = createTrigger();
		const headers = kakaoHeaders(undefined);
		for (let i = 0; i < 3; i++) {
			expect((await trigger.call(json(SEED_BODY, headers))).result.workflowData).toHaveLength(1);
		}
	});

	it('a filtered or refused delivery does not make the id a duplicate', async () => {
		const headers = kakaoHeaders('Dup4c2dkzBAZ5hGD3rqYbxvr');
		const options = { workflowId: 'wf-p', nodeId: 'node-p' };
		// refused: bad body; filtered: channel not selected
		expect(
			(await createTrigger(options).call(json({ event: 'added' }, headers))).response.statusCode,
		).toBe(400);
		const filtered = createTrigger({
			...options,
			parameters: { options: { channelIds: '_Other' } },
		});
		expect((await filtered.call(json(SEED_BODY, headers))).response.body).toEqual({
			received: true,
			ignored: IGNORED.channel,
		});
		// the genuine delivery still starts the workflow
		expect(
			(await createTrigger(options).call(json(SEED_BODY, headers))).result.workflowData,
		).toHaveLength(1);
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

describe('401: not from Kakao, nothing started', () => {
	it.each([
		['no Authorization header', undefined, VERIFY_FAILURES.missingHeader],
		['a wrong scheme', `Bearer ${ADMIN_KEY}`, VERIFY_FAILURES.wrongScheme],
		['a wrong key', 'KakaoAK wrong-key-wrong-key-wrong-key', VERIFY_FAILURES.wrongKey],
		['the scheme without a key', 'KakaoAK', VERIFY_FAILURES.wrongKey],
	])('%s', async (_label, authorization, reason) => {
		const headers = kakaoHeaders(resourceId());
		if (authorization === undefined) delete headers.Authorization;
		else headers.Authorization = authorization;
		const run = await createTrigger().call(json(SEED_BODY, headers));
		expectAnswered(run, 401, { error: 'unauthorized', reason });
		expect(JSON.stringify(run.response.body)).not.toContain(ADMIN_KEY);
	});

	it.each([
		['an empty admin key', { adminKey: '', restApiKey: 'rest' }],
		['no admin key field', { restApiKey: 'rest' }],
	])('a credential with %s (fails closed)', async (_label, credential) => {
		const run = await createTrigger({ credential }).call(
			// even "KakaoAK " followed by nothing must not match an empty key
			json(SEED_BODY, { ...kakaoHeaders(resourceId()), Authorization: 'KakaoAK ' }),
		);
		expectAnswered(run, 401, { error: 'unauthorized', reason: VERIFY_FAILURES.noAdminKey });
	});

	it('a credential that cannot be loaded', async () => {
		const run = await createTrigger({
			credential: new Error('Credential "cred-1" not found'),
		}).call(json(SEED_BODY));
		expectAnswered(run, 401, { error: 'unauthorized', reason: 'the credential is not available' });
		expect(JSON.stringify(run.response.body)).not.toContain('cred-1');
	});

	it('checks the key before the body: an unauthenticated bad body is a 401, not a 400', async () => {
		const headers = { ...kakaoHeaders(resourceId()), Authorization: 'KakaoAK nope' };
		const run = await createTrigger().call(buildRequest('[]', headers));
		expectAnswered(run, 401, { error: 'unauthorized', reason: VERIFY_FAILURES.wrongKey });
	});

	it('an unauthenticated request never marks its id as seen', async () => {
		const options = { workflowId: 'wf-401', nodeId: 'node-401' };
		const id = 'Aut1c2dkzBAZ5hGD3rqYbxvr';
		await createTrigger(options).call(
			json(SEED_BODY, { ...kakaoHeaders(id), Authorization: 'KakaoAK forged' }),
		);
		const run = await createTrigger(options).call(json(SEED_BODY, kakaoHeaders(id)));
		expect(run.result.workflowData).toHaveLength(1);
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
