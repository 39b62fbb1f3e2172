// The emulator's answers for injected faults that are not Kakao errors: a proxy's page, a redirect,
// a body sent a byte at a time.
import * as http from 'node:http';

export const JSON_TYPE = 'application/json;charset=UTF-8';

export interface Answer {
	status: number;
	body: string;
	contentType: string;
	extraHeaders?: Record<string, string>;
}

/** JSON.parse, or undefined for an empty or broken body. */
export function parseJson(raw: string): unknown {
	if (raw === '') return undefined;
	try {
		return JSON.parse(raw);
	} catch {
		return undefined;
	}
}

/** Headers now, then one byte per interval (spaces first): a server that never stops talking slowly. */
export function trickle(
	res: http.ServerResponse,
	answer: Answer,
	fault: { intervalMs: number; padding?: number },
	timers: Set<NodeJS.Timeout>,
): void {
	const padding = fault.padding ?? Infinity;
	res.writeHead(answer.status, { 'Content-Type': answer.contentType, ...answer.extraHeaders });
	const body = Buffer.from(answer.body);
	let sent = 0;
	const timer = setInterval(() => {
		if (res.destroyed || res.writableEnded) return stop();
		if (sent < padding) res.write(' ');
		else if (sent - padding < body.length)
			res.write(body.subarray(sent - padding, sent - padding + 1));
		else return stop(res.end());
		sent++;
	}, fault.intervalMs);
	const stop = (_?: unknown) => {
		clearInterval(timer);
		timers.delete(timer);
	};
	timers.add(timer);
	res.on('close', stop);
}

/** An answer with any status and body (a proxy's page, an empty or cut-off 2XX, a redirect). */
export function httpFault(
	status: number,
	body?: string,
	contentType?: string,
	headers?: Record<string, string>,
): Answer {
	const text =
		body ?? `<html><body><h1>${status} ${http.STATUS_CODES[status] ?? 'Error'}</h1></body></html>`;
	const isJson = body !== undefined && parseJson(body) !== undefined;
	return {
		status,
		body: text,
		contentType: contentType ?? (isJson ? JSON_TYPE : 'text/html;charset=UTF-8'),
		extraHeaders: headers,
	};
}
