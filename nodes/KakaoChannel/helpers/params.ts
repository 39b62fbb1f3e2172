import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { parseChannelId, parseChannelList } from '../../shared/channel';
import type { ItemValueReader } from './itemValues';

/** Reads the channel resource locator of an item as a channel public ID, or fails naming the item. */
export function getChannelId(
	this: IExecuteFunctions,
	itemIndex: number,
	reader?: ItemValueReader,
): string {
	const raw = reader
		? reader.get('channel', itemIndex, '', true)
		: this.getNodeParameter('channel', itemIndex, '', { extractValue: true });
	const channelId = parseChannelId(raw);
	if (!channelId) {
		throw new NodeOperationError(
			this.getNode(),
			`Channel "${String(raw)}" is not a Kakao Talk Channel ID or URL`,
			{
				itemIndex,
				description:
					'Give the channel ID (such as _ZeUTxl) or its URL (such as https://pf.kakao.com/_ZeUTxl). It is shown in the Kakao Talk Channel Admin Center under [Profile] > [Profile settings].',
			},
		);
	}
	return channelId;
}

/** Reads a comma-separated channel list option; empty means "let Kakao decide". */
export function getChannelList(
	this: IExecuteFunctions,
	name: string,
	itemIndex: number,
	label: string,
): string[] {
	const raw = this.getNodeParameter(name, itemIndex, '') as string | string[];
	return parseChannelListOrThrow.call(this, raw, itemIndex, label);
}

export function parseChannelListOrThrow(
	this: IExecuteFunctions,
	raw: unknown,
	itemIndex: number,
	label: string,
): string[] {
	const { ids, invalid } = parseChannelList(raw);
	if (invalid.length > 0) {
		throw new NodeOperationError(
			this.getNode(),
			`${label} has entries that are not channel IDs or URLs: ${invalid.join(', ')}`,
			{
				itemIndex,
				description:
					'Separate channels with commas, each as an ID (such as _ZeUTxl) or URL (https://pf.kakao.com/_ZeUTxl).',
			},
		);
	}
	return ids;
}

/** Reads the customer file resource locator as Kakao's integer file ID. */
export function getFileId(
	this: IExecuteFunctions,
	itemIndex: number,
	reader?: ItemValueReader,
): number {
	const raw = reader
		? reader.get('fileId', itemIndex, '', true)
		: this.getNodeParameter('fileId', itemIndex, '', { extractValue: true });
	const text = String(raw ?? '').trim();
	const fileId = Number(text);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(fileId)) {
		throw new NodeOperationError(
			this.getNode(),
			`Customer File "${text}" is not a customer file ID`,
			{
				itemIndex,
				description:
					'Pick the file from the list, or give its numeric ID (Customer File > Get Many lists them).',
			},
		);
	}
	return fileId;
}
