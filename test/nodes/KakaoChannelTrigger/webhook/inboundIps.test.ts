import {
	isCallbackAddress,
	readInboundIps,
} from '../../../../nodes/KakaoChannelTrigger/webhook/inboundIps';
import { INBOUND_IPS, IP_LIST_UPDATED } from '../../../kakao-emulator/system-ips';

const updatedDate = '2025-01-15';
const SERVICE = { service: 'callback', ips: ['192.0.2.0/24'], ports: [443], updatedDate };
const service = (patch = {}) => ({ ...SERVICE, ...patch });
const answer = (inbound: unknown, patch = {}) => ({ inbound, updatedDate, ...patch });

it("reads the emulator's answer (Kakao's documented shape) and keeps the callback ranges", () => {
	const read = readInboundIps({ inbound: INBOUND_IPS, updatedDate: IP_LIST_UPDATED });
	expect(read.ok).toBe(true);
	if (!read.ok) return;
	expect(read.list.updatedDate).toBe(IP_LIST_UPDATED);
	expect(read.list.ranges).toHaveLength(4);
	expect(isCallbackAddress(read.list, '127.0.0.1')).toBe(true);
	// 198.51.100.0/24 is the scrap service: not where webhooks come from
	expect(isCallbackAddress(read.list, '198.51.100.7')).toBe(false);
});
it('lets other fields and the optional addition/exclusion through, unread', () => {
	const unread = { addition: { anything: 1 }, exclusion: null, note: 'x' };
	const read = readInboundIps(answer([service(unread)], { outbound: [] }));
	expect(read).toMatchObject({ ok: true, list: { ranges: [{ prefix: 24 }] } });
});

const one = (patch: Record<string, unknown>) => answer([service(patch)]);
const PORTS = 'inbound[0].ports is not a list of ports';
const NOT_CIDR = 'has an entry that is not a CIDR range';
const NO_DATE = 'updatedDate is not a YYYY-MM-DD date';
const SERVICES = 'inbound is not a list of at most 100 services';
const ranges = (prefix: string) =>
	Array.from({ length: 600 }, (_, i) => `${prefix}.${i >> 8}.${i & 255}`);
const mixed = answer([service(), service({ ips: ['192.0.2.0/24', 'kakao.com'] })]);
const tooMany = answer([service({ ips: ranges('10.0') }), service({ ips: ranges('10.1') })]);
it.each([
	['not an object', [], 'the answer is not a JSON object'],
	['a Kakao error', { code: -401, msg: 'x' }, NO_DATE],
	['the old emulator shape', { ips: ['127.0.0.1'] }, NO_DATE],
	['no inbound', { updatedDate }, SERVICES],
	['101 services', answer(Array.from({ length: 101 }, () => service())), SERVICES],
	['a service that is not an object', answer(['callback']), 'inbound[0] is not an object'],
	['no service name', one({ service: '' }), 'inbound[0].service is not a name'],
	['ports missing', one({ ports: undefined }), PORTS],
	['port 0', one({ ports: [0] }), PORTS],
	['a bad date', one({ updatedDate: '2025/01/15' }), `inbound[0].${NO_DATE}`],
	[
		'ips not a list',
		one({ ips: '192.0.2.0/24' }),
		'inbound[0].ips is not a list of at most 1000 ranges',
	],
	['a range that is not CIDR', mixed, `inbound[1].ips ${NOT_CIDR}`],
	['the whole Internet', one({ ips: ['0.0.0.0/0'] }), `inbound[0].ips ${NOT_CIDR}`],
	['no callback service', one({ service: 'scrap' }), 'inbound has no callback addresses'],
	['more than 1000 callback ranges in all', tooMany, 'inbound has more than 1000 callback ranges'],
])('refuses %s', (_label, body, reason) => {
	expect(readInboundIps(body)).toEqual({ ok: false, reason });
});
