import { useKakaoEmulator } from '../support/emulator';
import { KakaoEmulator } from './index';
import { call, expectKakaoError, restAuth } from './test-helpers';

const IPS = '/v1/system/ips';
const VIEW = '/v1/talkchannel/target_user_file';

// Started once; before each test, reset and given this data.
const emu = useKakaoEmulator({
	seed: () => {
		emu.latencyMs = 0;
		emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
	},
});

const ips = () => call(emu, 'GET', IPS, { auth: restAuth(emu) });
const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
	const t0 = performance.now();
	const v = await fn();
	return [v, performance.now() - t0];
};

describe('latency', () => {
	it('a latency fault delays one response, then the normal answer follows', async () => {
		emu.injectFault({ fault: { kind: 'latency', ms: 300 } });
		const [slow, slowMs] = await timed(ips);
		expect(slow.status).toBe(200);
		expect(slowMs).toBeGreaterThanOrEqual(280);
		const [, fastMs] = await timed(ips);
		expect(fastMs).toBeLessThan(200);
	});

	it('latencyMs (option and property) delays every response, errors included', async () => {
		const slowEmu = await KakaoEmulator.start({ latencyMs: 150 });
		try {
			expect(slowEmu.latencyMs).toBe(150);
			const [r, ms] = await timed(() => call(slowEmu, 'GET', IPS));
			expect(r.status).toBe(401);
			expect(ms).toBeGreaterThanOrEqual(140);
			slowEmu.latencyMs = 0;
			const [, fast] = await timed(() => call(slowEmu, 'GET', IPS));
			expect(fast).toBeLessThan(100);
		} finally {
			await slowEmu.stop();
		}
	});

	it('latency faults add up with latencyMs and with a terminal fault', async () => {
		emu.latencyMs = 100;
		emu.injectFault({ fault: { kind: 'latency', ms: 150 } });
		emu.injectFault({ fault: { kind: 'kakao', code: -10 } });
		const [r, ms] = await timed(ips);
		expect(r.json.code).toBe(-10);
		expect(ms).toBeGreaterThanOrEqual(240);
	});
});

describe('answer faults', () => {
	it('http 503 with a non-Kakao body (default HTML and custom)', async () => {
		emu.injectFault({ fault: { kind: 'http', status: 503 } });
		emu.injectFault({ fault: { kind: 'http', status: 502, body: 'Bad Gateway from proxy' } });
		const a = await ips();
		expect(a.status).toBe(503);
		expect(a.headers['content-type']).toMatch(/^text\/html/);
		expect(a.text).toContain('503 Service Unavailable');
		expect(a.json).toBeUndefined();
		const b = await ips();
		expect(b.status).toBe(502);
		expect(b.text).toBe('Bad Gateway from proxy');
		expect((await ips()).status).toBe(200);
	});

	it('http may add headers, such as the Location of a redirect', async () => {
		emu.injectFault({
			fault: { kind: 'http', status: 307, body: '', headers: { Location: 'http://elsewhere/x' } },
		});
		const r = await ips();
		expect(r.status).toBe(307);
		expect(r.headers.location).toBe('http://elsewhere/x');
	});

	it('kakao -10 -> HTTP 400 {code:-10}; -9798 -> HTTP 503; -1, -7, -815 -> 400; status and msg overrides', async () => {
		const cases: Array<[number, number]> = [
			[-10, 400],
			[-9798, 503],
			[-1, 400],
			[-7, 400],
			[-815, 400],
			[-401, 401],
			[-3, 403],
		];
		for (const [code] of cases) emu.injectFault({ fault: { kind: 'kakao', code } });
		for (const [code, status] of cases) {
			const r = await ips();
			expectKakaoError(r, status, code);
			expect(Object.keys(r.json).sort()).toEqual(['code', 'msg']);
		}
		emu.injectFault({ fault: { kind: 'kakao', code: -10, status: 429, msg: 'slow down' } });
		const o = await ips();
		expect(o.status).toBe(429);
		expect(o.json).toEqual({ msg: 'slow down', code: -10 });
	});

	it('trickle applies the request, sends the headers at once, then the body a byte at a time', async () => {
		const plain = (await ips()).text;
		emu.injectFault({ fault: { kind: 'trickle', intervalMs: 2, padding: 3 } });
		const [r, ms] = await timed(ips);
		expect(r.status).toBe(200);
		expect(r.text).toBe(`   ${plain}`);
		expect(ms).toBeGreaterThanOrEqual(2 * (3 + plain.length) - 20);
		expect(emu.requests.at(-1)!.closedAt).toBeGreaterThanOrEqual(emu.requests.at(-1)!.at);
	});

	it('an endless trickle stops when the client hangs up', async () => {
		emu.injectFault({ fault: { kind: 'trickle', intervalMs: 10 } });
		const response = await fetch(`${emu.baseUrl}${IPS}`, {
			headers: { Authorization: restAuth(emu) },
		});
		expect(response.status).toBe(200);
		const reader = response.body!.getReader();
		expect((await reader.read()).value).toEqual(new TextEncoder().encode(' '));
		await reader.cancel();
		for (let i = 0; i < 20 && !emu.requests.at(-1)!.closedAt; i++)
			await new Promise((resolve) => setTimeout(resolve, 20));
		expect(emu.requests.at(-1)!.closedAt).toBeDefined();
	});

	it('drop destroys the socket without an answer; the request is recorded with status 0', async () => {
		emu.injectFault({ fault: { kind: 'drop' } });
		await expect(ips()).rejects.toThrow(/socket hang up|ECONNRESET/);
		expect(emu.requests.at(-1)).toMatchObject({ path: IPS, status: 0 });
		expect((await ips()).status).toBe(200);
	});

	it('drop is seen by fetch as a network error', async () => {
		emu.injectFault({ fault: { kind: 'drop' } });
		await expect(fetch(`${emu.baseUrl}${IPS}`)).rejects.toThrow(/fetch failed/);
	});

	it('faults apply before authentication and validation', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -9798 } });
		expectKakaoError(await call(emu, 'GET', '/nowhere'), 503, -9798);
	});
});

describe('fault rules', () => {
	it('times is respected (default 1, explicit n, Infinity until cleared)', async () => {
		emu.injectFault({ fault: { kind: 'http', status: 500 }, times: 2 });
		expect((await ips()).status).toBe(500);
		expect((await ips()).status).toBe(500);
		expect((await ips()).status).toBe(200);
		emu.injectFault({ fault: { kind: 'http', status: 502 }, times: Infinity });
		for (let i = 0; i < 5; i++) expect((await ips()).status).toBe(502);
		emu.clearFaults();
		expect((await ips()).status).toBe(200);
		emu.injectFault({ fault: { kind: 'http', status: 500 }, times: 0 });
		expect((await ips()).status).toBe(200);
	});

	it('path limits a rule to one exact pathname', async () => {
		emu.injectFault({ fault: { kind: 'kakao', code: -1 }, path: VIEW });
		expect((await ips()).status).toBe(200);
		const r = await call(emu, 'GET', VIEW, {
			auth: restAuth(emu),
			query: { channel_public_id: '_ZeUTxl' },
		});
		expectKakaoError(r, 400, -1);
		expect(
			(
				await call(emu, 'GET', VIEW, {
					auth: restAuth(emu),
					query: { channel_public_id: '_ZeUTxl' },
				})
			).status,
		).toBe(200);
	});

	it('rules are used in insertion order', async () => {
		emu.injectFault({ fault: { kind: 'http', status: 500 } });
		emu.injectFault({ fault: { kind: 'http', status: 502 } });
		expect((await ips()).status).toBe(500);
		expect((await ips()).status).toBe(502);
		expect((await ips()).status).toBe(200);
	});

	it('stop() does not hang on a request that is waiting on a long latency', async () => {
		const e = await KakaoEmulator.start();
		e.injectFault({ fault: { kind: 'latency', ms: 60_000 } });
		const pending = call(e, 'GET', IPS).catch((err: Error) => err);
		await new Promise((r) => setTimeout(r, 50));
		const [, ms] = await timed(() => e.stop());
		expect(ms).toBeLessThan(1000);
		expect(await pending).toMatchObject({
			message: expect.stringMatching(/socket hang up|ECONNRESET/),
		});
	});
});
