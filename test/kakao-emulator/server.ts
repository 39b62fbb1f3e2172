// The emulator's HTTP server: routing, auth, injected faults, latency and request recording.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { authenticate } from './auth';
import { customerFileRoutes, systemRoutes } from './customer-files';
import { KakaoError, defaultMsg, statusForCode } from './errors';
import { JSON_TYPE, httpFault, parseJson, trickle, type Answer } from './fault-answers';
import { KakaoLogin, type LoginOptions } from './oauth';
import { relationRoutes } from './relations';
import { validateSchema } from './rules';
import type { Reply, Route } from './routes-types';
import { EmulatorState } from './state';
import type {
	EmulatorAccessToken,
	EmulatorChannel,
	EmulatorFile,
	EmulatorOptions,
	EmulatorUser,
	Fault,
	FaultRule,
	RecordedRequest,
	Relation,
	WebhookEvent,
	WebhookOptions,
	WebhookResult,
} from './types';
import { sendWebhook } from './webhook';

const ROUTES: Route[] = [...relationRoutes, ...customerFileRoutes, ...systemRoutes];

/** JSON.stringify, except that BigInt values (64-bit user IDs) are written as exact JSON numbers, as Kakao does. */
export function stringifyExact(value: unknown): string {
	const marker = '\u0001bigint:';
	// Reads the holder's own value: a BigInt.prototype.toJSON (some libraries add one) runs before a replacer sees it.
	const text = JSON.stringify(
		value,
		function (this: Record<string, unknown>, key: string, v: unknown) {
			const own = this[key];
			return typeof own === 'bigint' ? `${marker}${own.toString()}` : v;
		},
	);
	return text.replace(/"\\u0001bigint:(-?\d+)"/g, '$1');
}

function jsonAnswer(reply: Reply): Answer {
	return {
		status: reply.status,
		body: reply.body === undefined ? '' : stringifyExact(reply.body),
		contentType: JSON_TYPE,
	};
}

function errorAnswer(e: KakaoError, extraHeaders?: Record<string, string>): Answer {
	return { ...jsonAnswer({ status: e.status, body: e.toBody() }), extraHeaders };
}

export class KakaoEmulator {
	readonly baseUrl: string;
	readonly port: number;
	readonly adminKey: string;
	readonly restApiKey: string;
	latencyMs: number;
	readonly requests: RecordedRequest[] = [];

	private readonly server: http.Server;
	private readonly state = new EmulatorState();
	private readonly recordBodies: boolean;
	private faults: Array<{ fault: Fault; path?: string; match?: string; left: number }> = [];
	private login?: KakaoLogin;
	private readonly timers = new Set<NodeJS.Timeout>();

	private constructor(server: http.Server, host: string, port: number, options: EmulatorOptions) {
		this.server = server;
		this.port = port;
		this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
		this.adminKey = options.adminKey ?? randomBytes(16).toString('hex');
		this.restApiKey = options.restApiKey ?? randomBytes(16).toString('hex');
		this.latencyMs = options.latencyMs ?? 0;
		this.recordBodies = options.recordBodies ?? true;
	}

	static start(options: EmulatorOptions = {}): Promise<KakaoEmulator> {
		const host = options.host ?? '127.0.0.1';
		const server = http.createServer();
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, host, () => {
				server.off('error', reject);
				const emu = new KakaoEmulator(
					server,
					host,
					(server.address() as AddressInfo).port,
					options,
				);
				server.on('request', (req, res) => {
					emu.onRequest(req, res).catch(() => res.destroy());
				});
				resolve(emu);
			});
		});
	}

	clearRequests(): void {
		this.requests.length = 0;
	}

	/** Clears state, requests and faults (keys and latencyMs stay). */
	reset(): void {
		this.state.clear();
		this.clearRequests();
		this.clearFaults();
	}

	addChannel(c: EmulatorChannel): void {
		this.state.addChannel(c);
	}

	addUser(u: EmulatorUser): void {
		this.state.addUser(u);
	}

	addAccessToken(t: EmulatorAccessToken): void {
		this.state.addAccessToken(t);
	}

	/** Turns on Kakao Login (/oauth/authorize, /oauth/token) for this app; see oauth.ts. */
	configureLogin(options: LoginOptions): void {
		this.login = new KakaoLogin(this.restApiKey, this.state, options);
	}

	/** Expires every access token Kakao Login issued so far; the next API call answers -401. */
	expireLoginTokens(): void {
		this.login?.expireAccessTokens();
	}

	setRelation(userId: string, channelPublicId: string, relation: Relation): void {
		this.state.setRelation(userId, channelPublicId, relation);
	}

	/**
	 * Faults are checked in insertion order before normal handling. Every matching rule with times left is
	 * consumed: `latency` rules add their delay and go on; the first `http` / `kakao` / `drop` rule answers.
	 */
	injectFault(rule: FaultRule): void {
		const times = rule.times ?? 1;
		if (!(times > 0)) return;
		this.faults.push({ fault: rule.fault, path: rule.path, match: rule.match, left: times });
	}

	clearFaults(): void {
		this.faults = [];
	}

	/**
	 * Extension (not in the agreed API): creates a customer file directly, bypassing HTTP, auth and the
	 * channel checks but not the schema rules. Members are keyed by service user id. Returns the new file_id.
	 */
	seedFile(
		channelPublicId: string,
		fileName: string,
		schema: Record<string, string>,
		userType?: 'app' | 'phone',
		members?: Record<string, Record<string, unknown>>,
	): number {
		const file = this.state.createFile(channelPublicId, fileName, validateSchema(schema));
		if (userType !== undefined) file.user_type = userType;
		for (const [id, field] of Object.entries(members ?? {})) file.members.set(id, { ...field });
		return file.file_id;
	}

	files(channelPublicId: string): EmulatorFile[] {
		return this.state.filesView(channelPublicId);
	}

	sendWebhook(url: string, event: WebhookEvent, opts?: WebhookOptions): Promise<WebhookResult> {
		return sendWebhook(url, event, this.adminKey, opts);
	}

	stop(): Promise<void> {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		return new Promise((resolve) => {
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}

	private sleep(ms: number): Promise<void> {
		if (!(ms > 0)) return Promise.resolve();
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	private takeFaults(path: string, text: string): { delay: number; terminal?: Fault } {
		let delay = 0;
		for (const rule of this.faults) {
			if (rule.left <= 0 || (rule.path !== undefined && rule.path !== path)) continue;
			if (rule.match !== undefined && !text.includes(rule.match)) continue;
			rule.left--;
			if (rule.fault.kind === 'latency') {
				delay += rule.fault.ms;
				continue;
			}
			this.faults = this.faults.filter((r) => r.left > 0);
			return { delay, terminal: rule.fault };
		}
		this.faults = this.faults.filter((r) => r.left > 0);
		return { delay };
	}

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const at = Date.now();
		const chunks: Buffer[] = [];
		for await (const c of req) chunks.push(c as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(req.url ?? '/', 'http://emulator.invalid');
		const query: Record<string, string> = Object.fromEntries(url.searchParams);
		const method = req.method ?? 'GET';
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query,
			headers: { ...req.headers },
			rawBody: this.recordBodies ? rawBody : '',
			body: this.recordBodies ? parseJson(rawBody) : undefined,
			status: 0,
			at,
		};
		this.requests.push(record);
		res.on('close', () => (record.closedAt = Date.now()));

		const { delay, terminal } = this.takeFaults(url.pathname, `${url.search}\n${rawBody}`);
		let answer: Answer | undefined;
		if (terminal === undefined || terminal.kind === 'trickle')
			answer = this.dispatch(method, url.pathname, query, req.headers, rawBody);
		else if (terminal.kind === 'dropAfterApply')
			this.dispatch(method, url.pathname, query, req.headers, rawBody);
		else if (terminal.kind === 'http')
			answer = httpFault(terminal.status, terminal.body, terminal.contentType, terminal.headers);
		else if (terminal.kind === 'kakao') {
			const status = terminal.status ?? statusForCode(terminal.code);
			answer = errorAnswer(
				new KakaoError(terminal.code, terminal.msg ?? defaultMsg(terminal.code), undefined, status),
			);
		}
		await this.sleep(this.latencyMs + delay);
		if (res.destroyed) return;
		if (answer === undefined) {
			// drop: close the connection without any response
			req.socket.destroy();
			return;
		}
		record.status = answer.status;
		if (terminal?.kind === 'trickle') {
			trickle(res, answer, terminal, this.timers);
			return;
		}
		res.writeHead(answer.status, {
			'Content-Type': answer.contentType,
			'Content-Length': Buffer.byteLength(answer.body),
			...answer.extraHeaders,
		});
		res.end(answer.body);
	}

	/**
	 * Unknown path -> HTTP 404 {code:-9}; known path, wrong method -> HTTP 405 {code:-2} with an Allow header
	 * (the real answers are undocumented). Routing is decided before authentication.
	 */
	private dispatch(
		method: string,
		path: string,
		query: Record<string, string>,
		headers: http.IncomingHttpHeaders,
		rawBody: string,
	): Answer {
		const login = path.startsWith('/oauth/')
			? this.login?.handle(method, path, query, headers, rawBody)
			: undefined;
		if (login) return login;
		const candidates = ROUTES.filter((r) => r.path === path);
		if (candidates.length === 0)
			return errorAnswer(new KakaoError(-9, `API not found: ${path}`, undefined, 404));
		const route = candidates.find((r) => r.method === method);
		if (!route) {
			const allow = candidates.map((r) => r.method).join(', ');
			return errorAnswer(
				new KakaoError(-2, `method ${method} is not allowed; use ${allow}`, undefined, 405),
				{ Allow: allow },
			);
		}
		try {
			const auth = authenticate(headers.authorization, this, this.state, route.auth);
			return jsonAnswer(
				route.handle({ method, path, query, headers, rawBody, auth, state: this.state }),
			);
		} catch (e) {
			if (e instanceof KakaoError) return errorAnswer(e);
			return errorAnswer(new KakaoError(-1, `internal error: ${(e as Error).message}`));
		}
	}
}
