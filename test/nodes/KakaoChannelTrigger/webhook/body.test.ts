import {
	MAX_BODY_BYTES,
	contentLengthExceeds,
	readBody,
	readUnparsedBody,
} from '../../../../nodes/KakaoChannelTrigger/webhook/body';
import { SAMPLE_EVENT as SEED_BODY } from '../../../support/kakaoWebhook';

describe('readBody', () => {
	const raw = Buffer.from(JSON.stringify(SEED_BODY));

	it('uses the object n8n parsed', () => {
		expect(readBody(SEED_BODY, raw)).toEqual({ ok: true, body: SEED_BODY });
	});

	it('parses the raw body when n8n left the body empty (no JSON content type)', () => {
		expect(readBody({}, raw)).toEqual({ ok: true, body: SEED_BODY });
		expect(readBody(undefined, raw.toString())).toEqual({ ok: true, body: SEED_BODY });
	});

	it('parses a text body (JSON sent as text/plain)', () => {
		expect(readBody(raw.toString(), raw)).toEqual({ ok: true, body: SEED_BODY });
	});

	const refused = (reason: string, status = 400) => ({ ok: false, status, reason });

	it.each([
		// what n8n parsed, the raw bytes
		['a JSON string literal n8n parsed as a string', 'added', Buffer.from('"added"')],
		['a number', 42, Buffer.from('42')],
		['JSON null', null, Buffer.from('null')],
		['an array', [SEED_BODY], Buffer.from(JSON.stringify([SEED_BODY]))],
		['a boolean, without raw bytes', true, undefined],
		['a Buffer holding a JSON string', Buffer.from('"x"'), undefined],
		['an empty text body', '', Buffer.alloc(0)],
		['nothing at all', undefined, undefined],
	])('refuses a body that is not a JSON object: %s (400)', (_label, parsed, raw) => {
		expect(readBody(parsed, raw)).toEqual(refused('body must be a JSON object'));
	});

	it('gives an empty object when there is no body at all', () => {
		expect(readBody({}, undefined)).toEqual({ ok: true, body: {} });
		expect(readBody({}, Buffer.alloc(0))).toEqual({ ok: true, body: {} });
	});

	it('refuses text that is not JSON (400)', () => {
		expect(readBody({}, Buffer.from('event=added&id=1'))).toEqual(
			refused('body is not valid JSON'),
		);
		expect(readBody('{"event":', undefined)).toEqual(refused('body is not valid JSON'));
	});

	it('refuses an oversized raw body (413) even when n8n already parsed it', () => {
		const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);
		expect(readBody(SEED_BODY, big)).toEqual(
			refused(`body is larger than ${MAX_BODY_BYTES} bytes`, 413),
		);
	});

	it('refuses an oversized text body before parsing it', () => {
		const parse = jest.spyOn(JSON, 'parse');
		try {
			const big = `{"event":"added","id":"1","pad":"${'x'.repeat(MAX_BODY_BYTES)}"}`;
			expect(readBody(big, undefined)).toMatchObject({ ok: false, status: 413 });
			expect(readBody({}, big)).toMatchObject({ ok: false, status: 413 });
			expect(parse).not.toHaveBeenCalled();
		} finally {
			parse.mockRestore();
		}
	});

	it('counts bytes, not characters', () => {
		const hangul = '가'.repeat(Math.floor(MAX_BODY_BYTES / 3) + 1); // 3 bytes each in UTF-8
		expect(hangul.length).toBeLessThan(MAX_BODY_BYTES);
		expect(readBody({}, hangul)).toMatchObject({ ok: false, status: 413 });
	});

	it('accepts a body exactly at the cap', () => {
		const body = JSON.stringify({ ...SEED_BODY, pad: '' });
		const padded = body.replace('"pad":""', `"pad":"${'x'.repeat(MAX_BODY_BYTES - body.length)}"`);
		expect(Buffer.byteLength(padded)).toBe(MAX_BODY_BYTES);
		expect(readBody({}, padded)).toMatchObject({ ok: true });
	});

	it('takes a custom cap', () => {
		expect(readBody(SEED_BODY, raw, raw.length - 1)).toMatchObject({ ok: false, status: 413 });
		expect(readBody(SEED_BODY, raw, raw.length)).toMatchObject({ ok: true });
	});
});

describe('contentLengthExceeds', () => {
	it.each([
		[String(MAX_BODY_BYTES + 1), true],
		[MAX_BODY_BYTES + 1, true],
		['10000000000', true],
		[[String(MAX_BODY_BYTES + 1)], true],
		[String(MAX_BODY_BYTES), false],
		['180', false],
		[undefined, false],
		['abc', false],
		['', false],
	])('%p -> %p', (header, expected) => {
		expect(contentLengthExceeds(header)).toBe(expected);
	});
});

describe('readUnparsedBody', () => {
	it('reads a body n8n left unread, once; leaves a read one alone', async () => {
		let reads = 0;
		const unread: { rawBody?: unknown; readRawBody: () => Promise<void> } = {
			readRawBody: async () => {
				reads++;
				unread.rawBody = Buffer.from('{}');
			},
		};
		expect(await readUnparsedBody(unread)).toBe(true);
		expect(await readUnparsedBody(unread)).toBe(true);
		expect([reads, unread.rawBody]).toEqual([1, Buffer.from('{}')]);
		expect(await readUnparsedBody({ rawBody: Buffer.alloc(0) })).toBe(true);
	});

	it('is false when n8n fails to read it (aborted, or over its own limit)', async () => {
		const failing = {
			readRawBody: async () => {
				throw new Error('request entity too large');
			},
		};
		expect(await readUnparsedBody(failing)).toBe(false);
	});
});
