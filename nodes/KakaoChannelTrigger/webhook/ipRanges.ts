/**
 * IPv4 and IPv6 addresses and CIDR ranges (RFC 4632, the successor of RFC 1519 that Kakao cites),
 * parsed by hand: community nodes may not import node:net. An IPv4-mapped IPv6 address
 * (`::ffff:192.0.2.1`, what a dual-stack server reports for an IPv4 client) counts as IPv4.
 */
export interface IpRange {
	version: 4 | 6;
	/** The first address of the range. */
	network: bigint;
	prefix: number;
}

type Address = { version: 4 | 6; value: bigint };

const BITS = { 4: 32, 6: 128 } as const;
/** A range wider than this is not a list of servers: refused, so a bad list cannot open the gate. */
export const WIDEST_PREFIX = { 4: 8, 6: 16 } as const;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const MAPPED_PREFIX = BigInt('0xffff00000000');

function parseIpv4(text: string): bigint | undefined {
	const match = IPV4.exec(text);
	if (match === null) return undefined;
	let value = BigInt(0);
	for (const part of match.slice(1)) {
		// No leading zeros: "010" is octal to some parsers and decimal to others.
		if ((part.length > 1 && part.startsWith('0')) || Number(part) > 255) return undefined;
		value = (value << BigInt(8)) | BigInt(Number(part));
	}
	return value;
}

function parseGroups(text: string): number[] | undefined {
	if (text === '') return [];
	const groups: number[] = [];
	for (const group of text.split(':')) {
		if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
		groups.push(parseInt(group, 16));
	}
	return groups;
}

function parseIpv6(text: string): bigint | undefined {
	let body = text;
	const lastColon = body.lastIndexOf(':');
	if (body.slice(lastColon + 1).includes('.')) {
		// An embedded IPv4 address stands for the last two groups.
		const v4 = parseIpv4(body.slice(lastColon + 1));
		if (v4 === undefined) return undefined;
		const high = (v4 >> BigInt(16)).toString(16);
		const low = (v4 & BigInt(0xffff)).toString(16);
		body = `${body.slice(0, lastColon + 1)}${high}:${low}`;
	}
	const halves = body.split('::');
	if (halves.length > 2) return undefined;
	const head = parseGroups(halves[0]);
	const tail = halves.length === 2 ? parseGroups(halves[1]) : [];
	if (head === undefined || tail === undefined) return undefined;
	const given = head.length + tail.length;
	if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
	const groups = [...head, ...new Array<number>(8 - given).fill(0), ...tail];
	return groups.reduce((value, group) => (value << BigInt(16)) | BigInt(group), BigInt(0));
}

/** An address as a number, IPv4-mapped IPv6 folded to IPv4; undefined when it is not one. */
export function parseAddress(text: string): Address | undefined {
	const v4 = parseIpv4(text);
	if (v4 !== undefined) return { version: 4, value: v4 };
	if (!text.includes(':')) return undefined;
	const v6 = parseIpv6(text);
	if (v6 === undefined) return undefined;
	if (v6 >> BigInt(32) === MAPPED_PREFIX >> BigInt(32)) {
		return { version: 4, value: v6 & BigInt(0xffffffff) };
	}
	return { version: 6, value: v6 };
}

/** `192.0.2.0/24`, `2001:db8::/32`, or a single address; undefined when malformed or too wide. */
export function parseRange(text: string): IpRange | undefined {
	const [addressText, prefixText, extra] = text.split('/');
	if (extra !== undefined) return undefined;
	const address = parseAddress(addressText);
	if (address === undefined) return undefined;
	const bits = BITS[address.version];
	let prefix = bits;
	if (prefixText !== undefined) {
		if (!/^\d{1,3}$/.test(prefixText)) return undefined;
		// An IPv4-mapped IPv6 range keeps its prefix relative to the 32 IPv4 bits.
		const mapped = address.version === 4 && addressText.includes(':');
		prefix = Number(prefixText) - (mapped ? 96 : 0);
	}
	if (prefix < WIDEST_PREFIX[address.version] || prefix > bits) return undefined;
	const hostBits = BigInt(bits - prefix);
	return { version: address.version, network: (address.value >> hostBits) << hostBits, prefix };
}

export function inRanges(text: string, ranges: readonly IpRange[]): boolean {
	const address = parseAddress(text);
	if (address === undefined) return false;
	const bits = BITS[address.version];
	return ranges.some((range) => {
		if (range.version !== address.version) return false;
		const hostBits = BigInt(bits - range.prefix);
		return (address.value >> hostBits) << hostBits === range.network;
	});
}
