// The emulator's HTTP server: routing, auth, injected faults, latency and request recording.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, type Ctx, type Route } from './auth';
import { customerFileRoutes } from './customer-files';
import { KakaoError } from './errors';
import { FaultRules, JSON_TYPE, httpFault, parseJson, trickle, type Answer } from './faults';
import { KakaoLogin, type LoginOptions } from './oauth';
import { relationRoutes } from './relations';
import { validateSchema } from './rules';
import { EmulatorState } from './state';
import { systemRoutes } from './system-ips';
import type * as T from './types';
import { sendWebhook } from './webhook';

const ROUTES: Route[] = [...relationRoutes, ...customerFileRoutes, ...systemRoutes];

/** JSON.stringify, except that BigInt values (64-bit user IDs) become exact JSON numbers, as Kakao sends them. */
export function stringifyExact(value: unknown): string {
	const marker = '\u0001bigint:';
	// Reads the holder's own value: a BigInt.prototype.toJSON (some libraries add one) runs before a replacer.
	const text = JSON.stringify(value, function (this: Record<string, unknown>, key, v: unknown) {
		return typeof this[key] === 'bigint' ? `${marker}${String(this[key])}` : v;
	});
	return text.replace(/"\\u0001bigint:(-?\d+)"/g, '$1');
}

function errorAnswer(e: KakaoError, extraHeaders?: Record<string, string>): Answer {
	const body = stringifyExact(e.toBody());
	return { status: e.status, body, contentType: JSON_TYPE, extraHeaders };
}

export class KakaoEmulator {
	readonly baseUrl: string;
	readonly adminKey: string;
	readonly restApiKey: string;
	latencyMs: number;
	readonly requests: T.RecordedRequest[] = [];
	private readonly state = new EmulatorState();
	private readonly faults = new FaultRules();
	private readonly timers = new Set<NodeJS.Timeout>();
	private login?: KakaoLogin;

	private constructor(
		private readonly server: http.Server,
		host: string,
		readonly port: number,
		private readonly options: T.EmulatorOptions,
	) {
		this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
		this.adminKey = options.adminKey ?? randomBytes(16).toString('hex');
		this.restApiKey = options.restApiKey ?? randomBytes(16).toString('hex');
		this.latencyMs = options.latencyMs ?? 0;
	}

	static start(options: T.EmulatorOptions = {}): Promise<KakaoEmulator> {
		const host = options.host ?? '127.0.0.1';
		const server = http.createServer();
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, host, () => {
				server.off('error', reject);
				const { port } = server.address() as AddressInfo;
				const emu = new KakaoEmulator(server, host, port, options);
				server.on('request', (req, res) => emu.onRequest(req, res).catch(() => res.destroy()));
				resolve(emu);
			});
		});
	}

	// The data, as a test sets it up (state.ts).
	readonly addChannel = (c: T.EmulatorChannel): void => this.state.addChannel(c);
	readonly addUser = (u: T.EmulatorUser): void => this.state.addUser(u);
	readonly addAccessToken = (t: T.EmulatorAccessToken): void => this.state.addAccessToken(t);
	readonly setRelation = (userId: string, channelPublicId: string, relation: T.Relation): void =>
		this.state.setRelation(userId, channelPublicId, relation);
	/** Checked before routing and auth; see FaultRules. */
	readonly injectFault = (rule: T.FaultRule): void => this.faults.add(rule);
	readonly clearFaults = (): void => this.faults.clear();
	readonly clearRequests = (): void => void this.requests.splice(0);

	/** Clears the data, the requests and the faults (keys and latencyMs stay). */
	readonly reset = (): void => void (this.state.clear(), this.clearRequests(), this.clearFaults());
	/** Turns on Kakao Login (/oauth/authorize, /oauth/token) for this app; see oauth.ts. */
	readonly configureLogin = (options: LoginOptions): void =>
		void (this.login = new KakaoLogin(this.restApiKey, this.state, options));
	/** Expires every access token Kakao Login issued so far; the next API call answers -401. */
	readonly expireLoginTokens = (): void => this.login?.expireAccessTokens();
	readonly files = (channel: string): T.EmulatorFile[] => this.state.filesView(channel);
	readonly sendWebhook = (url: string, event: T.WebhookEvent, opts?: T.WebhookOptions) =>
		sendWebhook(url, event, this.adminKey, opts);

	/** A customer file made directly (no HTTP, auth or channel check; the schema rules apply). Its file_id. */
	seedFile(
		channelPublicId: string,
		fileName: string,
		schema: Record<string, string>,
		userType?: 'app' | 'phone',
		members: Record<string, Record<string, unknown>> = {},
	): number {
		const file = this.state.createFile(channelPublicId, fileName, validateSchema(schema));
		if (userType !== undefined) file.user_type = userType;
		for (const [id, field] of Object.entries(members)) file.members.set(id, { ...field });
		return file.file_id;
	}

	stop(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		return closed;
	}

	private sleep(ms: number): Promise<void> {
		return new Promise((resolve) => {
			if (!(ms > 0)) return resolve();
			const t = setTimeout(() => resolve(void this.timers.delete(t)), ms);
			this.timers.add(t);
		});
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const at = Date.now();
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://emulator.invalid');
		const query = Object.fromEntries(url.searchParams);
		const method = req.method ?? 'GET';
		const keep = this.options.recordBodies ?? true;
		const [path, headers] = [url.pathname, { ...req.headers }];
		const bodies = keep ? { rawBody, body: parseJson(rawBody) } : { rawBody: '', body: undefined };
		const record: T.RecordedRequest = { method, path, query, headers, ...bodies, status: 0, at };
		this.requests.push(record);
		res.on('close', () => (record.closedAt = Date.now()));

		const { delay, terminal } = this.faults.take(url.pathname, `${url.search}\n${rawBody}`);
		const request = { query, headers: req.headers, rawBody };
		const apply = () => this.dispatch(method, url.pathname, request);
		let answer: Answer | undefined;
		if (terminal === undefined || terminal.kind === 'trickle') answer = apply();
		else if (terminal.kind === 'dropAfterApply') apply();
		else if (terminal.kind === 'http') answer = httpFault(terminal);
		else if (terminal.kind === 'kakao')
			answer = errorAnswer(new KakaoError(terminal.code, terminal.msg, {}, terminal.status));
		await this.sleep(this.latencyMs + delay);
		if (res.destroyed) return;
		if (answer === undefined) return void req.socket.destroy(); // drop: no answer at all
		record.status = answer.status;
		if (terminal?.kind === 'trickle') return trickle(res, answer, terminal, this.timers);
		const { status, contentType: type, body, extraHeaders } = answer;
		const length = Buffer.byteLength(body);
		res.writeHead(status, { 'Content-Type': type, 'Content-Length': length, ...extraHeaders });
		res.end(body);
	}

	/**
	 * Routing comes before auth (the real answers are undocumented): an unknown path is HTTP 404
	 * {code:-9}; a known path with another method HTTP 405 {code:-2} with an Allow header.
	 */
	private dispatch(method: string, path: string, request: Omit<Ctx, 'auth' | 'state'>): Answer {
		const login = path.startsWith('/oauth/') && this.login?.handle(method, path, request);
		if (login) return login;
		const candidates = ROUTES.filter((r) => r.path === path);
		if (candidates.length === 0)
			return errorAnswer(new KakaoError(-9, `API not found: ${path}`, {}, 404));
		const route = candidates.find((r) => r.method === method);
		if (!route) {
			const Allow = candidates.map((r) => r.method).join(', ');
			const e = new KakaoError(-2, `method ${method} is not allowed; use ${Allow}`, {}, 405);
			return errorAnswer(e, { Allow });
		}
		try {
			const auth = authenticate(request.headers.authorization, this, this.state, route.auth);
			const reply = route.handle({ ...request, auth, state: this.state });
			const body = reply.body === undefined ? '' : stringifyExact(reply.body);
			return { status: reply.status, body, contentType: JSON_TYPE };
		} catch (e) {
			return errorAnswer(
				e instanceof KakaoError ? e : new KakaoError(-1, `internal error: ${(e as Error).message}`),
			);
		}
	}
}
