import {
	inRanges,
	parseAddress,
	parseRange,
} from '../../../../nodes/KakaoChannelTrigger/webhook/ipRanges';

const ranges = (...texts: string[]) => texts.map((text) => parseRange(text)!);

describe('parseAddress', () => {
	it.each([
		['192.0.2.1', 4, BigInt(0xc0000201)],
		['0.0.0.0', 4, BigInt(0)],
		['255.255.255.255', 4, BigInt(0xffffffff)],
		['::ffff:192.0.2.1', 4, BigInt(0xc0000201)],
		['::ffff:c000:201', 4, BigInt(0xc0000201)],
		['::1', 6, BigInt(1)],
		['::', 6, BigInt(0)],
		['2001:db8::1', 6, (BigInt(0x20010db8) << BigInt(96)) + BigInt(1)],
		['2001:DB8:0:0:0:0:0:1', 6, (BigInt(0x20010db8) << BigInt(96)) + BigInt(1)],
		['64:ff9b::192.0.2.1', 6, (BigInt(0x64ff9b) << BigInt(96)) + BigInt(0xc0000201)],
	])('reads %s', (text, version, value) => {
		expect(parseAddress(text)).toEqual({ version, value });
	});

	it.each([
		'256.0.0.1',
		'1.2.3',
		'01.2.3.4',
		'1.2.3.4.5',
		' 1.2.3.4',
		'1::2::3',
		'1:2:3:4:5:6:7:8:9',
		'1:2:3:4:5:6:7',
		'12345::1',
		'fe80::1%eth0',
		'::ffff:300.1.1.1',
		'localhost',
		'',
	])('refuses %p', (text) => {
		expect(parseAddress(text)).toBeUndefined();
	});
});

describe('parseRange', () => {
	it.each([
		['192.0.2.0/24', { version: 4, network: BigInt(0xc0000200), prefix: 24 }],
		['192.0.2.77/24', { version: 4, network: BigInt(0xc0000200), prefix: 24 }],
		['192.0.2.7', { version: 4, network: BigInt(0xc0000207), prefix: 32 }],
		['::ffff:192.0.2.0/120', { version: 4, network: BigInt(0xc0000200), prefix: 24 }],
		['2001:db8::/32', { version: 6, network: BigInt(0x20010db8) << BigInt(96), prefix: 32 }],
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
	const list = ranges('192.0.2.0/24', '127.0.0.1', '2001:db8:1::/48');

	it.each([
		['192.0.2.0', true],
		['192.0.2.255', true],
		['::ffff:192.0.2.9', true],
		['127.0.0.1', true],
		['2001:db8:1:ffff::1', true],
		['192.0.3.0', false],
		['127.0.0.2', false],
		['2001:db8:2::1', false],
		// an IPv6 address never matches an IPv4 range by its low bits
		['::c000:201', false],
		['not an address', false],
	])('%s -> %p', (ip, expected) => {
		expect(inRanges(ip, list)).toBe(expected);
	});
});
