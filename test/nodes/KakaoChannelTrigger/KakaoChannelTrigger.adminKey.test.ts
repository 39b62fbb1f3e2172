/**
 * The admin key cache as the trigger uses it, through n8n's WebhookContext (harness.ts): reads of
 * the credential are counted at n8n's credentials helper, the clock is jest's.
 */
import {
	ADMIN_KEY,
	buildRequest,
	createTrigger,
	kakaoHeaders,
	resetTrigger,
	type WebhookRun,
} from './harness';

const BODY = JSON.stringify({ event: 'added', id: '1111', id_type: 'app_user_id' });
const ROTATED = 'rotated-admin-key';
const credential = (adminKey: string) => ({
	adminKey,
	restApiKey: 'rest',
	baseUrl: 'https://kapi.kakao.com',
});
const request = (key: string) => buildRequest(BODY, kakaoHeaders(undefined, key));
/** It started the workflow with one item. */
const started = (run: WebhookRun) =>
	run.result.workflowData?.length === 1 && run.result.workflowData[0].length === 1;
const refused = (run: WebhookRun) =>
	run.response.statusCode === 401 && run.result.workflowData === undefined;
const later = (ms: number) => jest.setSystemTime(Date.now() + ms);

afterEach(() => {
	jest.useRealTimers();
	resetTrigger();
});

describe('the trigger reads its admin key through the cache', () => {
	it('50 simultaneous first requests make one credential read', async () => {
		const trigger = createTrigger();
		const runs = await Promise.all(
			Array.from({ length: 50 }, () => trigger.call(request(ADMIN_KEY))),
		);
		expect(runs.every(started)).toBe(true);
		expect(trigger.lookups()).toBe(1);
	});

	it('a rotated key is accepted at once; the old one is refused within 60 s', async () => {
		jest.useFakeTimers({ now: 1_700_000_000_000 });
		const trigger = createTrigger();
		expect(started(await trigger.call(request(ADMIN_KEY)))).toBe(true);
		trigger.setCredential(credential(ROTATED));
		later(5_000);
		expect(started(await trigger.call(request(ROTATED)))).toBe(true);
		// The mismatch re-read replaced the entry, so the old key is already refused.
		expect((await trigger.call(request(ADMIN_KEY))).response.statusCode).toBe(401);
		expect(trigger.lookups()).toBe(2);
	});

	it('without traffic on the new key, the old key stops working once the entry is 60 s old', async () => {
		jest.useFakeTimers({ now: 1_700_000_000_000 });
		const trigger = createTrigger();
		await trigger.call(request(ADMIN_KEY));
		trigger.setCredential(credential(ROTATED));
		later(44_000);
		expect(started(await trigger.call(request(ADMIN_KEY)))).toBe(true);
		later(16_000);
		expect((await trigger.call(request(ADMIN_KEY))).response.statusCode).toBe(401);
	});

	it('forged keys in a burst cost one credential read, and every one is a 401', async () => {
		const trigger = createTrigger();
		await trigger.call(request(ADMIN_KEY));
		const forged = await Promise.all(
			Array.from({ length: 100 }, (_, i) => trigger.call(request(`forged-key-${i}`))),
		);
		expect(forged.every(refused)).toBe(true);
		expect(trigger.lookups()).toBe(2);
	});

	it('a credential that cannot be read is a 401 for the next second without another read', async () => {
		jest.useFakeTimers({ now: 1_700_000_000_000 });
		const trigger = createTrigger({
			credential: new Error('Credential with ID "x" does not exist'),
		});
		for (let i = 0; i < 10; i++)
			expect((await trigger.call(request(ADMIN_KEY))).response.body).toEqual({
				error: 'unauthorized',
			});
		expect(trigger.lookups()).toBe(1);
		trigger.setCredential(credential(ADMIN_KEY));
		later(1_000);
		expect(started(await trigger.call(request(ADMIN_KEY)))).toBe(true);
		expect(trigger.lookups()).toBe(2);
	});

	it('two workflows on the same credential each read it (n8n checks access per workflow)', async () => {
		const [a, b] = [
			createTrigger({ credentialId: 'shared' }),
			createTrigger({ credentialId: 'shared' }),
		];
		for (const trigger of [a, b, a]) await trigger.call(request(ADMIN_KEY));
		expect([a.lookups(), b.lookups()]).toEqual([1, 1]);
	});
});
