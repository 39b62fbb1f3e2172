// webhook() in n8n's WebhookContext (harness.ts): each answer the node gives, that a refusal starts
// nothing, and what it remembers between requests (delivery ids; the admin key, whose bounds
// webhook/adminKeyCache.test.ts checks on a test clock).
import { IGNORED } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { MAX_BODY_BYTES } from '../../../nodes/KakaoChannelTrigger/webhook/body';
import { recentDeliveries } from '../../../nodes/KakaoChannelTrigger/webhook/dedupe';
import { VERIFY_FAILURES } from '../../../nodes/KakaoChannelTrigger/webhook/verify';
import {
	SAMPLE_CURL_BODY,
	SAMPLE_LEGACY_EVENT,
	SAMPLE_RESOURCE_ID,
} from '../../support/kakaoWebhook';
import {
	ADMIN_KEY,
	SEED_BODY,
	TRIGGER_VERSION,
	badRequest,
	buildRequest,
	createTrigger,
	emittedItem,
	expectAnswered,
	json,
	kakaoHeaders,
	resourceId,
	sample,
	seedWith,
	triggerLogs,
	UNAUTHORIZED,
	expectOneWarning,
	credentialWith,
	type HarnessOptions,
	type Trigger,
} from './harness';

const SEED = JSON.stringify(SEED_BODY);
/** Kakao's headers without a Content-Type: n8n parses nothing (version 2: leaves it unread). */
const untyped = (adminKey?: string) => {
	const { 'Content-Type': _omit, ...headers } = kakaoHeaders(resourceId(), adminKey);
	return headers;
};
const channels = (channelIds: string) => ({ options: { channelIds } });

describe('200: emitted', () => {
	const curlHeaders = { Authorization: `KakaoAK ${ADMIN_KEY}`, 'Content-Type': 'application/json' };
	const blocked = { ...SEED_BODY, event: 'blocked', id_type: 'open_id' };
	// label, body, X-Kakao-Resource-ID (null: the curl's own headers, without one), the item
	it.each([
		['the sample curl of the Kakao webhook page', SAMPLE_CURL_BODY, null, SEED_BODY],
		['the sample curl with X-Kakao-Resource-ID', SAMPLE_CURL_BODY, SAMPLE_RESOURCE_ID, SEED_BODY],
		['a blocked event', JSON.stringify(blocked), SAMPLE_RESOURCE_ID, blocked],
		['a legacy payload', JSON.stringify(SAMPLE_LEGACY_EVENT), SAMPLE_RESOURCE_ID, SEED_BODY],
	])('%s', async (_label, raw, id, item) => {
		const headers = id === null ? curlHeaders : kakaoHeaders(id);
		const run = await createTrigger().call(buildRequest(raw, headers));
		expect(emittedItem(run)).toEqual({ ...item, resource_id: id });
	});
	it('reads a JSON body that n8n did not parse (no content type), and sent as text/plain', async () => {
		const request = buildRequest(SAMPLE_CURL_BODY, untyped());
		// Version 1: n8n read the bytes and parsed nothing. Version 2: n8n left them unread.
		if (TRIGGER_VERSION === 1) expect(request.body).toEqual({});
		else expect(request.rawBody).toBeUndefined();
		expect(emittedItem(await createTrigger().call(request)).event).toBe('added');
		expect(request.rawBodyReads).toBe(TRIGGER_VERSION === 1 ? 0 : 1);
		const plain = { ...kakaoHeaders(resourceId()), 'Content-Type': 'text/plain' };
		const text = buildRequest(SAMPLE_CURL_BODY, plain);
		expect(typeof text.body).toBe('string');
		expect(emittedItem(await createTrigger().call(text)).id).toBe('1111');
	});
	it('reads a body n8n left unread only after the key is verified', async () => {
		const request = buildRequest(SAMPLE_CURL_BODY, untyped('not-the-admin-key'));
		expectAnswered(await createTrigger().call(request), 401, UNAUTHORIZED);
		expect(request.rawBodyReads).toBe(0);
	});
	const listed = (channelIds: string) => ({ parameters: channels(channelIds) });
	const blockedOnly = { parameters: { events: ['blocked'] } };
	it.each<[string, HarnessOptions, object]>([
		['a listed channel given as an ID', listed('_FLX'), SEED_BODY],
		['a listed channel given as a URL', listed('https://pf.kakao.com/_FLX'), SEED_BODY],
		['a listed channel given as a search ID', listed('_Other, @AD'), SEED_BODY],
		['in a test (manual) run from "Listen for test event"', { mode: 'manual' }, SEED_BODY],
		['a selected event', blockedOnly, { ...SEED_BODY, event: 'blocked' }],
	])('emits %s', async (_label, options, body) => {
		emittedItem(await createTrigger(options).call(json(body)));
	});
});
it.each([
	['an event that is not selected', { events: ['blocked'] }, IGNORED.event],
	['no event selected at all', { events: [] }, IGNORED.event],
	['a channel outside the filter', channels('_Other, @other'), IGNORED.channel],
	['a filter with only invalid entries', channels('my channel'), IGNORED.channel],
])('200, ignored, nothing started: %s', async (_label, parameters, ignored) => {
	const run = await createTrigger({ parameters }).call(sample());
	expectAnswered(run, 200, { received: true, ignored });
});
describe('400: bad body, nothing started', () => {
	const NOT_AN_OBJECT = 'body must be a JSON object';
	const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
	const longId = { 'X-Kakao-Resource-ID': 'r'.repeat(257) };
	const deleted = 'unsupported event "deleted" (expected "added" or "blocked")';
	const oddTimestamp = JSON.stringify({ event: 'added', id: '1', timestamp: 'soon' });
	// label, body, reason, headers over Kakao's
	it.each<[string, string | undefined, string, Record<string, string>?]>([
		['an array', JSON.stringify([SEED_BODY]), NOT_AN_OBJECT],
		['a JSON string', JSON.stringify('added'), NOT_AN_OBJECT],
		['null', 'null', NOT_AN_OBJECT],
		['a number', '42', NOT_AN_OBJECT],
		['an empty object', '{}', 'missing event'],
		['no event', seedWith({ event: undefined }), 'missing event'],
		['no id', seedWith({ id: undefined }), 'missing id'],
		['event "deleted"', seedWith({ event: 'deleted' }), deleted],
		['a non-numeric timestamp', oddTimestamp, 'timestamp must be a number of epoch milliseconds'],
		['no body at all', undefined, 'missing event'],
		['a body that is not JSON, as a form', 'event=added&id=1111', 'body is not valid JSON', form],
		['a long resource id', SEED, 'X-Kakao-Resource-ID is longer than 256 characters', longId],
	])('%s', async (_label, raw, reason, headers = {}) => {
		const request = buildRequest(raw, { ...kakaoHeaders(resourceId()), ...headers });
		expectAnswered(await createTrigger().call(request), 400, badRequest(reason));
	});
	const readErrors = ['request aborted', 'request entity too large'];
	it.each(readErrors)('a body n8n left unread and then failed to read (%s)', async (message) => {
		const request = buildRequest(undefined, untyped());
		request.readRawBody = () => Promise.reject(new Error(message));
		const run = await createTrigger().call(request);
		expectAnswered(run, 400, badRequest('the body could not be read'));
	});
});
describe('401: not from Kakao, nothing started; the reason goes to the log only', () => {
	const { missingHeader, wrongScheme, wrongKey, noAdminKey } = VERIFY_FAILURES;
	const [noKey, noField] = [{ adminKey: '', restApiKey: 'rest' }, { restApiKey: 'rest' }];
	const missing = new Error('Credential "cred-1" not found');
	const UNAVAILABLE = 'the credential is not available';
	// label, credential, Authorization (undefined: none), body, the reason in the log
	it.each<[string, HarnessOptions['credential'], string | undefined, string, string]>([
		['no Authorization header', undefined, undefined, SEED, missingHeader],
		['a wrong scheme', undefined, `Bearer ${ADMIN_KEY}`, SEED, wrongScheme],
		['a wrong key', undefined, 'KakaoAK wrong-key-wrong-key', SEED, wrongKey],
		['the scheme without a key', undefined, 'KakaoAK', SEED, wrongKey],
		// even "KakaoAK " followed by nothing must not match an empty key
		['an empty admin key', noKey, 'KakaoAK ', SEED, noAdminKey],
		['no admin key field', noField, 'KakaoAK ', SEED, noAdminKey],
		['an unloadable credential', missing, `KakaoAK ${ADMIN_KEY}`, SEED, UNAVAILABLE],
		// the key is checked before the body: an unauthenticated bad body is a 401, not a 400
		['a bad body with a wrong key', undefined, 'KakaoAK nope-nope', '[]', wrongKey],
	])('%s', async (_label, credential, Authorization, raw, reason) => {
		const id = resourceId();
		const { Authorization: _sent, ...headers } = kakaoHeaders(id);
		const trigger = createTrigger({ credential });
		const sent = Authorization === undefined ? headers : { ...headers, Authorization };
		// One body for every unauthenticated caller: it tells nothing about the credential.
		expectAnswered(await trigger.call(buildRequest(raw, sent)), 401, UNAUTHORIZED);
		expectOneWarning(trigger, `refused a request (401): ${reason}`, id);
		const logged = JSON.stringify(triggerLogs);
		for (const secret of [ADMIN_KEY, 'wrong-key', 'nope-nope', 'cred-1', 'Bearer'])
			expect(logged).not.toContain(secret);
	});
	it('a caller sending wrong keys at request rate gets one log line a minute, then a count', async () => {
		const trigger = createTrigger();
		const now = jest.spyOn(Date, 'now').mockReturnValue(1_700_000_000_000);
		try {
			const ids = [resourceId(), resourceId(), resourceId(), resourceId()];
			for (const id of ids.slice(0, 3)) await trigger.call(sample(id, 'wrong-key-wrong-key'));
			expectOneWarning(trigger, `refused a request (401): ${wrongKey}`, ids[0]);
			// Another trigger's lines are its own.
			const other = createTrigger();
			await other.call(sample(ids[3], 'wrong-key-wrong-key'));
			expect(triggerLogs).toHaveLength(2);
			now.mockReturnValue(1_700_000_060_000);
			expectAnswered(await trigger.call(sample(ids[3], 'wrong-key-wrong-key')), 401, UNAUTHORIZED);
			expect(triggerLogs[2].message).toBe(
				`Kakao Channel Trigger: refused a request (401): ${wrongKey} (2 more like it since the last such line, not logged)`,
			);
		} finally {
			now.mockRestore();
		}
	});
	it('logs a resource id it cannot print as a placeholder', async () => {
		await createTrigger().call(sample('id\u001b[31m', 'forged'));
		expect(triggerLogs[0].meta).toMatchObject({ resourceId: '(not printable)' });
	});
});
describe('413: too large, nothing started', () => {
	const reason = `body is larger than ${MAX_BODY_BYTES} bytes`;
	const tooLarge = { error: 'payload_too_large', reason };
	const padded = (length: number) => seedWith({ pad: 'x'.repeat(length) });
	it.each([
		['a body over the cap', padded(MAX_BODY_BYTES), {}],
		['on Content-Length alone', SEED, { 'Content-Length': String(MAX_BODY_BYTES + 1) }],
	])('refuses %s', async (_label, raw, headers) => {
		const request = buildRequest(raw, { ...kakaoHeaders(resourceId()), ...headers });
		expectAnswered(await createTrigger().call(request), 413, tooLarge);
	});
	it('accepts a body just under the cap, without the unknown field (Include Other Fields off)', async () => {
		const request = buildRequest(padded(MAX_BODY_BYTES - 300), kakaoHeaders(resourceId()));
		const item = emittedItem(await createTrigger().call(request));
		expect(item).toEqual({ ...SEED_BODY, resource_id: expect.any(String) });
	});
});

const DUPLICATE = { received: true, ignored: IGNORED.duplicate };
/** This delivery of the sample event started the workflow with one item. */
const starts = async (trigger: Trigger, id: string | null = resourceId()) =>
	emittedItem(await trigger.call(sample(id)));
const repeated = async (trigger: Trigger, id: string) =>
	expectAnswered(await trigger.call(sample(id)), 200, DUPLICATE);

describe('200: a repeated X-Kakao-Resource-ID starts nothing (ignored)', () => {
	it('a second and a third delivery, and to a new node instance (n8n builds one per request); a different id still goes through', async () => {
		const options = { workflowId: 'wf-shared', nodeId: 'node-shared' };
		const [trigger, id] = [createTrigger(options), resourceId()];
		await starts(trigger, id);
		for (const again of [trigger, trigger, createTrigger(options)]) await repeated(again, id);
		await starts(trigger);
	});
	it('per trigger, and test runs apart from production', async () => {
		const [id, base] = [resourceId(), { workflowId: 'wf-a', nodeId: 'node-a' }];
		const apart = [{ workflowId: 'wf-b' }, { nodeId: 'node-b' }, { mode: 'manual' as const }];
		for (const options of [{}, ...apart]) await starts(createTrigger({ ...base, ...options }), id);
	});
	it('150 triggers in turn, production and test runs, each catch their own repeats', async () => {
		const triggers = Array.from({ length: 150 }, (_, i) =>
			createTrigger({ workflowId: `wf-many-${i}`, mode: i % 2 ? 'manual' : 'webhook' }),
		);
		const ids = ['Many1c2dkzBAZ5hGD00000001', 'Many1c2dkzBAZ5hGD00000002'];
		for (const id of ids) for (const trigger of triggers) await starts(trigger, id);
		for (const trigger of triggers) for (const id of ids) await repeated(trigger, id);
		expect([recentDeliveries.triggerCount, recentDeliveries.size]).toEqual([150, 300]);
	});
	it('never a duplicate: deliveries without X-Kakao-Resource-ID, the id of a refused, filtered or unauthenticated delivery', async () => {
		const options = { workflowId: 'wf-p', nodeId: 'node-p' };
		const trigger = createTrigger(options);
		for (let i = 0; i < 3; i++) await starts(trigger, null);
		const id = resourceId();
		// refused: bad body; filtered: channel not selected; unauthenticated: a forged key
		const refused = await createTrigger(options).call(json({ event: 'added' }, kakaoHeaders(id)));
		expect(refused.response.statusCode).toBe(400);
		const filter = { ...options, parameters: { options: { channelIds: '_Other' } } };
		const filtered = await createTrigger(filter).call(sample(id));
		expect(filtered.response.body).toEqual({ received: true, ignored: IGNORED.channel });
		expect((await createTrigger(options).call(sample(id, 'forged'))).response.statusCode).toBe(401);
		await starts(createTrigger(options), id);
	});
});

const BODY = JSON.stringify({ event: 'added', id: '1111', id_type: 'app_user_id' });
const ROTATED = 'rotated-admin-key';
/** 1 if the request with this key started the workflow with one item, else the HTTP status. */
const send = async (trigger: Trigger, key: string) => {
	const run = await trigger.call(buildRequest(BODY, kakaoHeaders(undefined, key)));
	if (run.result.workflowData === undefined) return run.response.statusCode;
	return run.result.workflowData.length === 1 && run.result.workflowData[0].length === 1 ? 1 : 0;
};
const later = (ms: number) => jest.setSystemTime(Date.now() + ms);

describe('the admin key, read through n8n and cached', () => {
	afterEach(() => jest.useRealTimers());
	it('50 simultaneous first requests and 200 more make one read (no I/O in webhook()); 100 forged keys in a burst, one more', async () => {
		const trigger = createTrigger();
		const first = await Promise.all(Array.from({ length: 50 }, () => send(trigger, ADMIN_KEY)));
		expect(first).toEqual(Array(50).fill(1));
		for (let i = 0; i < 200; i++) expect(await send(trigger, ADMIN_KEY)).toBe(1);
		expect(trigger.lookups()).toBe(1);
		const forged = Array.from({ length: 100 }, (_, i) => send(trigger, `forged-key-${i}`));
		expect(await Promise.all(forged)).toEqual(Array(100).fill(401));
		expect(trigger.lookups()).toBe(2);
	});
	it('a rotated key is accepted at once, after which the old one is refused', async () => {
		jest.useFakeTimers({ now: 1_700_000_000_000 });
		const trigger = createTrigger();
		expect(await send(trigger, ADMIN_KEY)).toBe(1);
		trigger.setCredential(credentialWith(ROTATED));
		later(5_000);
		expect([await send(trigger, ROTATED), await send(trigger, ADMIN_KEY)]).toEqual([1, 401]);
		expect(trigger.lookups()).toBe(2);
	});
	it('without traffic on the new key, the old key stops working once the entry is 60 s old', async () => {
		jest.useFakeTimers({ now: 1_700_000_000_000 });
		const trigger = createTrigger();
		await send(trigger, ADMIN_KEY);
		trigger.setCredential(credentialWith(ROTATED));
		later(44_000);
		expect(await send(trigger, ADMIN_KEY)).toBe(1);
		later(16_000);
		expect(await send(trigger, ADMIN_KEY)).toBe(401);
	});
	it('two workflows on the same credential each read it (n8n checks access per workflow)', async () => {
		const [a, b] = [0, 1].map(() => createTrigger({ credentialId: 'shared' }));
		for (const trigger of [a, b, a]) await send(trigger, ADMIN_KEY);
		expect([a.lookups(), b.lookups()]).toEqual([1, 1]);
	});
});
