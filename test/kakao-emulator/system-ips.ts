// GET /v1/system/ips (docs/kakao-api.md, "Kakao's IP list"): Kakao's inbound and outbound address
// lists, each a list of services with their CIDR ranges, ports and last change date. It takes
// either key (docs/kakao-api.md#key-probe: the credential test's cheap probe).
import { badParam } from './errors';
import type { Route } from './auth';

/** The date the emulator's lists last changed (YYYY-MM-DD, as Kakao writes `updatedDate`). */
export const IP_LIST_UPDATED = '2025-01-15';

const entry = (service: string, ips: string[], ports = [80, 443]) => {
	return { service, ips, ports, updatedDate: IP_LIST_UPDATED };
};

/**
 * Inbound: where Kakao's requests come from. The emulator stands in for Kakao on this machine, so
 * its webhook sender (loopback) is in the `callback` list; `scrap` and the documentation ranges
 * (RFC 5737, RFC 3849) make the list look like Kakao's: several services, both address families.
 */
export const INBOUND_IPS = [
	entry('callback', ['127.0.0.0/8', '::1/128', '192.0.2.0/24', '2001:db8:1::/48']),
	entry('scrap', ['198.51.100.0/24']),
];

/** Outbound: the addresses of Kakao's API hosts, for a firewall in front of the caller. */
export const OUTBOUND_IPS = [
	entry('https://kapi.kakao.com', ['203.0.113.0/24'], [443]),
	entry('https://kauth.kakao.com', ['203.0.113.128/25'], [443]),
];

/** Both lists without `rule_type`; one with `inbound` or `outbound`; anything else is refused. */
export const systemRoutes: Route[] = [
	{
		method: 'GET',
		path: '/v1/system/ips',
		auth: ['rest', 'admin'],
		handle: ({ query: { rule_type: type } }) => {
			if (type !== undefined && type !== 'inbound' && type !== 'outbound')
				throw badParam(`rule_type must be inbound or outbound: ${type}`);
			const inbound = type !== 'outbound' && { inbound: INBOUND_IPS };
			const outbound = type !== 'inbound' && { outbound: OUTBOUND_IPS };
			return { status: 200, body: { ...inbound, ...outbound, updatedDate: IP_LIST_UPDATED } };
		},
	},
];
