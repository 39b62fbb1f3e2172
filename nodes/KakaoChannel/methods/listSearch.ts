import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { listCustomerFiles } from '../helpers/customerFiles';
import { parseChannelId } from '../../shared/channel';

/** Lists the channel's customer files for the file picker, filtered by name or ID. */
export async function searchCustomerFiles(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const raw = this.getCurrentNodeParameter('channel', { extractValue: true });
	const channelPublicId = parseChannelId(raw);
	if (!channelPublicId) {
		throw new NodeOperationError(
			this.getNode(),
			'Set the Channel first to list its customer files',
		);
	}
	const answer = await listCustomerFiles.call(this, channelPublicId).catch((error: unknown) => {
		throw pickerError(this, error, channelPublicId);
	});
	const needle = (filter ?? '').trim().toLowerCase();
	const results = answer.results
		.map((file) => ({
			name: `${String(file.file_name)} (${String(file.file_id)})`,
			value: String(file.file_id),
		}))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle));
	return { results };
}

/**
 * n8n's picker splits an error message at every dash and drops parts, so "Kakao API error -541:
 * channel does not exist" showed as "541". The message here holds no code; the code goes to the
 * description, which the picker shows as it is.
 */
function pickerError(
	context: ILoadOptionsFunctions,
	error: unknown,
	channelPublicId: string,
): unknown {
	if (!(error instanceof NodeApiError)) return error;
	const kakao = /^Kakao API error (-?\d+): (.*)$/.exec(error.message);
	if (!kakao) return error;
	return new NodeOperationError(
		context.getNode(),
		`Kakao could not list the files of channel ${channelPublicId}: ${kakao[2]}`,
		{
			description: `Kakao error code ${kakao[1]}. ${error.description ?? ''}`.trim(),
		},
	);
}
