import { KakaoChannelApi } from '../../credentials/KakaoChannelApi.credentials';

const credential = new KakaoChannelApi();
const keys = {
	adminKey: 'admin-key-value',
	restApiKey: 'rest-key-value',
	baseUrl: 'https://kapi.kakao.com',
};

describe('KakaoChannelApi.authenticate picks the key each endpoint documents', () => {
	it.each([
		['https://kapi.kakao.com/v2/api/talk/channels', 'KakaoAK admin-key-value'],
		['https://kapi.kakao.com/v2/api/talk/channels/multi', 'KakaoAK admin-key-value'],
		['https://kapi.kakao.com/v1/system/ips', 'KakaoAK admin-key-value'],
		['https://kapi.kakao.com/v1/talkchannel/create/target_user_file', 'KakaoAK rest-key-value'],
		['https://kapi.kakao.com/v1/talkchannel/target_user_file', 'KakaoAK rest-key-value'],
		['https://kapi.kakao.com/v1/talkchannel/update/target_users', 'KakaoAK rest-key-value'],
		['https://kapi.kakao.com/v1/talkchannel/delete/target_users', 'KakaoAK rest-key-value'],
		['https://proxy.example/kakao/v1/talkchannel/update/target_users', 'KakaoAK rest-key-value'],
		['https://proxy.example/kakao/v2/api/talk/channels', 'KakaoAK admin-key-value'],
	])('%s -> %s', async (url, authorization) => {
		const options = await credential.authenticate(keys, {
			url,
			method: 'GET',
			headers: { Accept: 'application/json' },
		});
		expect(options.headers).toEqual({ Accept: 'application/json', Authorization: authorization });
	});

	it('fails closed, naming the missing field but no key, when the needed key is empty', async () => {
		await expect(
			credential.authenticate(
				{ ...keys, restApiKey: '  ' },
				{ url: 'https://kapi.kakao.com/v1/talkchannel/target_user_file' },
			),
		).rejects.toThrow(/has no REST API Key/);
		await expect(
			credential.authenticate(
				{ ...keys, adminKey: '' },
				{ url: 'https://kapi.kakao.com/v2/api/talk/channels' },
			),
		).rejects.toThrow(/has no Admin Key/);
		const error = await credential
			.authenticate(
				{ ...keys, adminKey: '' },
				{ url: 'https://kapi.kakao.com/v2/api/talk/channels' },
			)
			.catch((e: Error) => e);
		expect(String((error as Error).message)).not.toContain('rest-key-value');
	});
});
