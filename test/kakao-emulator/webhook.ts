// Sends the Kakao Talk Channel add/block webhook exactly as docs/kakao-api.md#webhook describes it.
import * as http from 'node:http';
import * as https from 'node:https';
import { randomBytes } from 'node:crypto';
import { rfc3339 } from './rules';
import type { WebhookEvent, WebhookOptions, WebhookResult } from './types';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** 24-char alphanumeric id like Kakao's `Rvy1c2dkzBAZ5hGD3rqYbxvr`. */
export function randomResourceId(): string {
	return [...randomBytes(24)].map((b) => ALNUM[b % ALNUM.length]).join('');
}

/** The JSON body, fields in the documented order. Legacy mode uses the names replaced on 2021-05-24. */
export function webhookBody(event: WebhookEvent, legacy: boolean): Record<string, unknown> {
	const updatedAt = event.updated_at ?? rfc3339();
	const base = { event: event.event, id: event.id, id_type: event.id_type ?? 'app_user_id' };
	if (legacy) {
		const ms = Date.parse(updatedAt);
		return {
			...base,
			plus_friend_public_id: event.channel_public_id,
			plus_friend_uuid: event.channel_uuid,
			timestamp: Number.isNaN(ms) ? Date.now() : ms,
		};
	}
	return {
		...base,
		channel_public_id: event.channel_public_id,
		channel_uuid: event.channel_uuid,
		updated_at: updatedAt,
	};
}

export function sendWebhook(
	url: string,
	event: WebhookEvent,
	defaultAdminKey: string,
	opts: WebhookOptions = {},
): Promise<WebhookResult> {
	const resourceId = opts.resourceId ?? randomResourceId();
	const payload = Buffer.from(JSON.stringify(webhookBody(event, opts.legacy === true)), 'utf8');
	const headers: Record<string, string | number> = {};
	const authorization =
		opts.authorization === undefined
			? `KakaoAK ${opts.adminKey ?? defaultAdminKey}`
			: opts.authorization;
	if (authorization !== null) headers['Authorization'] = authorization;
	headers['X-Kakao-Resource-ID'] = resourceId;
	headers['User-Agent'] = 'KakaoOpenAPI/1.0';
	headers['Content-Type'] = 'application/json';
	headers['Content-Length'] = payload.length;
	const target = new URL(url);
	const lib = target.protocol === 'https:' ? https : http;
	return new Promise<WebhookResult>((resolve, reject) => {
		// agent: false -> a fresh connection per webhook, no keep-alive socket left behind. Redirects are not followed.
		const req = lib.request(target, { method: 'POST', headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					body: Buffer.concat(chunks).toString('utf8'),
					resourceId,
				}),
			);
			res.on('error', reject);
		});
		req.on('error', reject);
		if (opts.timeoutMs !== undefined) {
			req.setTimeout(opts.timeoutMs, () =>
				req.destroy(new Error(`webhook got no answer within ${opts.timeoutMs} ms`)),
			);
		}
		req.end(payload);
	});
}
