// GET /v1/system/ips (docs/kakao-api.md, "Kakao's IP list"): Kakao's inbound and outbound address
// lists, each a list of services with their CIDR ranges, ports and last change date.
import { badParam } from './errors';
import type { Ctx, Reply } from './routes-types';

/** The date the emulator's lists last changed (YYYY-MM-DD, as Kakao writes `updatedDate`). */
export const IP_LIST_UPDATED = '2025-01-15';

/**
 * Inbound: where Kakao's requests come from. The emulator stands in for Kakao on this machine, so
 * its webhook sender (`sendWebhook`, loopback) is in the `callback` list; the `scrap` service and
 * the documentation ranges (RFC 5737, RFC 3849) make the list look like Kakao's, with more than
 * one service and both address families.
 */
export const INBOUND_IPS = [
	{
		service: 'callback',
		ips: ['127.0.0.0/8', '::1/128', '192.0.2.0/24', '2001:db8:1::/48'],
		ports: [80, 443],
		updatedDate: IP_LIST_UPDATED,
	},
	{
		service: 'scrap',
		ips: ['198.51.100.0/24'],
		ports: [80, 443],
		updatedDate: IP_LIST_UPDATED,
	},
];

/** Outbound: the addresses of Kakao's API hosts, for a firewall in front of the caller. */
export const OUTBOUND_IPS = [
	{
		service: 'https://kapi.kakao.com',
		ips: ['203.0.113.0/24'],
		ports: [443],
		updatedDate: IP_LIST_UPDATED,
	},
	{
		service: 'https://kauth.kakao.com',
		ips: ['203.0.113.128/25'],
		ports: [443],
		updatedDate: IP_LIST_UPDATED,
	},
];

/** Both lists without `rule_type`; one with `inbound` or `outbound`; anything else is refused. */
export function systemIps(ctx: Ctx): Reply {
	const ruleType = ctx.query.rule_type;
	if (ruleType === undefined) {
		return {
			status: 200,
			body: { inbound: INBOUND_IPS, outbound: OUTBOUND_IPS, updatedDate: IP_LIST_UPDATED },
		};
	}
	if (ruleType === 'inbound') {
		return { status: 200, body: { inbound: INBOUND_IPS, updatedDate: IP_LIST_UPDATED } };
	}
	if (ruleType === 'outbound') {
		return { status: 200, body: { outbound: OUTBOUND_IPS, updatedDate: IP_LIST_UPDATED } };
	}
	throw badParam(`rule_type must be inbound or outbound: ${ruleType}`);
}
