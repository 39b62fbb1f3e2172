import type { IHttpRequestOptions } from 'n8n-workflow';

import { KakaoChannelApi } from '../../credentials/KakaoChannelApi.credentials';

const credential = new KakaoChannelApi();
const keys = { adminKey: ' admin-key ', restApiKey: 'rest-key', baseUrl: 'https://kapi.kakao.com' };
const sign = async (url: string, data = keys) => {
	const options = { url, method: 'GET', headers: { Accept: 'application/json' } };
	return (await credential.authenticate(data, options as IHttpRequestOptions)).headers;
};

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
		expect(await sign(url)).toEqual({
			Accept: 'application/json',
			Authorization: `KakaoAK ${key}`,
		});
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
