/**
 * JSON.parse, except that integers JavaScript cannot hold exactly (beyond 2^53) come back as
 * strings of their digits instead of rounded numbers. Kakao's user IDs are 64-bit, and Node 20's
 * JSON.parse gives a reviver no access to the source text, so the text is rewritten first:
 * such integers are quoted before parsing. Throws SyntaxError like JSON.parse.
 */
export function parseJsonExact(text: string): unknown {
	// Fast path: no run of 16 digits, so every integer in the text is exact as a number.
	if (!/\d{16}/.test(text)) return JSON.parse(text);
	return JSON.parse(quoteInexactIntegers(text));
}

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function quoteInexactIntegers(text: string): string {
	let out = '';
	let copiedUpTo = 0;
	let i = 0;
	while (i < text.length) {
		const char = text[i];
		if (char === '"') {
			i = endOfString(text, i);
			continue;
		}
		if (char === '-' || (char >= '0' && char <= '9')) {
			NUMBER.lastIndex = i;
			const match = NUMBER.exec(text);
			if (!match) return text; // not JSON: let JSON.parse report it
			const token = match[0];
			if (/^-?\d+$/.test(token) && !Number.isSafeInteger(Number(token))) {
				out += `${text.slice(copiedUpTo, i)}"${token}"`;
				copiedUpTo = i + token.length;
			}
			i += token.length;
			continue;
		}
		i++;
	}
	return out + text.slice(copiedUpTo);
}

/** Index just past the closing quote of the string starting at `start` (or the end of text). */
function endOfString(text: string, start: number): number {
	for (let i = start + 1; i < text.length; i++) {
		if (text[i] === '\\') i++;
		else if (text[i] === '"') return i + 1;
	}
	return text.length;
}
