// Where a request may go. The Base URL rule as the node applies it: refused before any request,
// with the rule in the error (the rule itself: test/nodes/shared/baseUrl.test.ts). A redirect is
// never followed: the request carries a key, and Kakao's API does not redirect, so a 3XX means the
// Base URL or a proxy is wrong. The other server must receive nothing.
import { BASE_URL_RULE } from '../../../../nodes/shared/baseUrl';
import { DEMO_TOKENS, KakaoEmulator } from '../../../kakao-emulator';
import { PARAMS, PATHS } from '../../../support/demo';
import {
	apiCredentials,
	expectNodeError,
	expectNoSecrets,
	jsonOf,
	useEngine,
} from '../../../support/engineHelpers';

const { emu, run } = useEngine();
let other: KakaoEmulator;
beforeAll(async () => {
	other = await KakaoEmulator.start({ adminKey: 'other-admin', restApiKey: 'other-rest' });
});
afterAll(async () => await other.stop());
beforeEach(() => other.reset());

describe('the credential Base URL', () => {
	const NOT_LOCAL = 'a host other than this machine';
	it.each([
		['no scheme', (url: string) => url.replace('http://', ''), 'is not a URL'],
		['a path', (url: string) => `${url}/admin`, 'has a path (/admin)'],
		['a query', (url: string) => `${url}?x=`, 'has a query (?...)'],
		['a fragment', (url: string) => `${url}#`, 'has a fragment (#...)'],
		['a user name', (url: string) => url.replace('//', '//user@'), 'holds a user name or password'],
		['http:// to another host', () => 'http://kapi.kakao.com', `uses http:// for ${NOT_LOCAL}`],
	])('with %s: refused with the rule, before any request', async (_name, baseUrl, problem) => {
		const credentials = apiCredentials(emu, { baseUrl: baseUrl(emu.baseUrl) });
		const result = await run(PARAMS.get(), undefined, { credentials });
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe('The Base URL in the credential is not allowed');
		expect(error.description).toContain(problem);
		expect(error.description).toContain(BASE_URL_RULE);
		expect(error.context?.itemIndex).toBe(0);
		expect(emu.requests).toHaveLength(0);
	});
	it('the same Base URL with a trailing slash is the same origin', async () => {
		const credentials = apiCredentials(emu, { baseUrl: `${emu.baseUrl}/` });
		const result = await run(PARAMS.get(), undefined, { credentials });
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.path)).toEqual([PATHS.relation]);
	});
});
function redirectTo(status: number, path: string, location: string) {
	const fault = { kind: 'http' as const, status, body: '', headers: { Location: location } };
	emu.injectFault({ fault, path, times: Infinity });
}
const TWO = [{ id: '1001' }, { id: '1002' }];
const redirected = (status: number, to = other.baseUrl) =>
	`Kakao API answered HTTP ${status}, a redirect to ${to}`;

// A 307 or 308 keeps a POST's body: Add's users must not reach the other host either.
const STATUSES = [301, 302, 303, 307, 308].map((status): [number, 'get' | 'add'] => [
	status,
	'get',
]);
it.each<[number, 'get' | 'add']>([...STATUSES, [307, 'add'], [308, 'add']])(
	'HTTP %i to another host (%s): nothing reaches it; the error names the status and the target origin',
	async (status, operation) => {
		const path = operation === 'get' ? PATHS.relation : PATHS.addUsers;
		redirectTo(status, path, `${other.baseUrl}${path}?steal=1`);
		const result = await run(PARAMS[operation](), operation === 'get' ? undefined : TWO);
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe(redirected(status));
		expect(error.description).toMatch(/Base URL in the credential, or a proxy in between/);
		expect(error.message + error.description).not.toContain('steal');
		expect(other.requests).toEqual([]);
		expect(emu.requests).toHaveLength(1);
	},
);
it('with Kakao Login (OAuth2): the access token does not follow the redirect either', async () => {
	redirectTo(307, PATHS.relation, `${other.baseUrl}${PATHS.relation}`);
	const token = DEMO_TOKENS.withScope;
	const result = await run(PARAMS.get({ authentication: 'oAuth2' }), undefined, { token });
	expect(expectNodeError(result, 'NodeApiError', emu).message).toBe(redirected(307));
	expect(other.requests).toEqual([]);
});
it('a redirect within the same host is not followed either', async () => {
	redirectTo(302, PATHS.relation, '/v2/api/talk/elsewhere');
	const error = expectNodeError(await run(PARAMS.get()), 'NodeApiError', emu);
	expect(error.message).toBe(redirected(302, emu.baseUrl));
	expect(emu.requests.map((r) => r.path)).toEqual([PATHS.relation]);
});
it('a 3XX without a Location says so', async () => {
	emu.injectFault({ fault: { kind: 'http', status: 302, body: '' }, path: PATHS.relation });
	const error = expectNodeError(await run(PARAMS.get()), 'NodeApiError', emu);
	expect(error.message).toBe('Kakao API answered HTTP 302, a redirect to an unreadable address');
});
it('Delete with continue on fail: the batch is "failed" (the request never got to Kakao), not "unknown"', async () => {
	redirectTo(307, PATHS.deleteUsers, `${other.baseUrl}${PATHS.deleteUsers}`);
	const result = await run(PARAMS.delete(), TWO, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	const [summary, ...unsent] = jsonOf(result.output);
	expect(summary).toMatchObject({ users_sent: 0, users_not_sent: 2, users_outcome_unknown: 0 });
	expect(unsent.map((item) => item.status)).toEqual(['failed', 'failed']);
	expect(other.requests).toEqual([]);
	expectNoSecrets(result, emu);
});
