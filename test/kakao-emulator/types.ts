// Public types of the Kakao API emulator. Type-strippable syntax only (no enums/namespaces).

export type Relation = 'ADDED' | 'BLOCKED' | 'NONE';

export interface EmulatorChannel {
	publicId: string;
	uuid: string;
	/** default true: the channel is connected to the app */
	connected?: boolean;
	sanctioned?: boolean;
}

export interface RelationInfo {
	relation: Relation;
	created_at?: string;
	updated_at?: string;
}

export interface EmulatorUser {
	/** service user id (app user id), numeric string e.g. '1001' */
	id: string;
	/** as registered in Kakao Talk; stored as digits in 82XXXXXXXXXX form (e.g. '821012345678') */
	phone?: string;
	/** default true; false -> -501 on single relation check, omitted in multi */
	talkUser?: boolean;
	/** keyed by channel publicId */
	relations?: Record<string, RelationInfo>;
}

export interface EmulatorAccessToken {
	token: string;
	userId: string;
	scopes: string[];
	/** epoch ms; the API answers -401 from then on. Absent = never expires. */
	expiresAt?: number;
}

export interface EmulatorOptions {
	/** defaults: random 32-char hex strings; exposed as properties */
	adminKey?: string;
	restApiKey?: string;
	/** default 0 (ephemeral) / '127.0.0.1' */
	port?: number;
	host?: string;
	/** fixed latency added to every API response */
	latencyMs?: number;
	/** default true; false keeps the request log without bodies */
	recordBodies?: boolean;
}

export type Fault =
	| { kind: 'latency'; ms: number }
	| {
			kind: 'http';
			status: number;
			body?: string;
			contentType?: string;
			/** extra response headers, such as a redirect's Location */
			headers?: Record<string, string>;
	  }
	| { kind: 'kakao'; code: number; status?: number; msg?: string }
	/** close the connection without an answer, before the request is applied */
	| { kind: 'drop' }
	/** apply the request (state changes), then close the connection without an answer */
	| { kind: 'dropAfterApply' }
	/**
	 * apply the request, send the status line and headers at once, then the body one byte every
	 * `intervalMs`: first `padding` spaces (default: without end, until the client hangs up), then
	 * the normal answer's body
	 */
	| { kind: 'trickle'; intervalMs: number; padding?: number };

export interface FaultRule {
	fault: Fault;
	/** exact pathname, default any */
	path?: string;
	/** default 1; Infinity allowed */
	times?: number;
	/** only requests whose query string or body contains this text (e.g. one user's ID picks one batch) */
	match?: string;
}

export interface RecordedRequest {
	method: string;
	/** pathname */
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** parsed JSON when parseable, else undefined */
	body: unknown;
	/** status answered, 0 for dropped */
	status: number;
	/** when the exchange ended: the answer was sent, or the connection closed (by either side) */
	closedAt?: number;
	at: number;
}

export interface EmulatorFile {
	file_id: number;
	file_name: string;
	status: string;
	schema: Record<string, string>;
	/** keyed by service user id (phone-added users are resolved to their service user id); value = the user's field values */
	members: Map<string, Record<string, unknown>>;
	/** user_type of the first successful add call */
	user_type?: string;
}

export interface WebhookEvent {
	event: 'added' | 'blocked';
	id: string;
	id_type?: string;
	channel_public_id: string;
	channel_uuid: string;
	updated_at?: string;
}

export interface WebhookOptions {
	/** default: the emulator's admin key */
	adminKey?: string;
	/** default: random 24-char alphanumeric id */
	resourceId?: string;
	/** send plus_friend_public_id, plus_friend_uuid, timestamp (ms) instead of the new names */
	legacy?: boolean;
	/** override the whole Authorization header; null = omit it */
	authorization?: string | null;
	/** extension: reject with an Error when no answer arrives in time (Kakao allows 3 s). Default: no timeout. */
	timeoutMs?: number;
}

export interface WebhookResult {
	status: number;
	body: string;
	resourceId: string;
}
