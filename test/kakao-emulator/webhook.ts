// Sends the Kakao Talk Channel add/block webhook exactly as docs/kakao-api.md#webhook describes it.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import { rfc3339 } from './rules';
import type { WebhookEvent, WebhookOptions, WebhookResult } from './types';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 24 letters and digits, like Kakao's `Rvy1c2dkzBAZ5hGD3rqYbxvr`. */
export const randomResourceId = (): string =>
	[...randomBytes(24)].map((b) => ALNUM[b % ALNUM.length]).join('');

/** The JSON body, fields in the documented order; `legacy` uses the names replaced on 2021-05-24. */
export function webhookBody(event: WebhookEvent, legacy: boolean): Record<string, unknown> {
	const { channel_public_id, channel_uuid, updated_at = rfc3339() } = event;
	const base = { event: event.event, id: event.id, id_type: event.id_type ?? 'app_user_id' };
	if (!legacy) return { ...base, channel_public_id, channel_uuid, updated_at };
	const ms = Date.parse(updated_at);
	const timestamp = Number.isNaN(ms) ? Date.now() : ms;
	const ids = { plus_friend_public_id: channel_public_id, plus_friend_uuid: channel_uuid };
	return { ...base, ...ids, timestamp };
}

/** POSTs the event to `url`, as `send` does. */
export function sendWebhook(
	url: string,
	event: WebhookEvent,
	defaultAdminKey: string,
	opts: WebhookOptions = {},
): Promise<WebhookResult> {
	const resourceId = opts.resourceId ?? randomResourceId();
	const payload = Buffer.from(JSON.stringify(webhookBody(event, opts.legacy === true)), 'utf8');
	const { authorization = `KakaoAK ${opts.adminKey ?? defaultAdminKey}` } = opts;
	const headers = {
		...(authorization !== null && { Authorization: authorization }),
		'X-Kakao-Resource-ID': resourceId,
		'User-Agent': 'KakaoOpenAPI/1.0',
		'Content-Type': 'application/json',
		'Content-Length': payload.length,
	};
	const timeout = opts.timeoutMs;
	return send(new URL(url), { method: 'POST', headers }, payload, timeout).then(
		({ status, text }) => ({ status, body: text, resourceId }),
	);
}

/** One request on a fresh connection; redirects are not followed. `timeoutMs` rejects a late answer. */
export function send(
	url: URL,
	options: http.RequestOptions,
	payload?: Buffer,
	timeoutMs?: number,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		const lib = url.protocol === 'https:' ? https : http;
		const req = lib.request(url, { ...options, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
			});
		});
		req.on('error', reject);
		if (timeoutMs !== undefined)
			req.setTimeout(timeoutMs, () =>
				req.destroy(new Error(`webhook got no answer within ${timeoutMs} ms`)),
			);
		req.end(payload);
	});
}
