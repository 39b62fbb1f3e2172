// One wording per cause: the credential test and a workflow run say the same thing about the same
// fault, in our words (never "bad port", "fetch failed" or "socket hang up").
import net from 'node:net';

import {
	describeNetworkFailure,
	networkFailureOf,
	type NetworkCause,
} from '../../../nodes/shared/networkFailure';
import { KakaoEmulator } from '../../kakao-emulator';
import { useKakaoEmulator } from '../../support/emulator';
import { runKakaoNode } from '../../support/engine';
import { PARAMS } from '../../support/demo';
import { apiCredentials, testCredential } from '../../support/engineHelpers';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => undefined,
}));
const emu = useKakaoEmulator();

describe('networkFailureOf reads the cause from any shape of error', () => {
	const wrapped = (inner: object) => Object.assign(new Error('outer'), { cause: inner });
	type Row = [string, unknown, NetworkCause | undefined, string | undefined];
	/** An error with this system code, read as `cause` with the code kept. */
	function coded(cause: NetworkCause, code: string, name = code): Row {
		return [name, { code }, cause, code];
	}
	const AXIOS_IDLE = { code: 'ECONNABORTED', message: 'timeout of 10ms exceeded' };
	it.each<Row>([
		coded('refused', 'ECONNREFUSED'),
		['ENOTFOUND in a cause', wrapped({ code: 'ENOTFOUND' }), 'dns', 'ENOTFOUND'],
		coded('dns', 'EAI_AGAIN', 'EAI_AGAIN (temporary DNS)'),
		coded('timeout', 'ETIMEDOUT'),
		['axios idle timeout', AXIOS_IDLE, 'timeout', 'ECONNABORTED'],
		['ECONNABORTED', { code: 'ECONNABORTED', message: 'aborted' }, 'reset', 'ECONNABORTED'],
		['socket hang up', new Error('socket hang up'), 'reset', 'ECONNRESET'],
		coded('reset', 'EPIPE'),
		coded('unreachable', 'EHOSTUNREACH'),
		coded('tls', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'a self-signed certificate'),
		coded('tls', 'CERT_HAS_EXPIRED', 'an expired certificate'),
		coded('tls', 'ERR_TLS_CERT_ALTNAME_INVALID', 'a wrong host name'),
		coded('tls', 'EPROTO', 'plain HTTP on an HTTPS URL'),
		coded('badUrl', 'ERR_INVALID_URL'),
		coded('garbled', 'HPE_INVALID_CONTENT_LENGTH', 'an answer that is not HTTP'),
		['SSRF protection', wrapped({ name: 'SsrfBlockedIpError' }), 'blocked', undefined],
		coded('other', 'ESOMETHING', 'an unknown system code'),
		['a cancelled request', { code: 'ERR_CANCELED' }, undefined, undefined],
		['no code at all', new Error('boom'), undefined, undefined],
	])('%s', (_name, error, cause, code) => {
		const failure = networkFailureOf(error);
		expect(failure?.cause).toBe(cause);
		expect(failure?.code).toBe(code);
	});
});

/** The credential test's message and the node's error, for one Base URL. */
async function bothSay(baseUrl: string) {
	const credentials = apiCredentials(emu, { baseUrl });
	const test = await testCredential(credentials.kakaoChannelApi);
	const { error } = await runKakaoNode({ parameters: PARAMS.get(), credentials });
	return { credentialTest: test.message, workflow: `${error?.message}: ${error?.description}` };
}

describe('the credential test and a workflow run give the same reason', () => {
	it('connection refused', async () => {
		const closed = await KakaoEmulator.start();
		await closed.stop();
		const said = await bothSay(closed.baseUrl);
		const { reason } = describeNetworkFailure({ cause: 'refused', code: 'ECONNREFUSED' });
		expect(said.credentialTest).toContain(`: ${reason}.`);
		expect(said.workflow).toContain(`${reason.charAt(0).toUpperCase()}${reason.slice(1)}.`);
		expect(JSON.stringify(said)).not.toMatch(/bad port|fetch failed/);
	});
	it('a host name that does not resolve (DNS)', async () => {
		const said = await bothSay('https://kapi.kakao.invalid');
		expect(said.credentialTest).toMatch(
			/: the host name could not be resolved \(DNS\) \(E[A-Z_]+\)\./,
		);
		expect(said.workflow).toMatch(/: The host name could not be resolved \(DNS\) \(E[A-Z_]+\)\./);
	}, 20_000);
	it('plain HTTP behind an https:// Base URL (TLS)', async () => {
		const said = await bothSay(emu.baseUrl.replace('http://', 'https://'));
		const tls = 'the secure connection (TLS) failed';
		expect(said.credentialTest).toContain(`: ${tls}`);
		expect(said.workflow).toContain(`: The secure connection (TLS) failed`);
		expect(emu.requests).toEqual([]);
	});
	it('a redirect', async () => {
		const headers = { Location: 'https://elsewhere.example/x' };
		emu.injectFault({ fault: { kind: 'http', status: 302, body: '', headers }, times: Infinity });
		const said = await bothSay(emu.baseUrl);
		const what = 'answered HTTP 302, a redirect to https://elsewhere.example';
		expect(said.credentialTest).toContain(what);
		expect(said.workflow).toContain(what);
	});
	it('a Base URL that is not allowed', async () => {
		const said = await bothSay(`${emu.baseUrl}/admin?x=`);
		const problem = `Base URL "${emu.baseUrl}/admin?x=" has a path (/admin).`;
		expect(said.credentialTest).toContain(problem);
		expect(said.workflow).toContain(problem);
		expect(emu.requests).toEqual([]);
	});
});
/** A server on loopback that reads a request and answers `reply` (raw bytes), counting requests;
 * with no `reply`, it closes each connection as soon as it accepts it. */
async function rawServer(reply?: string) {
	let requests = 0;
	const server = net.createServer((socket) => {
		socket.on('error', () => undefined);
		if (reply === undefined) socket.destroy();
		else
			socket.once('data', () => {
				requests++;
				socket.end(reply);
			});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as net.AddressInfo;
	const close = () => new Promise((resolve) => server.close(resolve));
	return { url: `http://127.0.0.1:${port}`, requests: () => requests, close };
}
it('an answer that is not HTTP: said in our words, retried, and a write is an unknown outcome, not "not sent"', async () => {
	const garbled = await rawServer('HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n{}');
	try {
		const said = await bothSay(garbled.url);
		expect(said.credentialTest).toContain(': the answer was not valid HTTP (HPE_');
		expect(said.workflow).toContain(': The answer was not valid HTTP (HPE_');
		expect(JSON.stringify(said)).not.toMatch(/Parse Error/);
		const credentials = apiCredentials(emu, { baseUrl: garbled.url });
		const items = [{ id: '1001' }, { id: '1002' }];
		const before = garbled.requests();
		const run = await runKakaoNode({
			parameters: PARAMS.add(),
			items,
			credentials,
			continueOnFail: true,
		});
		// Each try arrived, so Kakao may have acted; retried as an answer that is not Kakao's JSON.
		expect(garbled.requests() - before).toBe(4);
		const unknown = { users_sent: 0, users_not_sent: 0, users_outcome_unknown: 2 };
		expect(run.output?.[0].json).toMatchObject(unknown);
	} finally {
		await garbled.close();
	}
});
it('a server that accepts and closes at once: the connection was closed before an answer came', async () => {
	const rude = await rawServer();
	try {
		const said = await bothSay(rude.url);
		expect(said.credentialTest).toContain(': the connection was closed before an answer came');
		expect(said.workflow).toContain(': The connection was closed before an answer came');
		expect(JSON.stringify(said)).not.toMatch(/socket hang up/);
	} finally {
		await rude.close();
	}
});
