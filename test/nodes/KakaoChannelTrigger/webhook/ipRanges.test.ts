import {
	inRanges,
	parseAddress,
	parseRange,
} from '../../../../nodes/KakaoChannelTrigger/webhook/ipRanges';

const [V4, DOC6] = [BigInt(0xc0000201), BigInt(0x20010db8) << BigInt(96)]; // 192.0.2.1, 2001:db8::

describe('parseAddress', () => {
	it.each([
		['192.0.2.1', 4, V4],
		['0.0.0.0', 4, BigInt(0)],
		['255.255.255.255', 4, BigInt(0xffffffff)],
		['::ffff:192.0.2.1', 4, V4],
		['::ffff:c000:201', 4, V4],
		['::1', 6, BigInt(1)],
		['::', 6, BigInt(0)],
		['2001:db8::1', 6, DOC6 + BigInt(1)],
		['2001:DB8:0:0:0:0:0:1', 6, DOC6 + BigInt(1)],
		['64:ff9b::192.0.2.1', 6, (BigInt(0x64ff9b) << BigInt(96)) + V4],
	])('reads %s', (text, version, value) => {
		expect(parseAddress(text)).toEqual({ version, value });
	});
	it.each([
		...['256.0.0.1', '1.2.3', '01.2.3.4', '1.2.3.4.5', ' 1.2.3.4', '1::2::3', '1:2:3:4:5:6:7:8:9'],
		...['1:2:3:4:5:6:7', '12345::1', 'fe80::1%eth0', '::ffff:300.1.1.1', 'localhost', ''],
	])('refuses %p', (text) => {
		expect(parseAddress(text)).toBeUndefined();
	});
});
describe('parseRange', () => {
	const v4 = (network: number, prefix: number) => ({
		version: 4,
		network: BigInt(network),
		prefix,
	});
	it.each([
		['192.0.2.0/24', v4(0xc0000200, 24)],
		['192.0.2.77/24', v4(0xc0000200, 24)],
		['192.0.2.7', v4(0xc0000207, 32)],
		['::ffff:192.0.2.0/120', v4(0xc0000200, 24)],
		['2001:db8::/32', { version: 6, network: DOC6, prefix: 32 }],
	])('reads %s', (text, range) => {
		expect(parseRange(text)).toEqual(range);
	});
	it.each([
		...['0.0.0.0/0', '10.0.0.0/7', '::/0', '2001::/15', '1.2.3.4/33', '::1/129'],
		...['1.2.3.4/', '1.2.3.4/24/1', '1.2.3.4/x', '/24', '1.2.3.4/ 24'],
	])('refuses %p: too wide, past the address, or not CIDR', (text) => {
		expect(parseRange(text)).toBeUndefined();
	});
});
describe('inRanges', () => {
	const list = ['192.0.2.0/24', '127.0.0.1', '2001:db8:1::/48'].map((text) => parseRange(text)!);
	const hits = ['192.0.2.0', '192.0.2.255', '::ffff:192.0.2.9', '127.0.0.1', '2001:db8:1:ffff::1'];
	// an IPv6 address never matches an IPv4 range by its low bits
	const misses = ['192.0.3.0', '127.0.0.2', '2001:db8:2::1', '::c000:201', 'not an address'];
	it.each(hits)('%s is in the list', (ip) => expect(inRanges(ip, list)).toBe(true));
	it.each(misses)('%s is not', (ip) => expect(inRanges(ip, list)).toBe(false));
});
