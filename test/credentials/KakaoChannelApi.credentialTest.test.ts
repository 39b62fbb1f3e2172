import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { KakaoChannelApi } from '../../credentials/KakaoChannelApi.credentials';
import { KakaoChannel } from '../../nodes/KakaoChannel/KakaoChannel.node';
import { KakaoChannelTrigger } from '../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import { KakaoEmulator } from '../kakao-emulator';
import { useKakaoEmulator } from '../support/emulator';
import { authOf } from '../support/engineHelpers';

const emu = useKakaoEmulator();

const node = new KakaoChannel();

async function testCredential(data: ICredentialDataDecryptedObject) {
	const test = node.methods.credentialTest.kakaoChannelApiTest;
	return await test.call({} as ICredentialTestFunctions, {
		id: 'c1',
		name: 'Kakao',
		type: 'kakaoChannelApi',
		data,
	});
}

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
		const result = await testCredential({
			adminKey: emu.adminKey,
			restApiKey: emu.restApiKey,
			baseUrl: deadUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message: `Could not reach Kakao at ${deadUrl}/v1/system/ips: connection refused (ECONNREFUSED). The keys were not checked. Check the Base URL, and the network, DNS or proxy between n8n and it.`,
		});
	});

	it('a Base URL whose host does not resolve: a DNS error naming the URL', async () => {
		const result = await testCredential({
			adminKey: emu.adminKey,
			restApiKey: emu.restApiKey,
			baseUrl: 'http://kapi.kakao.invalid',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Could not reach Kakao at http:\/\/kapi\.kakao\.invalid\/v1\/system\/ips: (host name not found \(DNS\) \(ENOTFOUND\)|DNS lookup failed \(EAI_AGAIN\))\. The keys were not checked/,
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
			const result = await testCredential({
				adminKey: emu.adminKey,
				restApiKey: emu.restApiKey,
				baseUrl: emu.baseUrl,
			});
			expect(result).toEqual({
				status: 'Error',
				message: `Could not reach Kakao at ${emu.baseUrl}/v1/system/ips: the server answered ${status} without a Kakao error body. The keys were not checked. Check the Base URL, and the network, DNS or proxy between n8n and it.`,
			});
		},
	);

	it('a Base URL that is not a URL: an error naming it, with no request', async () => {
		const result = await testCredential({
			adminKey: emu.adminKey,
			restApiKey: emu.restApiKey,
			baseUrl: 'kapi.kakao.com',
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'Base URL "kapi.kakao.com" is not an http(s) URL. Use https://kapi.kakao.com unless you go through a proxy.',
		});
		expect(emu.requests).toHaveLength(0);
	});

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
