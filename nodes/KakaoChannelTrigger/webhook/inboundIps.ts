/**
 * Kakao's answer to `GET /v1/system/ips?rule_type=inbound` (docs/webhook-fields.md, "Only Kakao's
 * Servers"), read only when it has the documented shape: `updatedDate` (YYYY-MM-DD) and `inbound`,
 * a list of services, each with `service`, `ips` (CIDR ranges), `ports` and `updatedDate`. Webhooks
 * come from the `callback` service; its ranges are what the trigger accepts.
 */
import { inRanges, parseRange, type IpRange } from './ipRanges';

export const CALLBACK_SERVICE = 'callback';
/** Far above any list Kakao publishes; a longer answer is not the documented one. */
export const MAX_SERVICES = 100;
export const MAX_RANGES = 1_000;

export interface InboundIpList {
	ranges: IpRange[];
	/** Kakao's `updatedDate` of the list. */
	updatedDate: string;
}

export type InboundIpsResult = { ok: true; list: InboundIpList } | { ok: false; reason: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isPort = (port: unknown) =>
	Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535;

/** Why one entry of `inbound` is not the documented shape, or its ranges. */
function readService(entry: unknown, index: number): { ranges: IpRange[] } | { reason: string } {
	const at = `inbound[${index}]`;
	if (!isObject(entry)) return { reason: `${at} is not an object` };
	if (typeof entry.service !== 'string' || entry.service === '') {
		return { reason: `${at}.service is not a name` };
	}
	if (!Array.isArray(entry.ports) || !entry.ports.every(isPort)) {
		return { reason: `${at}.ports is not a list of ports` };
	}
	if (typeof entry.updatedDate !== 'string' || !DATE.test(entry.updatedDate)) {
		return { reason: `${at}.updatedDate is not a YYYY-MM-DD date` };
	}
	if (!Array.isArray(entry.ips) || entry.ips.length > MAX_RANGES) {
		return { reason: `${at}.ips is not a list of at most ${MAX_RANGES} ranges` };
	}
	const ranges: IpRange[] = [];
	for (const ip of entry.ips) {
		const range = typeof ip === 'string' ? parseRange(ip) : undefined;
		if (range === undefined) return { reason: `${at}.ips has an entry that is not a CIDR range` };
		ranges.push(range);
	}
	return { ranges };
}

/** The callback ranges of a documented answer, or why the answer is not one (it is then not used). */
export function readInboundIps(body: unknown): InboundIpsResult {
	const fail = (reason: string): InboundIpsResult => ({ ok: false, reason });
	if (!isObject(body)) return fail('the answer is not a JSON object');
	if (typeof body.updatedDate !== 'string' || !DATE.test(body.updatedDate)) {
		return fail('updatedDate is not a YYYY-MM-DD date');
	}
	const inbound = body.inbound;
	if (!Array.isArray(inbound) || inbound.length > MAX_SERVICES) {
		return fail(`inbound is not a list of at most ${MAX_SERVICES} services`);
	}
	const ranges: IpRange[] = [];
	for (const [index, entry] of inbound.entries()) {
		const service = readService(entry, index);
		if ('reason' in service) return fail(service.reason);
		if ((entry as { service: string }).service === CALLBACK_SERVICE) ranges.push(...service.ranges);
	}
	if (ranges.length === 0) return fail(`inbound has no ${CALLBACK_SERVICE} addresses`);
	if (ranges.length > MAX_RANGES)
		return fail(`inbound has more than ${MAX_RANGES} callback ranges`);
	return { ok: true, list: { ranges, updatedDate: body.updatedDate } };
}

/** Whether `ip` (as n8n's request gives it) is one of the list's callback addresses. */
export function isCallbackAddress(list: InboundIpList, ip: string): boolean {
	return inRanges(ip, list.ranges);
}
