// Small node:http client for the emulator tests (not a test file itself).
import * as http from 'node:http';
import type { KakaoEmulator } from './server';

export interface CallOptions {
	/** full Authorization header value; undefined/null = no header */
	auth?: string | null;
	query?: Record<string, string>;
	/** JSON body (sent with Content-Type: application/json unless contentType says otherwise) */
	json?: unknown;
	/** raw body text */
	body?: string;
	/** null = no Content-Type header */
	contentType?: string | null;
}

export interface CallResult {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	json: any;
}

export const adminAuth = (emu: KakaoEmulator): string => `KakaoAK ${emu.adminKey}`;
export const restAuth = (emu: KakaoEmulator): string => `KakaoAK ${emu.restApiKey}`;
export const bearer = (token: string): string => `Bearer ${token}`;

export function call(
	emu: KakaoEmulator,
	method: string,
	path: string,
	opts: CallOptions = {},
): Promise<CallResult> {
	const url = new URL(path, emu.baseUrl);
	for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, v);
	const headers: Record<string, string | number> = {};
	if (opts.auth) headers['Authorization'] = opts.auth;
	let payload: Buffer | undefined;
	if (opts.json !== undefined || opts.body !== undefined) {
		payload = Buffer.from(opts.body ?? JSON.stringify(opts.json), 'utf8');
		headers['Content-Length'] = payload.length;
		const ct = opts.contentType === undefined ? 'application/json' : opts.contentType;
		if (ct !== null) headers['Content-Type'] = ct;
	}
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = text === '' ? undefined : JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
		});
		req.on('error', reject);
		req.end(payload);
	});
}

/** Expect a Kakao error answer. */
export function expectKakaoError(r: CallResult, status: number, code: number): void {
	expect({ status: r.status, code: r.json?.code, msgType: typeof r.json?.msg }).toEqual({
		status,
		code,
		msgType: 'string',
	});
	expect(r.headers['content-type']).toBe('application/json;charset=UTF-8');
}
