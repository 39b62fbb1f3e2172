import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { ensureNodeError } from '../transport/nodeError';

/**
 * Runs an operation item by item: each result is paired with its item, and with
 * continueOnFail() a failure becomes an error item for that item instead of stopping the run.
 */
export async function runPerItem(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	handle: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const returnData: INodeExecutionData[] = [];
	for (let i = 0; i < items.length; i++) {
		try {
			for (const json of await handle(i)) returnData.push({ json, pairedItem: { item: i } });
		} catch (error) {
			if (!this.continueOnFail()) throw ensureNodeError(this.getNode(), error, i);
			returnData.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
		}
	}
	return returnData;
}
