// The public types of the Kakao API emulator (index.ts).

export type Relation = 'ADDED' | 'BLOCKED' | 'NONE';

/** `connected` defaults to true (connected to the app), `sanctioned` to false. */
export type EmulatorChannel = {
	publicId: string;
	uuid: string;
	connected?: boolean;
	sanctioned?: boolean;
};

export type RelationInfo = { relation: Relation; created_at?: string; updated_at?: string };

export interface EmulatorUser {
	/** service user id (app user id), a numeric string such as '1001' */
	id: string;
	/** as registered in Kakao Talk; stored as 82XXXXXXXXXX digits */
	phone?: string;
	/** default true; false -> -501 on the single relation check, left out of multi */
	talkUser?: boolean;
	/** keyed by channel publicId */
	relations?: Record<string, RelationInfo>;
}

export interface EmulatorAccessToken {
	token: string;
	userId: string;
	scopes: string[];
	/** epoch ms; the API answers -401 from then on. Absent: never expires. */
	expiresAt?: number;
}

export interface EmulatorOptions {
	/** default: random 32-char hex strings, exposed as properties */
	adminKey?: string;
	restApiKey?: string;
	/** default 0 (a free port) on '127.0.0.1' */
	port?: number;
	host?: string;
	/** added to every answer */
	latencyMs?: number;
	/** default true; false keeps the request log without bodies */
	recordBodies?: boolean;
}

/** What each does: README.md here. */
export type Fault =
	| { kind: 'latency'; ms: number }
	| {
			kind: 'http';
			status: number;
			body?: string;
			contentType?: string;
			headers?: Record<string, string>;
	  }
	| { kind: 'kakao'; code: number; status?: number; msg?: string }
	| { kind: 'drop' }
	| { kind: 'dropAfterApply' }
	| { kind: 'trickle'; intervalMs: number; padding?: number };

export interface FaultRule {
	fault: Fault;
	/** exact pathname, default any */
	path?: string;
	/** default 1; Infinity allowed */
	times?: number;
	/** only requests whose query string or body contains this text */
	match?: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** parsed JSON when parseable */
	body: unknown;
	/** status answered, 0 for dropped */
	status: number;
	at: number;
	/** when the connection closed (by either side) */
	closedAt?: number;
}

export interface EmulatorFile {
	file_id: number;
	file_name: string;
	status: string;
	schema: Record<string, string>;
	/** keyed by service user id (phone-added users too); value: the user's field values */
	members: Map<string, Record<string, unknown>>;
	/** user_type of the first successful add */
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
	/** default: a random 24-char alphanumeric id */
	resourceId?: string;
	/** plus_friend_public_id, plus_friend_uuid, timestamp (ms) instead of the new names */
	legacy?: boolean;
	/** the whole Authorization header; null omits it */
	authorization?: string | null;
	/** reject when no answer arrives in time (Kakao allows 3 s); default none */
	timeoutMs?: number;
}

export type WebhookResult = { status: number; body: string; resourceId: string };
