import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAMPLE_EVENT, SAMPLE_RESOURCE_ID } from '../support/kakaoWebhook';
import { KakaoEmulator } from './index';

interface Received {
	method: string;
	url: string;
	headers: http.IncomingHttpHeaders;
	body: string;
}

let emu: KakaoEmulator;
let receiver: http.Server;
let url: string;
let received: Received[];
let answer: { status: number; body: string; delayMs?: number };

beforeAll(async () => {
	emu = await KakaoEmulator.start();
	receiver = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			received.push({
				method: req.method ?? '',
				url: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks).toString('utf8'),
			});
			setTimeout(() => {
				res.writeHead(answer.status, { 'Content-Type': 'text/plain' });
				res.end(answer.body);
			}, answer.delayMs ?? 0);
		});
	});
	await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
	url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/kakao?x=1`;
});
afterAll(async () => {
	receiver.closeAllConnections();
	await new Promise((r) => receiver.close(r));
	await emu.stop();
});
beforeEach(() => {
	received = [];
	answer = { status: 200, body: 'ok' };
});

describe('sendWebhook', () => {
	it('sends the documented request: headers and the doc sample body', async () => {
		const res = await emu.sendWebhook(url, SAMPLE_EVENT);
		expect(res).toEqual({
			status: 200,
			body: 'ok',
			resourceId: expect.stringMatching(/^[A-Za-z0-9]{24}$/),
		});
		expect(received).toHaveLength(1);
		const [r] = received;
		expect(r.method).toBe('POST');
		expect(r.url).toBe('/webhook/kakao?x=1');
		expect(r.headers['authorization']).toBe(`KakaoAK ${emu.adminKey}`);
		expect(r.headers['x-kakao-resource-id']).toBe(res.resourceId);
		expect(r.headers['user-agent']).toBe('KakaoOpenAPI/1.0');
		expect(r.headers['content-type']).toBe('application/json');
		expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)));
		expect(r.body).toBe(
			'{"event":"added","id":"1111","id_type":"app_user_id","channel_public_id":"_FLX","channel_uuid":"@ad","updated_at":"2020-01-01T00:00:00Z"}',
		);
	});

	it('legacy form: plus_friend_public_id, plus_friend_uuid and timestamp in epoch ms', async () => {
		await emu.sendWebhook(
			url,
			{ ...SAMPLE_EVENT, event: 'blocked', channel_uuid: '@플러스친구' },
			{ legacy: true },
		);
		const body = JSON.parse(received[0].body);
		expect(body).toEqual({
			event: 'blocked',
			id: '1111',
			id_type: 'app_user_id',
			plus_friend_public_id: '_FLX',
			plus_friend_uuid: '@플러스친구',
			timestamp: Date.parse('2020-01-01T00:00:00Z'),
		});
		expect(typeof body.timestamp).toBe('number');
		expect(received[0].headers['authorization']).toBe(`KakaoAK ${emu.adminKey}`);
	});

	it('defaults: id_type app_user_id, updated_at now in RFC 3339 UTC, fresh resource ids', async () => {
		const before = Date.now() - 1000;
		const a = await emu.sendWebhook(url, {
			event: 'added',
			id: '7',
			channel_public_id: '_ZeUTxl',
			channel_uuid: '@테스트',
		});
		const b = await emu.sendWebhook(url, {
			event: 'added',
			id: '7',
			channel_public_id: '_ZeUTxl',
			channel_uuid: '@테스트',
		});
		expect(a.resourceId).not.toBe(b.resourceId);
		const body = JSON.parse(received[0].body);
		expect(body.id_type).toBe('app_user_id');
		expect(body.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
		expect(Date.parse(body.updated_at)).toBeGreaterThanOrEqual(before);
		expect(Object.keys(body)).toEqual([
			'event',
			'id',
			'id_type',
			'channel_public_id',
			'channel_uuid',
			'updated_at',
		]);
	});

	it('options: adminKey, resourceId, authorization override and omission', async () => {
		await emu.sendWebhook(url, SAMPLE_EVENT, {
			adminKey: 'other-admin-key',
			resourceId: SAMPLE_RESOURCE_ID,
		});
		await emu.sendWebhook(url, SAMPLE_EVENT, { authorization: 'Bearer forged' });
		const omitted = await emu.sendWebhook(
			url,
			{ ...SAMPLE_EVENT, id_type: 'open_id' },
			{ authorization: null },
		);
		expect(received[0].headers['authorization']).toBe('KakaoAK other-admin-key');
		expect(received[0].headers['x-kakao-resource-id']).toBe('Rvy1c2dkzBAZ5hGD3rqYbxvr');
		expect(received[1].headers['authorization']).toBe('Bearer forged');
		expect(received[2].headers['authorization']).toBeUndefined();
		expect(received[2].headers['x-kakao-resource-id']).toBe(omitted.resourceId);
		expect(JSON.parse(received[2].body).id_type).toBe('open_id');
	});

	it('resolves with the receiver status and body (no redirect following)', async () => {
		answer = { status: 401, body: 'bad key' };
		expect(await emu.sendWebhook(url, SAMPLE_EVENT)).toMatchObject({
			status: 401,
			body: 'bad key',
		});
		answer = { status: 302, body: '' };
		expect(await emu.sendWebhook(url, SAMPLE_EVENT)).toMatchObject({ status: 302, body: '' });
		expect(received).toHaveLength(2);
	});

	it('timeoutMs rejects when the receiver is too slow; unreachable receivers reject', async () => {
		answer = { status: 200, body: 'late', delayMs: 500 };
		await expect(emu.sendWebhook(url, SAMPLE_EVENT, { timeoutMs: 100 })).rejects.toThrow(
			/within 100 ms/,
		);
		const dead = await KakaoEmulator.start();
		const deadUrl = `${dead.baseUrl}/x`;
		await dead.stop();
		await expect(emu.sendWebhook(deadUrl, SAMPLE_EVENT)).rejects.toThrow(/ECONNREFUSED/);
	});
});
