import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { KakaoChannelApi } from '../../credentials/KakaoChannelApi.credentials';
import { KakaoChannel } from '../../nodes/KakaoChannel/KakaoChannel.node';
import { KakaoChannelTrigger } from '../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { KakaoEmulator } from '../kakao-emulator';
import { BASE_URL_RULE } from '../../nodes/shared/baseUrl';
import { useKakaoEmulator } from '../support/emulator';
import { authOf } from '../support/engineHelpers';

const emu = useKakaoEmulator();

const node = new KakaoChannel();

/** Runs the test as n8n's credentials tester does: in n8n-core's CredentialTestContext. */
async function testCredential(data: ICredentialDataDecryptedObject) {
	const test = node.methods.credentialTest.kakaoChannelApiTest;
	return await test.call(new CredentialTestContext(), {
		id: 'c1',
		name: 'Kakao',
		type: 'kakaoChannelApi',
		data,
	});
}

/** Both of the emulator's keys, at the given Base URL. */
const testBaseUrl = async (baseUrl: string) =>
	await testCredential({ adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl });

const WRONG = '0123456789abcdef0123456789abcdef';

describe('credential test (kakaoChannelApiTest)', () => {
	it('is the test the node declares for its key credential', () => {
		const declared = node.description.credentials!.find(
			(credential) => credential.name === 'kakaoChannelApi',
		);
		expect(declared?.testedBy).toBe('kakaoChannelApiTest');
	});

	it('good keys: OK, after probing GET /v1/system/ips with each key', async () => {
		const result = await testCredential({
			adminKey: emu.adminKey,
			restApiKey: ` ${emu.restApiKey} `,
			baseUrl: `${emu.baseUrl}/`,
		});
		expect(result).toEqual({
			status: 'OK',
			message: 'Kakao accepted both the Admin Key and the REST API Key',
		});
		expect(emu.requests.map((r) => [r.method, r.path, authOf(emu, r), r.status])).toEqual([
			['GET', '/v1/system/ips', 'KakaoAK admin', 200],
			['GET', '/v1/system/ips', 'KakaoAK rest', 200],
		]);
	});

	it("a wrong Admin Key: an error naming the Admin Key and Kakao's code", async () => {
		const result = await testCredential({
			adminKey: WRONG,
			restApiKey: emu.restApiKey,
			baseUrl: emu.baseUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Kakao rejected the Admin Key: code -401 (HTTP 401). Copy the Admin Key again from [App] > [Platform key].',
		);
		expect(result.message).not.toContain(WRONG);
		expect(emu.requests).toHaveLength(1);
	});

	it('a wrong REST API Key: an error naming the REST API Key', async () => {
		const result = await testCredential({
			adminKey: emu.adminKey,
			restApiKey: WRONG,
			baseUrl: emu.baseUrl,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toBe(
			'Kakao rejected the REST API Key: code -401 (HTTP 401). Copy the REST API Key again from [App] > [Platform key].',
		);
		expect(emu.requests.map((r) => r.status)).toEqual([200, 401]);
	});

	it.each([
		[
			'both fields hold the admin key',
			() => ({ adminKey: emu.adminKey, restApiKey: emu.adminKey }),
		],
		[
			'both fields hold the REST API key',
			() => ({ adminKey: emu.restApiKey, restApiKey: ` ${emu.restApiKey}` }),
		],
	])('the same key twice (%s): an error, with no request', async (_name, keys) => {
		const result = await testCredential({ ...keys(), baseUrl: emu.baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Admin Key and REST API Key hold the same key/);
		expect(emu.requests).toHaveLength(0);
	});

	it.each<[string, Record<string, unknown>, string]>([
		['Admin Key', { adminKey: '  ', restApiKey: 'r' }, 'Admin Key is empty'],
		['REST API Key', { adminKey: 'a', restApiKey: '' }, 'REST API Key is empty'],
		['Admin Key (missing)', { restApiKey: 'r' }, 'Admin Key is empty'],
	])('an empty %s: an error naming it, with no request', async (_name, keys, start) => {
		const result = await testCredential({ ...keys, baseUrl: emu.baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message.startsWith(start)).toBe(true);
		expect(emu.requests).toHaveLength(0);
	});

	it('an unreachable Base URL (connection refused): a network error naming the URL, never the key', async () => {
		const closed = await KakaoEmulator.start();
		const deadUrl = closed.baseUrl;
		await closed.stop();
		const result = await testBaseUrl(deadUrl);
		expect(result).toEqual({
			status: 'Error',
			message: `Could not reach Kakao at ${deadUrl}: the connection was refused: nothing answers at that address and port (ECONNREFUSED). The keys were not checked. Check the Base URL in the credential, and the network, DNS or proxy between n8n and Kakao.`,
		});
	});

	it('a Base URL whose host does not resolve: a DNS error naming the URL', async () => {
		const result = await testBaseUrl('https://kapi.kakao.invalid');
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Could not reach Kakao at https:\/\/kapi\.kakao\.invalid: the host name could not be resolved \(DNS\) \((ENOTFOUND|EAI_AGAIN)\)\. The keys were not checked/,
		);
		expect(result.message).not.toMatch(/rejected/);
	}, 20_000);

	it.each([
		["a proxy's 502", { kind: 'http', status: 502 }, 'HTTP 502'],
		[
			'an HTML error page',
			{ kind: 'http', status: 403, body: '<html>Forbidden by proxy</html>' },
			'HTTP 403',
		],
	])(
		'%s instead of Kakao: reported as not reaching Kakao, not as a bad key',
		async (_name, fault, status) => {
			emu.injectFault({ fault: fault as never });
			const result = await testBaseUrl(emu.baseUrl);
			expect(result).toEqual({
				status: 'Error',
				message: `Could not reach Kakao at ${emu.baseUrl}: the server answered ${status} without a Kakao error body. The keys were not checked. Check the Base URL in the credential, and any proxy between n8n and Kakao.`,
			});
		},
	);

	it.each([
		['an HTML page', '<html>Please log in</html>'],
		['plain text', 'OK'],
		['an empty body', ''],
	])(
		'a 2XX with %s is not Kakao accepting the key (a login page or a proxy answered)',
		async (_name, body) => {
			emu.injectFault({ fault: { kind: 'http', status: 200, body, contentType: 'text/html' } });
			const result = await testBaseUrl(emu.baseUrl);
			expect(result).toEqual({
				status: 'Error',
				message: `Could not reach Kakao at ${emu.baseUrl}: the server answered HTTP 200 with something other than Kakao's JSON. The keys were not checked. Check the Base URL in the credential, and any proxy between n8n and Kakao.`,
			});
		},
	);

	it('a Base URL that is not a URL: an error naming it, with no request', async () => {
		const result = await testBaseUrl('kapi.kakao.com');
		expect(result).toEqual({
			status: 'Error',
			message: `Base URL "kapi.kakao.com" is not a URL. ${BASE_URL_RULE}`,
		});
		expect(emu.requests).toHaveLength(0);
	});

	it.each([
		['a path and an empty query', '/admin?x=', 'has a path (/admin)'],
		['an empty query', '?', 'has a query (?...)'],
		['a fragment', '#', 'has a fragment (#...)'],
		['a path', '/v1', 'has a path (/v1)'],
	])(
		'a Base URL with %s: refused with the rule, before any request',
		async (_name, suffix, problem) => {
			const result = await testBaseUrl(`${emu.baseUrl}${suffix}`);
			expect(result).toEqual({
				status: 'Error',
				message: `Base URL "${emu.baseUrl}${suffix}" ${problem}. ${BASE_URL_RULE}`,
			});
			expect(emu.requests).toHaveLength(0);
		},
	);

	it('a redirect: not followed (the other server gets nothing), named by status and target origin', async () => {
		const other = await KakaoEmulator.start();
		try {
			emu.injectFault({
				fault: {
					kind: 'http',
					status: 307,
					body: '',
					headers: { Location: `${other.baseUrl}/v1/system/ips` },
				},
				times: Infinity,
			});
			const result = await testBaseUrl(emu.baseUrl);
			expect(result).toEqual({
				status: 'Error',
				message: `Kakao at ${emu.baseUrl} answered HTTP 307, a redirect to ${other.baseUrl}. The keys were not checked. Kakao's API does not redirect: the Base URL in the credential, or a proxy in between, is misconfigured. The redirect was not followed, so the key went nowhere else.`,
			});
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
		expect(result).toEqual({
			status: 'Error',
			message: `Could not reach Kakao at ${emu.baseUrl}: no answer came in time (10 s). The keys were not checked. Run again later; if it keeps happening, check the network or proxy between n8n and Kakao.`,
		});
		expect(elapsed).toBeGreaterThanOrEqual(9_900);
		expect(elapsed).toBeLessThan(11_000);
		for (let i = 0; i < 20 && !emu.requests[0].closedAt; i++)
			await new Promise((resolve) => setTimeout(resolve, 50));
		expect(emu.requests[0].closedAt! - emu.requests[0].at).toBeLessThan(11_000);
	}, 20_000);

	it('the trigger uses the same test as the action node', () => {
		expect(new KakaoChannelTrigger().methods.credentialTest.kakaoChannelApiTest).toBe(
			node.methods.credentialTest.kakaoChannelApiTest,
		);
	});
});

describe('KakaoChannelApi.authenticate picks the key by endpoint', () => {
	const credential = new KakaoChannelApi();
	const keys = {
		adminKey: ' admin-key ',
		restApiKey: 'rest-key',
		baseUrl: 'https://kapi.kakao.com',
	};
	const authorizationFor = async (url: string, data: ICredentialDataDecryptedObject = keys) =>
		(
			await credential.authenticate(data, {
				url,
				headers: { 'X-Other': '1' },
			} as IHttpRequestOptions)
		).headers as Record<string, string>;

	it.each([
		['https://kapi.kakao.com/v1/talkchannel/create/target_user_file', 'KakaoAK rest-key'],
		[
			'http://127.0.0.1:1234/v1/talkchannel/target_user_file?channel_public_id=_a',
			'KakaoAK rest-key',
		],
		['/v1/talkchannel/update/target_users', 'KakaoAK rest-key'],
		['v1/talkchannel/delete/target_users', 'KakaoAK rest-key'],
		['https://kapi.kakao.com/v2/api/talk/channels', 'KakaoAK admin-key'],
		['https://kapi.kakao.com/v2/api/talk/channels/multi?target_ids=1', 'KakaoAK admin-key'],
		['https://kapi.kakao.com/v1/system/ips', 'KakaoAK admin-key'],
	])('%s -> %s', async (url, authorization) => {
		expect(await authorizationFor(url)).toEqual({ 'X-Other': '1', Authorization: authorization });
	});

	it('fails closed, naming the missing key', async () => {
		await expect(
			authorizationFor('/v1/talkchannel/target_user_file', { ...keys, restApiKey: ' ' }),
		).rejects.toThrow('has no REST API Key');
		await expect(
			authorizationFor('/v2/api/talk/channels', { ...keys, adminKey: undefined as never }),
		).rejects.toThrow('has no Admin Key');
	});
});
