/** Kakao channel public IDs look like `_ZeUTxl`; people often paste the channel URL instead. */
const CHANNEL_ID = /^_[A-Za-z0-9]+$/;
const CHANNEL_URL = /^(?:https?:\/\/)?pf\.kakao\.com\/(_[A-Za-z0-9]+)(?:[/?#].*)?$/i;

export const CHANNEL_ID_REGEX = '_[A-Za-z0-9]+';
export const CHANNEL_URL_REGEX = '(?:https?://)?pf\\.kakao\\.com/(_[A-Za-z0-9]+)(?:[/?#].*)?';

/** Returns the channel public ID for an ID or a pf.kakao.com URL, or undefined if it is neither. */
export function parseChannelId(input: unknown): string | undefined {
	if (typeof input !== 'string') return undefined;
	const value = input.trim();
	if (CHANNEL_ID.test(value)) return value;
	return CHANNEL_URL.exec(value)?.[1];
}

/** Splits a comma- or newline-separated list of channel IDs or URLs; returns the bad entries too. */
export function parseChannelList(input: unknown): { ids: string[]; invalid: string[] } {
	const ids: string[] = [];
	const invalid: string[] = [];
	const raw = Array.isArray(input) ? input.map(String) : String(input ?? '').split(/[,\n]/);
	for (const entry of raw) {
		const trimmed = entry.trim();
		if (!trimmed) continue;
		const id = parseChannelId(trimmed);
		if (id === undefined) invalid.push(trimmed);
		else if (!ids.includes(id)) ids.push(id);
	}
	return { ids, invalid };
}
