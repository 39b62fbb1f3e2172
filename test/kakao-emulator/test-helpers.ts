// What the emulator's own test files share (not a test file itself): an HTTP client, the check
// of a Kakao error answer, and the data the relation and customer-file suites start from.
import type { IncomingHttpHeaders } from 'node:http';
import { parseJson } from './faults';
import type { KakaoEmulator } from './server';
import { send } from './webhook';

export const PATHS = {
	SINGLE: '/v2/api/talk/channels',
	MULTI: '/v2/api/talk/channels/multi',
	CREATE: '/v1/talkchannel/create/target_user_file',
	VIEW: '/v1/talkchannel/target_user_file',
	ADD: '/v1/talkchannel/update/target_users',
	DELETE: '/v1/talkchannel/delete/target_users',
	IPS: '/v1/system/ips',
};
export const JSON_CT = 'application/json;charset=UTF-8';

export interface CallOptions {
	auth?: string; // 'admin' or 'rest' for `KakaoAK <that key>`, else the whole Authorization header
	query?: Record<string, string | undefined>;
	json?: unknown; // a JSON body, sent as application/json unless contentType says otherwise
	send?: object; // the query of a GET, the JSON body of anything else
	body?: string; // a body as text
	contentType?: string | null; // null: no Content-Type header
}
export type CallResult = { status: number; headers: IncomingHttpHeaders; text: string; json: any };

/** One request on a fresh connection; query values that are undefined are left out. */
export async function call(
	emu: KakaoEmulator,
	method: string,
	path: string,
	opts: CallOptions = {},
): Promise<CallResult> {
	if (opts.send) opts = { ...opts, [method === 'GET' ? 'query' : 'json']: opts.send };
	const url = new URL(path, emu.baseUrl);
	for (const [k, v] of Object.entries(opts.query ?? {}))
		if (v !== undefined) url.searchParams.set(k, v);
	const keys: Record<string, string> = { admin: emu.adminKey, rest: emu.restApiKey };
	const auth = opts.auth && (keys[opts.auth] ? `KakaoAK ${keys[opts.auth]}` : opts.auth);
	const headers: Record<string, string | number> = auth ? { Authorization: auth } : {};
	const text = opts.body ?? (opts.json === undefined ? undefined : JSON.stringify(opts.json));
	const payload = text === undefined ? undefined : Buffer.from(text, 'utf8');
	if (payload) {
		headers['Content-Length'] = payload.length;
		if (opts.contentType !== null) headers['Content-Type'] = opts.contentType ?? 'application/json';
	}
	const answer = await send(url, { method, headers }, payload);
	return { ...answer, json: parseJson(answer.text) };
}

/** A Kakao error answer: the HTTP status, `{msg, code}` and Kakao's JSON content type. */
export function expectKakaoError(r: CallResult, status: number, code: number): void {
	const got = [r.status, r.json?.code, typeof r.json?.msg, r.headers['content-type']];
	expect(got).toEqual([status, code, 'string', JSON_CT]);
}

/** Relations: the channels of the doc's samples, a user on three of them, a non-Talk user, tokens. */
export function seedRelations(emu: KakaoEmulator): void {
	const uuids = { _ZeUTxl: '@테스트', _frxjem: '@frx', _xnrxjem: '@플러스친구', _Brxjem: '@brx' };
	for (const [publicId, uuid] of Object.entries(uuids)) emu.addChannel({ publicId, uuid });
	emu.addChannel({ publicId: '_unlinked', uuid: '@unlinked', connected: false });
	emu.addChannel({ publicId: '_banned', uuid: '@banned', sanctioned: true });
	const at = { created_at: '2020-04-18T03:17:05Z', updated_at: '2021-05-17T05:25:01Z' };
	const added = { relation: 'ADDED', ...at } as const;
	const blocked = { relation: 'BLOCKED', updated_at: '2022-01-01T00:00:00Z' } as const;
	emu.addUser({ id: '4242', relations: { _ZeUTxl: added, _frxjem: added, _Brxjem: blocked } });
	emu.addUser({ id: '5555', talkUser: false });
	const token = (token: string, userId: string, ...scopes: string[]) =>
		emu.addAccessToken({ token, userId, scopes });
	token('tok-ok', '4242', 'profile_nickname', 'plusfriends');
	token('tok-noscope', '4242', 'profile_nickname');
	token('tok-nontalk', '5555', 'plusfriends');
}

/** Customer files: three channels (one not connected), users with and without the channel added. */
export function seedCustomerFiles(emu: KakaoEmulator): void {
	emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
	emu.addChannel({ publicId: '_other', uuid: '@other' });
	emu.addChannel({ publicId: '_unlinked', uuid: '@unlinked', connected: false });
	const on = (channel: string, relation: 'ADDED' | 'BLOCKED') => ({ [channel]: { relation } });
	emu.addUser({ id: '12345', phone: '821012345678', relations: on('_ZeUTxl', 'ADDED') });
	emu.addUser({ id: '12346', phone: '010-2222-3333', relations: on('_ZeUTxl', 'ADDED') });
	emu.addUser({ id: '12347', relations: on('_ZeUTxl', 'BLOCKED') });
	emu.addUser({ id: '12348', relations: on('_other', 'ADDED') });
}

/** The exact body of the doc's "Register customer file" sample. */
export const DOC_CREATE_BODY = `{
            "channel_public_id": "_ZeUTxl",
            "file_name": "vip고객리스트",
            "schema":{
                "생년월일":"string",
                "성별":"string",
                "연령":"number"
        }
    }`;
