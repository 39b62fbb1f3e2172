import {
	isCallbackAddress,
	readInboundIps,
} from '../../../../nodes/KakaoChannelTrigger/webhook/inboundIps';
import { INBOUND_IPS, IP_LIST_UPDATED } from '../../../kakao-emulator/system-ips';

const service = (patch: Record<string, unknown> = {}) => ({
	service: 'callback',
	ips: ['192.0.2.0/24'],
	ports: [443],
	updatedDate: '2025-01-15',
	...patch,
});
const answer = (inbound: unknown, patch: Record<string, unknown> = {}) => ({
	inbound,
	updatedDate: '2025-01-15',
	...patch,
});

describe('readInboundIps', () => {
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
		const read = readInboundIps(
			answer([service({ addition: { anything: 1 }, exclusion: null, note: 'x' })], {
				outbound: [],
			}),
		);
		expect(read).toMatchObject({ ok: true, list: { ranges: [{ prefix: 24 }] } });
	});

	it.each([
		['not an object', [], 'the answer is not a JSON object'],
		['a Kakao error', { code: -401, msg: 'x' }, 'updatedDate is not a YYYY-MM-DD date'],
		['the old emulator shape', { ips: ['127.0.0.1'] }, 'updatedDate is not a YYYY-MM-DD date'],
		['no inbound', { updatedDate: '2025-01-15' }, 'inbound is not a list of at most 100 services'],
		[
			'101 services',
			answer(Array.from({ length: 101 }, () => service())),
			'inbound is not a list of at most 100 services',
		],
		['a service that is not an object', answer(['callback']), 'inbound[0] is not an object'],
		['no service name', answer([service({ service: '' })]), 'inbound[0].service is not a name'],
		[
			'ports missing',
			answer([service({ ports: undefined })]),
			'inbound[0].ports is not a list of ports',
		],
		['port 0', answer([service({ ports: [0] })]), 'inbound[0].ports is not a list of ports'],
		[
			'a bad date',
			answer([service({ updatedDate: '2025/01/15' })]),
			'inbound[0].updatedDate is not a YYYY-MM-DD date',
		],
		[
			'ips not a list',
			answer([service({ ips: '192.0.2.0/24' })]),
			'inbound[0].ips is not a list of at most 1000 ranges',
		],
		[
			'a range that is not CIDR',
			answer([service(), service({ ips: ['192.0.2.0/24', 'kakao.com'] })]),
			'inbound[1].ips has an entry that is not a CIDR range',
		],
		[
			'the whole Internet',
			answer([service({ ips: ['0.0.0.0/0'] })]),
			'inbound[0].ips has an entry that is not a CIDR range',
		],
		[
			'no callback service',
			answer([service({ service: 'scrap' })]),
			'inbound has no callback addresses',
		],
		[
			'more than 1000 callback ranges in all',
			answer([
				service({ ips: Array.from({ length: 600 }, (_, i) => `10.0.${i >> 8}.${i & 255}`) }),
				service({ ips: Array.from({ length: 600 }, (_, i) => `10.1.${i >> 8}.${i & 255}`) }),
			]),
			'inbound has more than 1000 callback ranges',
		],
	])('refuses %s', (_label, body, reason) => {
		expect(readInboundIps(body)).toEqual({ ok: false, reason });
	});
});
