import {
	MAX_BODY_BYTES,
	contentLengthExceeds,
	readBody,
	readUnparsedBody,
} from '../../../../nodes/KakaoChannelTrigger/webhook/body';
import { SAMPLE_EVENT as SEED_BODY } from '../../../support/kakaoWebhook';

describe('readBody', () => {
	const raw = Buffer.from(JSON.stringify(SEED_BODY));
	const NOT_AN_OBJECT = 'body must be a JSON object';
	const NOT_JSON = 'body is not valid JSON';
	const TOO_LARGE = `body is larger than ${MAX_BODY_BYTES} bytes`;
	// what n8n parsed, the raw bytes, the body read
	it.each([
		['the object n8n parsed', SEED_BODY, raw, SEED_BODY],
		['the raw body when n8n left the body empty (no JSON content type)', {}, raw, SEED_BODY],
		['the raw text when n8n parsed nothing', undefined, raw.toString(), SEED_BODY],
		['a text body (JSON sent as text/plain)', raw.toString(), raw, SEED_BODY],
		['an empty object when there is no body at all', {}, undefined, {}],
		['an empty object for zero bytes', {}, Buffer.alloc(0), {}],
	])('uses %s', (_label, parsed, bytes, body) => {
		expect(readBody(parsed, bytes)).toEqual({ ok: true, body });
	});
	const huge = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
	// what n8n parsed, the raw bytes, the reason, the status
	it.each([
		[
			'a JSON string literal n8n parsed as a string',
			'added',
			Buffer.from('"added"'),
			NOT_AN_OBJECT,
		],
		['a number', 42, Buffer.from('42'), NOT_AN_OBJECT],
		['JSON null', null, Buffer.from('null'), NOT_AN_OBJECT],
		['an array', [SEED_BODY], Buffer.from(JSON.stringify([SEED_BODY])), NOT_AN_OBJECT],
		['a boolean, without raw bytes', true, undefined, NOT_AN_OBJECT],
		['a Buffer holding a JSON string', Buffer.from('"x"'), undefined, NOT_AN_OBJECT],
		['an empty text body', '', Buffer.alloc(0), NOT_AN_OBJECT],
		['nothing at all', undefined, undefined, NOT_AN_OBJECT],
		['raw text that is not JSON', {}, Buffer.from('event=added&id=1'), NOT_JSON],
		['a text body that is not JSON', '{"event":', undefined, NOT_JSON],
		['an oversized raw body even when n8n already parsed it', SEED_BODY, huge, TOO_LARGE, 413],
	])('refuses %s', (_label, parsed, bytes, reason, status = 400) => {
		expect(readBody(parsed, bytes)).toEqual({ ok: false, status, reason });
	});
	const OVER = { ok: false, status: 413 };
	it('refuses an oversized text body before parsing it', () => {
		const parse = jest.spyOn(JSON, 'parse');
		try {
			const big = `{"event":"added","id":"1","pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`;
			expect([readBody(big, undefined), readBody({}, big)]).toMatchObject([OVER, OVER]);
			expect(parse).not.toHaveBeenCalled();
		} finally {
			parse.mockRestore();
		}
	});
	it('counts bytes, not characters; accepts a body exactly at the cap, or a custom one', () => {
		const hangul = '가'.repeat(Math.floor(MAX_BODY_BYTES / 3) + 1); // 3 bytes each in UTF-8
		expect(hangul.length).toBeLessThan(MAX_BODY_BYTES);
		expect(readBody({}, hangul)).toMatchObject(OVER);
		const body = JSON.stringify({ ...SEED_BODY, pad: '' });
		const padded = body.replace('"pad":""', `"pad":"${'x'.repeat(MAX_BODY_BYTES - body.length)}"`);
		expect(Buffer.byteLength(padded)).toBe(MAX_BODY_BYTES);
		expect(readBody({}, padded)).toMatchObject({ ok: true });
		expect(readBody(SEED_BODY, raw, raw.length - 1)).toMatchObject(OVER);
		expect(readBody(SEED_BODY, raw, raw.length)).toMatchObject({ ok: true });
	});
});
describe('contentLengthExceeds', () => {
	const over = String(MAX_BODY_BYTES + 1);
	it.each([over, MAX_BODY_BYTES + 1, '10000000000', [over]])('%p exceeds the cap', (header) => {
		expect(contentLengthExceeds(header)).toBe(true);
	});
	it.each([String(MAX_BODY_BYTES), '180', undefined, 'abc', ''])('%p does not', (header) => {
		expect(contentLengthExceeds(header)).toBe(false);
	});
});

// A body n8n fails to read is a 400 'the body could not be read': KakaoChannelTrigger.webhook.test.ts.
it('readUnparsedBody reads a body n8n left unread, once; leaves a read one alone', async () => {
	const readRawBody = jest.fn(async () => void (unread.rawBody = Buffer.from('{}')));
	const unread: { rawBody?: Buffer; readRawBody: typeof readRawBody } = { readRawBody };
	expect([await readUnparsedBody(unread), await readUnparsedBody(unread)]).toEqual([true, true]);
	expect([readRawBody.mock.calls.length, unread.rawBody]).toEqual([1, Buffer.from('{}')]);
	expect(await readUnparsedBody({ rawBody: Buffer.alloc(0) })).toBe(true);
});
