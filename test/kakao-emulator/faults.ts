// Injected faults: the rules a test sets (emu.injectFault), and the answers that are not Kakao's
// own: a proxy's page, a redirect, a body sent a byte at a time.
import * as http from 'node:http';
import type { Fault, FaultRule } from './types';

export const JSON_TYPE = 'application/json;charset=UTF-8';

type Headers = Record<string, string>;
export type Answer = { status: number; body: string; contentType: string; extraHeaders?: Headers };

/** JSON.parse, or undefined for an empty or broken body. */
export function parseJson(raw: string): unknown {
	try {
		return raw === '' ? undefined : JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/**
 * Rules in insertion order; each matching rule with times left is used up: `latency` rules add
 * their delay and go on, the first other rule answers.
 */
export class FaultRules {
	private rules: Array<FaultRule & { left: number }> = [];

	add(rule: FaultRule): void {
		const left = rule.times ?? 1;
		if (left > 0) this.rules.push({ ...rule, left });
	}
	clear = (): void => void (this.rules = []);

	take(path: string, text: string): { delay: number; terminal?: Fault } {
		let delay = 0;
		let terminal: Fault | undefined;
		for (const rule of this.rules) {
			if (rule.left <= 0 || (rule.path !== undefined && rule.path !== path)) continue;
			if (rule.match !== undefined && !text.includes(rule.match)) continue;
			rule.left--;
			if (rule.fault.kind !== 'latency') {
				terminal = rule.fault;
				break;
			}
			delay += rule.fault.ms;
		}
		this.rules = this.rules.filter((r) => r.left > 0);
		return { delay, terminal };
	}
}

/** Headers now, then one byte per interval (spaces first): a server that never stops talking slowly. */
export function trickle(
	res: http.ServerResponse,
	answer: Answer,
	{ intervalMs, padding = Infinity }: { intervalMs: number; padding?: number },
	timers: Set<NodeJS.Timeout>,
): void {
	res.writeHead(answer.status, { 'Content-Type': answer.contentType, ...answer.extraHeaders });
	const body = Buffer.from(answer.body);
	let sent = 0;
	const stop = () => void (clearInterval(timer), timers.delete(timer));
	const timer = setInterval(() => {
		if (res.destroyed || res.writableEnded) return stop();
		if (sent < padding) res.write(' ');
		else if (sent - padding < body.length)
			res.write(body.subarray(sent - padding, sent - padding + 1));
		else return void (res.end(), stop());
		sent++;
	}, intervalMs);
	timers.add(timer);
	res.on('close', stop);
}

/** An answer with any status and body (a proxy's page, an empty or cut-off 2XX, a redirect). */
export function httpFault(fault: Extract<Fault, { kind: 'http' }>): Answer {
	const { status, body, contentType, headers: extraHeaders } = fault;
	const page = `<html><body><h1>${status} ${http.STATUS_CODES[status] ?? 'Error'}</h1></body></html>`;
	const isJson = body !== undefined && parseJson(body) !== undefined;
	const type = contentType ?? (isJson ? JSON_TYPE : 'text/html;charset=UTF-8');
	return { status, body: body ?? page, contentType: type, extraHeaders };
}
