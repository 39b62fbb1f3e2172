// The Base URL rule as the node applies it: refused before any request, with the rule in the
// error (the rule itself: test/nodes/shared/baseUrl.test.ts).
import { BASE_URL_RULE } from '../../../../nodes/shared/baseUrl';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import { PARAMS, PATHS } from '../../../support/demo';
import { apiCredentials, expectNodeError } from '../../../support/engineHelpers';

const emu = useKakaoEmulator();

describe('the credential Base URL', () => {
	it.each([
		['no scheme', (url: string) => url.replace('http://', ''), 'is not a URL'],
		['a path', (url: string) => `${url}/admin`, 'has a path (/admin)'],
		['a query', (url: string) => `${url}?x=`, 'has a query (?...)'],
		['a fragment', (url: string) => `${url}#`, 'has a fragment (#...)'],
		['a user name', (url: string) => url.replace('//', '//user@'), 'holds a user name or password'],
		[
			'http:// to a host other than this machine',
			() => 'http://kapi.kakao.com',
			'uses http:// for a host other than this machine',
		],
	])('with %s: refused with the rule, before any request', async (_name, baseUrl, problem) => {
		const result = await runKakaoNode({
			parameters: PARAMS.get(),
			credentials: apiCredentials(emu, { baseUrl: baseUrl(emu.baseUrl) }),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe('The Base URL in the credential is not allowed');
		expect(error.description).toContain(problem);
		expect(error.description).toContain(BASE_URL_RULE);
		expect(error.context?.itemIndex).toBe(0);
		expect(emu.requests).toHaveLength(0);
	});

	it('the same Base URL with a trailing slash is the same origin', async () => {
		const result = await runKakaoNode({
			parameters: PARAMS.get(),
			credentials: apiCredentials(emu, { baseUrl: `${emu.baseUrl}/` }),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.path)).toEqual([PATHS.relation]);
	});
});
