import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listCustomerFiles } from '../helpers/customerFiles';
import { parseChannelId } from '../../shared/channel';

/** Lists the channel's customer files for the file picker, filtered by name or ID. */
export async function searchCustomerFiles(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
	const raw = this.getCurrentNodeParameter('channel', { extractValue: true });
	const channelPublicId = parseChannelId(raw);
	if (!channelPublicId) {
		throw new NodeOperationError(this.getNode(), 'Set the Channel first to list its customer files');
	}
	const answer = await listCustomerFiles.call(this, channelPublicId);
	const needle = (filter ?? '').trim().toLowerCase();
	const results = answer.results
		.map((file) => ({ name: `${String(file.file_name)} (${String(file.file_id)})`, value: String(file.file_id) }))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle));
	return { results };
}
