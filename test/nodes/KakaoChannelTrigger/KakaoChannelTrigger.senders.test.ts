// Only Kakao's Servers through n8n's WebhookContext (harness.ts): the trigger reads the emulator's
// callback addresses (loopback and 192.0.2.0/24) with the admin key, and accepts only those.
import {
	IP_LIST_PATH,
	requestInboundIps,
} from '../../../nodes/KakaoChannelTrigger/webhook/inboundIpRequest';
import { SENDER_WAIT_MS } from '../../../nodes/KakaoChannelTrigger/webhook/senders';
import { useKakaoEmulator } from '../../support/emulator';
import { apiCredentials } from '../../support/engineHelpers';
import {
	UNAUTHORIZED,
	createTrigger,
	emittedItem,
	expectAnswered,
	expectOneWarning,
	sample,
	triggerLogs,
	type HarnessOptions,
} from './harness';

const emu = useKakaoEmulator();

const emulatorCredential = (baseUrl = emu.baseUrl) =>
	apiCredentials(emu, { baseUrl }).kakaoChannelApi;
const parameters = { options: { onlyKakaoServers: true } };
const onlyKakao = (extra: HarnessOptions = {}) =>
	createTrigger({ credential: emulatorCredential(), parameters, ...extra });
/** The sample event, with the emulator's admin key, from this address. */
const from = (ip: string) => Object.assign(sample(undefined, emu.adminKey), { ip });
const local = () => from('127.0.0.1');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const listCalls = () => emu.requests.filter((r) => r.path === IP_LIST_PATH);

it('is off by default: any address is accepted and Kakao is never asked', async () => {
	const trigger = createTrigger({ credential: emulatorCredential() });
	expect(await trigger.activate()).toBe(true);
	emittedItem(await trigger.call(from('203.0.113.9')));
	expect(listCalls()).toHaveLength(0);
});
describe('allowed: an address in the callback list', () => {
	const callbacks = ['127.0.0.1', '::ffff:127.0.0.1', '::1', '192.0.2.77', '2001:db8:1::5'];
	it.each(callbacks)('%s starts the workflow', async (ip) => {
		emittedItem(await onlyKakao().call(from(ip)));
	});
	it('asks Kakao once, for the inbound list, with the admin key and no redirect', async () => {
		const trigger = onlyKakao();
		await Promise.all(Array.from({ length: 20 }, () => trigger.call(local())));
		await trigger.call(local());
		expect(listCalls()).toHaveLength(1);
		expect(listCalls()[0]).toMatchObject({
			method: 'GET',
			query: { rule_type: 'inbound' },
			headers: expect.objectContaining({ authorization: `KakaoAK ${emu.adminKey}` }),
		});
	});
	it('on activation the list is fetched before the first request, which then waits for nothing', async () => {
		const trigger = onlyKakao();
		expect(await trigger.activate()).toBe(true);
		for (let i = 0; i < 100 && listCalls().length === 0; i++) await sleep(20);
		await sleep(50); // the answer is read and cached
		// From now on Kakao fails: the request can only pass with the list fetched on activation.
		emu.injectFault({ path: IP_LIST_PATH, fault: { kind: 'http', status: 500 }, times: Infinity });
		emittedItem(await trigger.call(local()));
		expect(listCalls()).toHaveLength(1);
	});
});
describe('refused: 403 with the reason, nothing started', () => {
	// 198.51.100.0/24 is the scrap service
	const others = ['203.0.113.9', '198.51.100.7', '::ffff:203.0.113.9', '2001:db8:2::1'];
	it.each(others)('%s (not a callback address)', async (ip) => {
		const [trigger, request] = [onlyKakao(), from(ip)];
		const reason = `${ip} is not one of Kakao's callback addresses (list of 2025-01-15)`;
		expectAnswered(await trigger.call(request), 403, { error: 'forbidden', reason });
		const id = request.headers['x-kakao-resource-id'];
		expectOneWarning(trigger, `refused a request (403): ${reason}`, id);
	});
	it('an unauthenticated caller still gets the one 401 body, and Kakao is not asked', async () => {
		const request = from('203.0.113.9');
		request.headers.authorization = 'KakaoAK forged';
		expectAnswered(await onlyKakao().call(request), 401, UNAUTHORIZED);
		expect(listCalls()).toHaveLength(0);
	});
});
describe('the list unavailable: 503, nothing started (fail closed)', () => {
	const reason =
		"Kakao's list of callback addresses could not be read (see the n8n log); nothing was run";
	const unverified = { error: 'sender_unverified', reason };
	const http = (status: number, more = {}) => ({ kind: 'http' as const, status, ...more });
	const redirect = http(302, { body: '', contentType: 'text/plain' });
	const UNREADABLE = "Kakao Channel Trigger: could not read Kakao's callback addresses: ";
	const SHAPE = 'the answer is not the documented list (updatedDate is not a YYYY-MM-DD date)';
	it.each([
		['Kakao answers 500', http(500), 'HTTP 500'],
		['Kakao answers -401', { kind: 'kakao' as const, code: -401 }, 'HTTP 401'],
		['a redirect, which is not followed', redirect, 'HTTP 302'],
		['an answer of another shape', http(200, { body: '{"ips":["127.0.0.1"]}' }), SHAPE],
	])('%s', async (_label, fault, logged) => {
		emu.injectFault({ path: IP_LIST_PATH, fault, times: Infinity });
		const trigger = onlyKakao();
		expectAnswered(await trigger.call(local()), 503, unverified);
		const calls = listCalls().length; // n8n's helper sends a 401 call twice (its own retry)
		expect(triggerLogs[0].message).toBe(`${UNREADABLE}${logged}`);
		expect(JSON.stringify(triggerLogs)).not.toContain(emu.adminKey);
		// Within the failure hold, the next request does not ask Kakao again.
		expectAnswered(await trigger.call(local()), 503, unverified);
		expect(listCalls()).toHaveLength(calls);
	});
	it('a slow list: the request waits at most about 1.5 s, a later one uses the list', async () => {
		emu.injectFault({ path: IP_LIST_PATH, fault: { kind: 'latency', ms: 2_500 } });
		const [trigger, started] = [onlyKakao(), Date.now()];
		expectAnswered(await trigger.call(local()), 503, unverified);
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThanOrEqual(SENDER_WAIT_MS - 50);
		expect(waited).toBeLessThan(SENDER_WAIT_MS + 900);
		await sleep(1_500);
		emittedItem(await trigger.call(local()));
		expect(listCalls()).toHaveLength(1);
	});
});
describe('the call to Kakao', () => {
	it('ends at its deadline however long Kakao takes', async () => {
		emu.injectFault({ path: IP_LIST_PATH, fault: { kind: 'latency', ms: 3_000 } });
		const started = Date.now();
		await expect(requestInboundIps(onlyKakao().context(local()), 300)).rejects.toThrow();
		expect(Date.now() - started).toBeLessThan(1_500);
	});
	it.each([
		['file:///etc/passwd', 'uses the scheme file, not https'],
		['http://10.0.0.5:8080', 'uses http:// for a host other than this machine'],
		['http://127.0.0.1:1/admin?x=', 'has a path (/admin)'],
		['https://kapi.kakao.com#', 'has a fragment'],
	])('goes nowhere with the Base URL %s (the package-wide Base URL rule)', async (baseUrl, why) => {
		const trigger = onlyKakao({ credential: emulatorCredential(baseUrl) });
		await expect(requestInboundIps(trigger.context(local()), 1_000)).rejects.toThrow(why);
		expect(listCalls()).toHaveLength(0);
	});
});
