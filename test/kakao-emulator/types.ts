// The public types of the Kakao API emulator (index.ts).

export type Relation = 'ADDED' | 'BLOCKED' | 'NONE';

export interface EmulatorChannel {
	publicId: string;
	uuid: string;
	connected?: boolean; // default true: the channel is connected to the app
	sanctioned?: boolean;
}

export type RelationInfo = { relation: Relation; created_at?: string; updated_at?: string };

export interface EmulatorUser {
	id: string; // service user id (app user id), a numeric string such as '1001'
	phone?: string; // as registered in Kakao Talk; stored as 82XXXXXXXXXX digits
	talkUser?: boolean; // default true; false -> -501 on the single relation check, left out of multi
	relations?: Record<string, RelationInfo>; // keyed by channel publicId
}

export interface EmulatorAccessToken {
	token: string;
	userId: string;
	scopes: string[];
	expiresAt?: number; // epoch ms; the API answers -401 from then on. Absent: never expires.
}

export interface EmulatorOptions {
	adminKey?: string; // default: random 32-char hex strings, exposed as properties
	restApiKey?: string;
	port?: number; // default 0 (a free port) on '127.0.0.1'
	host?: string;
	latencyMs?: number; // added to every answer
	recordBodies?: boolean; // default true; false keeps the request log without bodies
}

type Headers = Record<string, string>;

/** What each does: README.md here. */
export type Fault =
	| { kind: 'latency'; ms: number }
	| { kind: 'http'; status: number; body?: string; contentType?: string; headers?: Headers }
	| { kind: 'kakao'; code: number; status?: number; msg?: string }
	| { kind: 'drop' }
	| { kind: 'dropAfterApply' }
	| { kind: 'trickle'; intervalMs: number; padding?: number };

export interface FaultRule {
	fault: Fault;
	path?: string; // exact pathname, default any
	times?: number; // default 1; Infinity allowed
	match?: string; // only requests whose query string or body contains this text
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	body: unknown; // parsed JSON when parseable
	status: number; // status answered, 0 for dropped
	at: number;
	closedAt?: number; // when the connection closed (by either side)
}

export interface EmulatorFile {
	file_id: number;
	file_name: string;
	status: string;
	schema: Record<string, string>;
	/** keyed by service user id (phone-added users too); value: the user's field values */
	members: Map<string, Record<string, unknown>>;
	user_type?: string; // user_type of the first successful add
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
	adminKey?: string; // default: the emulator's admin key
	resourceId?: string; // default: a random 24-char alphanumeric id
	legacy?: boolean; // plus_friend_public_id, plus_friend_uuid, timestamp (ms): the old names
	authorization?: string | null; // the whole Authorization header; null omits it
	timeoutMs?: number; // reject when no answer arrives in time (Kakao allows 3 s); default none
}

export type WebhookResult = { status: number; body: string; resourceId: string };
