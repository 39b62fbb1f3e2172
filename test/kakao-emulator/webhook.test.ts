// The emulator's webhook sender: Kakao's add/block request, as a receiver on loopback gets it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SAMPLE_EVENT, SAMPLE_RESOURCE_ID } from '../support/kakaoWebhook';
import { useKakaoEmulator } from '../support/emulator';
import { KakaoEmulator } from './index';

const emu = useKakaoEmulator({ seed: () => undefined }); // no data: it only sends
let receiver: http.Server, url: string;
type Headers = http.IncomingHttpHeaders;
let received: Array<{ method?: string; url?: string; headers: Headers; body: string }>;
let answer: { status: number; body: string; delayMs?: number };

beforeAll(async () => {
	receiver = http.createServer(async (req, res) => {
		let body = '';
		for await (const chunk of req) body += chunk;
		received.push({ method: req.method, url: req.url, headers: req.headers, body });
		setTimeout(() => res.writeHead(answer.status).end(answer.body), answer.delayMs ?? 0);
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/kakao?x=1`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve).closeAllConnections()));
beforeEach(() => {
	[received, answer] = [[], { status: 200, body: 'ok' }];
});

it('sends the documented request: its headers and the doc sample body', async () => {
	const res = await emu.sendWebhook(url, SAMPLE_EVENT);
	const resourceId = expect.stringMatching(/^[A-Za-z0-9]{24}$/);
	expect(res).toEqual({ status: 200, body: 'ok', resourceId });
	const [{ method, url: target, headers, body }] = received;
	expect([received.length, method, target]).toEqual([1, 'POST', '/webhook/kakao?x=1']);
	expect(headers).toMatchObject({
		authorization: `KakaoAK ${emu.adminKey}`,
		'x-kakao-resource-id': res.resourceId,
		'user-agent': 'KakaoOpenAPI/1.0',
		'content-type': 'application/json',
		'content-length': String(Buffer.byteLength(body)),
	});
	expect(body).toBe(
		'{"event":"added","id":"1111","id_type":"app_user_id","channel_public_id":"_FLX","channel_uuid":"@ad","updated_at":"2020-01-01T00:00:00Z"}',
	);
});

it('legacy form: plus_friend_public_id, plus_friend_uuid, timestamp; defaults: id_type, updated_at now (RFC 3339 UTC), a fresh resource id', async () => {
	const blocked = { ...SAMPLE_EVENT, event: 'blocked', channel_uuid: '@플러스친구' } as const;
	await emu.sendWebhook(url, blocked, { legacy: true });
	expect(JSON.parse(received[0].body)).toEqual({
		...{ event: 'blocked', id: '1111', id_type: 'app_user_id', plus_friend_public_id: '_FLX' },
		...{ plus_friend_uuid: '@플러스친구', timestamp: Date.parse('2020-01-01T00:00:00Z') },
	});
	expect(received[0].headers.authorization).toBe(`KakaoAK ${emu.adminKey}`);
	const before = Date.now() - 1000;
	const channel = { channel_public_id: '_ZeUTxl', channel_uuid: '@테스트' };
	const event = { event: 'added', id: '7', ...channel } as const;
	const [a, b] = [await emu.sendWebhook(url, event), await emu.sendWebhook(url, event)];
	expect(a.resourceId).not.toBe(b.resourceId);
	const body = JSON.parse(received[1].body);
	const documented = 'event,id,id_type,channel_public_id,channel_uuid,updated_at'; // in this order
	expect(Object.keys(body).join()).toBe(documented);
	expect(body.id_type).toBe('app_user_id');
	expect(body.updated_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
	expect(Date.parse(body.updated_at)).toBeGreaterThanOrEqual(before);
});

it("options: adminKey, resourceId, an Authorization header or none; resolves with the receiver's answer, follows no redirect; rejects when too slow or unreachable", async () => {
	const resourceId = SAMPLE_RESOURCE_ID;
	await emu.sendWebhook(url, SAMPLE_EVENT, { adminKey: 'other-key', resourceId });
	await emu.sendWebhook(url, SAMPLE_EVENT, { authorization: 'Bearer forged' });
	const openId = { ...SAMPLE_EVENT, id_type: 'open_id' };
	const omitted = await emu.sendWebhook(url, openId, { authorization: null });
	const [first, second, third] = received.map((r) => r.headers);
	const firstGot = [first.authorization, first['x-kakao-resource-id']];
	expect(firstGot).toEqual(['KakaoAK other-key', 'Rvy1c2dkzBAZ5hGD3rqYbxvr']);
	expect([second.authorization, third.authorization]).toEqual(['Bearer forged', undefined]);
	const thirdGot = [third['x-kakao-resource-id'], JSON.parse(received[2].body).id_type];
	expect(thirdGot).toEqual([omitted.resourceId, 'open_id']);
	answer = { status: 401, body: 'bad key' };
	const rejected = await emu.sendWebhook(url, SAMPLE_EVENT);
	expect(rejected).toMatchObject({ status: 401, body: 'bad key' });
	answer = { status: 302, body: '' };
	expect(await emu.sendWebhook(url, SAMPLE_EVENT)).toMatchObject({ status: 302, body: '' });
	expect(received).toHaveLength(5); // 3 above, 2 here
	answer = { status: 200, body: 'late', delayMs: 500 };
	const late = emu.sendWebhook(url, SAMPLE_EVENT, { timeoutMs: 100 });
	await expect(late).rejects.toThrow(/within 100 ms/);
	const dead = await KakaoEmulator.start();
	await dead.stop();
	const refused = emu.sendWebhook(`${dead.baseUrl}/x`, SAMPLE_EVENT);
	await expect(refused).rejects.toThrow(/ECONNREFUSED/);
});
