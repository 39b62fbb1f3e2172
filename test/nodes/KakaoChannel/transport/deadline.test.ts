// Each try ends at the Timeout whatever the server does, and a call with its retries stays within
// twice the Timeout (plus a small margin). Real time: these tests wait about 2 s each.
import net from 'node:net';

import { PARAMS, PATHS } from '../../../support/demo';
import { apiCredentials, expectNodeError, useEngine } from '../../../support/engineHelpers';
import type { Fault, RecordedRequest } from '../../../kakao-emulator';

const { emu, run } = useEngine();
const TIMEOUT_S = 1;
const BOUND_MS = 2 * TIMEOUT_S * 1000;
const MARGIN_MS = 750;
async function timed<T>(run: () => Promise<T>): Promise<[T, number]> {
	const started = Date.now();
	const value = await run();
	return [value, Date.now() - started];
}

/** The requests, once the server has seen each connection close (it hears of it a moment later). */
async function closed(requests: RecordedRequest[]): Promise<RecordedRequest[]> {
	for (let waited = 0; waited < 1000 && requests.some((r) => !r.closedAt); waited += 50)
		await new Promise((resolve) => setTimeout(resolve, 50));
	return requests;
}
const options = { timeout: TIMEOUT_S };
const relationGet = (baseUrl = emu.baseUrl) =>
	run(PARAMS.get({ options }), undefined, { credentials: apiCredentials(emu, { baseUrl }) });

describe('a read: each try ends at the Timeout, the call within twice the Timeout', () => {
	it.each<[string, Fault]>([
		['headers at once, then one byte every 400 ms', { kind: 'trickle', intervalMs: 400 }],
		['headers, one byte, then nothing', { kind: 'trickle', intervalMs: 60_000, padding: 1 }],
		['no headers at all', { kind: 'latency', ms: 60_000 }],
	])('%s', async (_name, fault) => {
		emu.injectFault({ fault, path: PATHS.relation, times: Infinity });
		const [result, elapsed] = await timed(relationGet);
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe('Kakao did not answer within 1 s (tried 2 times)');
		expect(error.description).toMatch(
			/^No answer came in time: waited 2(\.\d)? s in all over 2 tries \(option Timeout: 1 s per try, 2× that in all\)\. Kakao may or may not have acted on the request\./,
		);
		expect(elapsed).toBeGreaterThanOrEqual(BOUND_MS - 100);
		expect(elapsed).toBeLessThan(BOUND_MS + MARGIN_MS);
		// Both tries were ended by the node: the server saw each connection close at the deadline.
		expect(emu.requests).toHaveLength(2);
		for (const request of await closed(emu.requests))
			expect(request.closedAt! - request.at).toBeLessThan(TIMEOUT_S * 1000 + MARGIN_MS);
	});
	it('a TLS handshake that never finishes (a server that accepts and stays silent)', async () => {
		const sockets = new Set<net.Socket>();
		const silent = net.createServer((socket) => sockets.add(socket));
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const { port } = silent.address() as net.AddressInfo;
		try {
			const [result, elapsed] = await timed(() => relationGet(`https://127.0.0.1:${port}`));
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toMatch(/^Kakao did not answer within 1 s \(tried \d times\)$/);
			expect(elapsed).toBeLessThan(BOUND_MS + MARGIN_MS);
		} finally {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => silent.close(resolve));
		}
	});
});
it('a write that reached its deadline is an unknown outcome, not sent again', async () => {
	emu.injectFault({ fault: { kind: 'trickle', intervalMs: 300 }, path: PATHS.createFile });
	const [result, elapsed] = await timed(() => run(PARAMS.create({ options })));
	const error = expectNodeError(result, 'NodeApiError', emu);
	expect(error.message).toBe('Kakao did not answer within 1 s');
	expect(error.description).toContain('Kakao may have acted on the request');
	expect(error.description).toContain('was not sent again');
	expect(emu.requests).toHaveLength(1);
	expect(elapsed).toBeLessThan(TIMEOUT_S * 1000 + MARGIN_MS);
});
it("stopping the execution ends the try at once (n8n's cancel signal still reaches the request)", async () => {
	emu.injectFault({ fault: { kind: 'trickle', intervalMs: 200 }, path: PATHS.relation });
	const result = await run(PARAMS.get(), undefined, { cancelAfterMs: 300 });
	expect(result.run.status).toBe('canceled');
	const [request] = await closed(emu.requests);
	expect(request.closedAt).toBeDefined();
	expect(request.closedAt! - request.at).toBeLessThan(1000);
});
