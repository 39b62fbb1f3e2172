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
	const updatedAt = event.updated_at ?? rfc3339();
	const base = { event: event.event, id: event.id, id_type: event.id_type ?? 'app_user_id' };
	if (!legacy)
		return {
			...base,
			channel_public_id: event.channel_public_id,
			channel_uuid: event.channel_uuid,
			updated_at: updatedAt,
		};
	const ms = Date.parse(updatedAt);
	return {
		...base,
		plus_friend_public_id: event.channel_public_id,
		plus_friend_uuid: event.channel_uuid,
		timestamp: Number.isNaN(ms) ? Date.now() : ms,
	};
}

/** POSTs the event to `url` on a fresh connection; redirects are not followed. */
export function sendWebhook(
	url: string,
	event: WebhookEvent,
	defaultAdminKey: string,
	opts: WebhookOptions = {},
): Promise<WebhookResult> {
	const resourceId = opts.resourceId ?? randomResourceId();
	const payload = Buffer.from(JSON.stringify(webhookBody(event, opts.legacy === true)), 'utf8');
	const authorization =
		opts.authorization === undefined
			? `KakaoAK ${opts.adminKey ?? defaultAdminKey}`
			: opts.authorization;
	const headers = {
		...(authorization !== null && { Authorization: authorization }),
		'X-Kakao-Resource-ID': resourceId,
		'User-Agent': 'KakaoOpenAPI/1.0',
		'Content-Type': 'application/json',
		'Content-Length': payload.length,
	};
	const target = new URL(url);
	return new Promise<WebhookResult>((resolve, reject) => {
		const lib = target.protocol === 'https:' ? https : http;
		const req = lib.request(target, { method: 'POST', headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('error', reject);
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					body: Buffer.concat(chunks).toString('utf8'),
					resourceId,
				}),
			);
		});
		req.on('error', reject);
		if (opts.timeoutMs !== undefined)
			req.setTimeout(opts.timeoutMs, () =>
				req.destroy(new Error(`webhook got no answer within ${opts.timeoutMs} ms`)),
			);
		req.end(payload);
	});
}
