/**
 * The admin key cache as the trigger uses it, through n8n's WebhookContext (harness.ts): reads of
 * the credential are counted at n8n's credentials helper, the clock is jest's. The bounds
 * themselves are checked on a test clock in webhook/adminKeyCache.test.ts.
 */
import { ADMIN_KEY, buildRequest, createTrigger, credentialWith, kakaoHeaders } from './harness';
import type { Trigger } from './harness';

const BODY = JSON.stringify({ event: 'added', id: '1111', id_type: 'app_user_id' });
const ROTATED = 'rotated-admin-key';
/** 1 if the request with this key started the workflow with one item, else the HTTP status. */
const send = async (trigger: Trigger, key: string) => {
	const run = await trigger.call(buildRequest(BODY, kakaoHeaders(undefined, key)));
	if (run.result.workflowData === undefined) return run.response.statusCode;
	return run.result.workflowData.length === 1 && run.result.workflowData[0].length === 1 ? 1 : 0;
};
const later = (ms: number) => jest.setSystemTime(Date.now() + ms);

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
