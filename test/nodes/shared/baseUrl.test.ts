import { BASE_URL_RULE, checkBaseUrl, KAKAO_API_ORIGIN } from '../../../nodes/shared/baseUrl';

// checkBaseUrl: an origin only, https unless the host is this machine.
const AS_TYPED = [
	['https://kapi.kakao.com', 'https://proxy.example.com:8443', 'https://10.0.0.5'],
	['http://127.0.0.1:8080', 'http://127.1.2.3', 'http://localhost:5678', 'http://[::1]:9000'],
].flat();
it.each([
	...[['', KAKAO_API_ORIGIN], ['  ', KAKAO_API_ORIGIN], ...AS_TYPED.map((url) => [url, url])],
	['https://kapi.kakao.com/', 'https://kapi.kakao.com'],
	[' HTTPS://KAPI.Kakao.com:443/ ', 'https://kapi.kakao.com'],
])('checkBaseUrl: %j is accepted as %s', (text, origin) => {
	expect(checkBaseUrl(text)).toEqual({ origin });
});
it.each([
	['kapi.kakao.com', 'is not a URL'],
	['http://10.0.0.5:8080/admin?x=', 'has a path (/admin)'],
	['https://kapi.kakao.com/v2', 'has a path (/v2)'],
	['https://kapi.kakao.com//', 'has a path (//)'],
	['https://kapi.kakao.com?', 'has a query (?...)'],
	['https://kapi.kakao.com/?a=1', 'has a query (?...)'],
	['https://kapi.kakao.com#', 'has a fragment (#...)'],
	['https://kapi.kakao.com/#top', 'has a fragment (#...)'],
	['ftp://kapi.kakao.com', 'uses the scheme ftp, not https'],
	['javascript:alert(1)', 'uses the scheme javascript, not https'],
	['http://kapi.kakao.com', 'uses http:// for a host other than this machine'],
	['http://localhost.example.com', 'uses http:// for a host other than this machine'],
	['http://10.0.0.5', 'uses http:// for a host other than this machine'],
])('checkBaseUrl: %j is refused: it %s', (text, problem) => {
	const result = checkBaseUrl(text) as { error: string };
	expect(result).toEqual({ error: expect.stringContaining(` ${problem}`) });
	expect(result.error).toMatch(/^Base URL ".*" /);
	expect(result.error.endsWith(BASE_URL_RULE)).toBe(true);
});
it.each([
	'https://admin:s3cret@kapi.kakao.com',
	'https:admin:s3cret@kapi.kakao.com',
	'https:/admin:s3cret@kapi.kakao.com',
	'https:\\\\admin:s3cret@kapi.kakao.com',
	'https://admin:s3c@ret@kapi.kakao.com',
	'https://admin:s3cret@kapi.kakao.com:99999',
])('checkBaseUrl: a user name or password is refused and never repeated (%s)', (text) => {
	const result = checkBaseUrl(text) as { error: string };
	expect(result.error).toMatch(/holds a user name or password|is not a URL/);
	expect(result.error).toContain('…@kapi.kakao.com');
	expect(result.error).not.toMatch(/admin|s3c/);
});
