// With n8n's SSRF protection on, the credential test and the node go through n8n's outbound HTTP
// client, so a private-range Base URL is refused by n8n before any connection. The emulator's
// loopback address is allowed the way an administrator would allow a test server.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
process.env.N8N_SSRF_ALLOWED_IP_RANGES = '127.0.0.1/32';
import { useKakaoEmulator } from '../../support/emulator';
import { runKakaoNode } from '../../support/engine';
import { PARAMS } from '../../support/demo';
import { apiCredentials, expectNodeError, testCredential } from '../../support/engineHelpers';

const emu = useKakaoEmulator();
const credentialTest = (baseUrl: string) =>
	testCredential({ adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl });
const relationGet = (baseUrl: string) =>
	runKakaoNode({ parameters: PARAMS.get(), credentials: apiCredentials(emu, { baseUrl }) });
const BLOCKED = "the address is blocked by n8n's SSRF protection";

it("n8n's SSRF protection, for the credential test and the node: the allowed emulator still works (both keys checked, a relation read)", async () => {
	expect(await credentialTest(emu.baseUrl)).toMatchObject({ status: 'OK' });
	const result = await relationGet(emu.baseUrl);
	expect(result.error).toBeUndefined();
});
const PRIVATE = ['https://10.0.0.5:8443', 'https://192.168.1.1', 'http://127.0.0.2:12345'];
it.each(PRIVATE)("n8n's SSRF protection: %s is refused by n8n, not tried", async (baseUrl) => {
	const message = `Could not reach Kakao at ${baseUrl}: ${BLOCKED}. The keys were not checked. Use https://kapi.kakao.com, or ask the n8n administrator to allow this address (N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES).`;
	expect(await credentialTest(baseUrl)).toEqual({ status: 'Error', message });
	const error = expectNodeError(await relationGet(baseUrl), 'NodeApiError', emu);
	expect(error.message).toBe('Could not reach the Kakao API');
	expect(error.description).toMatch(/^The address is blocked by n8n's SSRF protection\. /);
	expect(emu.requests).toEqual([]);
});
