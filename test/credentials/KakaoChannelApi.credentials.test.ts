// The key credential: which key each call is signed with (authenticate), and the credential test
// as n8n's credentials tester runs it (n8n-core's CredentialTestContext) against the emulator:
// what each key, Base URL and answer gives.
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { KakaoChannelApi } from '../../credentials/KakaoChannelApi.credentials';
import { KakaoChannel } from '../../nodes/KakaoChannel/KakaoChannel.node';
import { KakaoChannelTrigger } from '../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { BASE_URL_RULE } from '../../nodes/shared/baseUrl';
import { KakaoEmulator, type Fault } from '../kakao-emulator';
import { useKakaoEmulator } from '../support/emulator';
import { authOf, testCredential } from '../support/engineHelpers';

const emu = useKakaoEmulator();
const node = new KakaoChannel();

/** Both of the emulator's keys, at the given Base URL (the emulator's unless said). */
const testWith = async (keys: ICredentialDataDecryptedObject = {}, baseUrl = emu.baseUrl) =>
	await testCredential({ adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl, ...keys });
const testBaseUrl = async (baseUrl: string) => await testWith({}, baseUrl);
const error = (message: string) => ({ status: 'Error', message });
const notReached = (why: string, check = 'Check the Base URL in the credential, and any proxy') =>
	error(
		`Could not reach Kakao at ${emu.baseUrl}: ${why}. The keys were not checked. ${check} between n8n and Kakao.`,
	);
const WRONG = '0123456789abcdef0123456789abcdef';
it('is the test the node declares for its key credential, and the trigger uses the same', () => {
	const declared = node.description.credentials!.find((c) => c.name === 'kakaoChannelApi');
	expect(declared?.testedBy).toBe('kakaoChannelApiTest');
	expect(new KakaoChannelTrigger().methods.credentialTest.kakaoChannelApiTest).toBe(
		node.methods.credentialTest.kakaoChannelApiTest,
	);
});
it('good keys: OK, after probing GET /v1/system/ips with each key', async () => {
	const result = await testWith({ restApiKey: ` ${emu.restApiKey} ` }, `${emu.baseUrl}/`);
	const message = 'Kakao accepted both the Admin Key and the REST API Key';
	expect(result).toEqual({ status: 'OK', message });
	expect(emu.requests.map((r) => [r.method, r.path, authOf(emu, r), r.status])).toEqual([
		['GET', '/v1/system/ips', 'KakaoAK admin', 200],
		['GET', '/v1/system/ips', 'KakaoAK rest', 200],
	]);
});
it.each([
	['Admin Key', 'adminKey', [401]],
	['REST API Key', 'restApiKey', [200, 401]],
])("a wrong %s: named with Kakao's code, never the key", async (label, field, statuses) => {
	const copy = `Copy the ${label} again from [App] > [Platform key].`;
	const result = await testWith({ [field]: WRONG });
	expect(result).toEqual(error(`Kakao rejected the ${label}: code -401 (HTTP 401). ${copy}`));
	expect(emu.requests.map((r) => r.status)).toEqual(statuses);
});
const SAME = 'Admin Key and REST API Key hold the same key';
const twice = (adminKey: string, restApiKey: string) => ({ adminKey, restApiKey });
it.each<[string, () => ICredentialDataDecryptedObject, string]>([
	['both fields hold the admin key', () => twice(emu.adminKey, emu.adminKey), SAME],
	['both fields hold the REST API key', () => twice(emu.restApiKey, ` ${emu.restApiKey}`), SAME],
	['an empty Admin Key', () => ({ adminKey: '  ', restApiKey: 'r' }), 'Admin Key is empty'],
	['an empty REST API Key', () => ({ adminKey: 'a', restApiKey: '' }), 'REST API Key is empty'],
	['a missing Admin Key', () => ({ restApiKey: 'r' }), 'Admin Key is empty'],
])('%s: an error saying so, with no request', async (_name, keys, start) => {
	const result = await testCredential({ ...keys(), baseUrl: emu.baseUrl });
	expect(result.status).toBe('Error');
	expect(result.message.startsWith(start)).toBe(true);
	expect(emu.requests).toHaveLength(0);
});
it('an unreachable Base URL (connection refused): a network error naming the URL, never the key', async () => {
	const closed = await KakaoEmulator.start();
	await closed.stop();
	const refused = `Could not reach Kakao at ${closed.baseUrl}: the connection was refused: nothing answers at that address and port (ECONNREFUSED). The keys were not checked. Check the Base URL in the credential, and the network, DNS or proxy between n8n and Kakao.`;
	expect(await testBaseUrl(closed.baseUrl)).toEqual(error(refused));
});
it('a Base URL whose host does not resolve: a DNS error naming the URL', async () => {
	const result = await testBaseUrl('https://kapi.kakao.invalid');
	expect(result.status).toBe('Error');
	expect(result.message).toMatch(
		/^Could not reach Kakao at https:\/\/kapi\.kakao\.invalid: the host name could not be resolved \(DNS\) \((ENOTFOUND|EAI_AGAIN)\)\. The keys were not checked/,
	);
	expect(result.message).not.toMatch(/rejected/);
}, 20_000);
const notKakao = (status: number) =>
	`the server answered HTTP ${status} without a Kakao error body`;
const NOT_JSON = "the server answered HTTP 200 with something other than Kakao's JSON";
const ok = (body: string): Fault => ({ kind: 'http', status: 200, body, contentType: 'text/html' });
const FORBIDDEN = '<html>Forbidden by proxy</html>';
it.each<[string, Fault, string]>([
	["a proxy's 502", { kind: 'http', status: 502 }, notKakao(502)],
	['an HTML error page', { kind: 'http', status: 403, body: FORBIDDEN }, notKakao(403)],
	['a 2XX with an HTML page (a login page)', ok('<html>Please log in</html>'), NOT_JSON],
	['a 2XX with plain text', ok('OK'), NOT_JSON],
	['a 2XX with an empty body', ok(''), NOT_JSON],
])('%s instead of Kakao: not reached (not a bad key, not accepted)', async (_name, fault, why) => {
	emu.injectFault({ fault });
	expect(await testBaseUrl(emu.baseUrl)).toEqual(notReached(why));
});
it.each([
	['not a URL', 'kapi.kakao.com', 'is not a URL'],
	['a path and an empty query', `/admin?x=`, 'has a path (/admin)'],
	['an empty query', '?', 'has a query (?...)'],
	['a fragment', '#', 'has a fragment (#...)'],
	['a path', '/v1', 'has a path (/v1)'],
])('a Base URL with %s: refused with the rule, no request', async (_name, text, problem) => {
	const baseUrl = text.startsWith('kapi') ? text : `${emu.baseUrl}${text}`;
	const result = await testBaseUrl(baseUrl);
	expect(result).toEqual(error(`Base URL "${baseUrl}" ${problem}. ${BASE_URL_RULE}`));
	expect(emu.requests).toHaveLength(0);
});
it('a redirect: not followed (the other server gets nothing), named by status and target origin', async () => {
	const other = await KakaoEmulator.start();
	try {
		const headers = { Location: `${other.baseUrl}/v1/system/ips` };
		emu.injectFault({ fault: { kind: 'http', status: 307, body: '', headers }, times: Infinity });
		const said = `Kakao at ${emu.baseUrl} answered HTTP 307, a redirect to ${other.baseUrl}. The keys were not checked. Kakao's API does not redirect: the Base URL in the credential, or a proxy in between, is misconfigured. The redirect was not followed, so the key went nowhere else.`;
		expect(await testBaseUrl(emu.baseUrl)).toEqual(error(said));
		expect(other.requests).toEqual([]);
		expect(emu.requests).toHaveLength(1);
	} finally {
		await other.stop();
	}
});
it('an answer that trickles: the test ends at its 10 s deadline and closes the connection', async () => {
	emu.injectFault({ fault: { kind: 'trickle', intervalMs: 500 } });
	const started = Date.now();
	const result = await testBaseUrl(emu.baseUrl);
	const elapsed = Date.now() - started;
	const check = 'Run again later; if it keeps happening, check the network or proxy';
	expect(result).toEqual(notReached('no answer came in time (10 s)', check));
	expect(elapsed).toBeGreaterThanOrEqual(9_900);
	expect(elapsed).toBeLessThan(11_000);
	for (let i = 0; i < 20 && !emu.requests[0].closedAt; i++)
		await new Promise((resolve) => setTimeout(resolve, 50));
	expect(emu.requests[0].closedAt! - emu.requests[0].at).toBeLessThan(11_000);
}, 20_000);
const credential = new KakaoChannelApi();
const keys = { adminKey: ' admin-key ', restApiKey: 'rest-key', baseUrl: 'https://kapi.kakao.com' };
const sign = async (url: string, data = keys) => {
	const options = { url, method: 'GET', headers: { Accept: 'application/json' } };
	return (await credential.authenticate(data, options as IHttpRequestOptions)).headers;
};

it('marks both keys required and hides them (saving tests each; the README says both are needed)', () => {
	const fields = credential.properties.filter((p) => p.name !== 'baseUrl');
	const marked = fields.map((p) => [p.name, p.required, p.typeOptions?.password]);
	expect(marked).toEqual(['adminKey', 'restApiKey'].map((name) => [name, true, true]));
});
describe('KakaoChannelApi.authenticate picks the key each endpoint documents', () => {
	it.each([
		['https://kapi.kakao.com/v2/api/talk/channels', 'admin-key'],
		['https://kapi.kakao.com/v2/api/talk/channels/multi?target_ids=1', 'admin-key'],
		['https://kapi.kakao.com/v1/system/ips', 'admin-key'],
		['https://kapi.kakao.com/v1/talkchannel/create/target_user_file', 'rest-key'],
		['https://kapi.kakao.com/v1/talkchannel/target_user_file', 'rest-key'],
		['http://127.0.0.1:1234/v1/talkchannel/target_user_file?channel_public_id=_a', 'rest-key'],
		['https://kapi.kakao.com/v1/talkchannel/update/target_users', 'rest-key'],
		['https://kapi.kakao.com/v1/talkchannel/delete/target_users', 'rest-key'],
		['/v1/talkchannel/update/target_users', 'rest-key'],
		['v1/talkchannel/delete/target_users', 'rest-key'],
		['https://proxy.example/kakao/v1/talkchannel/update/target_users', 'rest-key'],
		['https://proxy.example/kakao/v2/api/talk/channels', 'admin-key'],
	])('%s -> KakaoAK %s (the admin key trimmed)', async (url, key) => {
		const headers = { Accept: 'application/json', Authorization: `KakaoAK ${key}` };
		expect(await sign(url)).toEqual(headers);
	});
	it('fails closed, naming the missing field but no key, when the needed key is empty', async () => {
		const files = 'https://kapi.kakao.com/v1/talkchannel/target_user_file';
		await expect(sign(files, { ...keys, restApiKey: '  ' })).rejects.toThrow(/has no REST API Key/);
		const relations = 'https://kapi.kakao.com/v2/api/talk/channels';
		const error = await sign(relations, { ...keys, adminKey: '' }).catch((e: Error) => e);
		expect((error as Error).message).toMatch(/has no Admin Key/);
		expect((error as Error).message).not.toContain('rest-key');
		await expect(sign(relations, { ...keys, adminKey: undefined as never })).rejects.toThrow(
			'has no Admin Key',
		);
	});
});
