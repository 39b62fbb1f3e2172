import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as customerFile from './customerFile';
import * as customerFileUser from './customerFileUser';
import * as relation from './relation';

type Operation = { execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]> };

const operations: Record<string, Record<string, Operation>> = {
	relation: { get: relation.get, getMany: relation.getMany },
	customerFile: { create: customerFile.create, getAll: customerFile.getAll },
	customerFileUser: { add: customerFileUser.add, delete: customerFileUser.delete },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of resource "${resource}" is not supported`);
	}
	return [await handler.execute.call(this, items)];
}
