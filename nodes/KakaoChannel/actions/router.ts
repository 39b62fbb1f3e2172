import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import * as getLinks from './channel/getLinks.operation';
import * as create from './customerFile/create.operation';
import * as getAll from './customerFile/getAll.operation';
import * as add from './customerFileUser/add.operation';
import * as deleteUsers from './customerFileUser/delete.operation';
import * as checkMany from './relation/checkMany.operation';
import * as get from './relation/get.operation';
import { AUTHENTICATIONS, type Authentication, type Route } from './route';

// n8n adds a "Custom API Call" choice (this value) to Resource and Operation of every node whose
// credential can sign arbitrary requests; this node has no such operation.
const CUSTOM_API_CALL = '__CUSTOM_API_CALL__';

type Operation = {
	option: INodePropertyOptions;
	properties: INodeProperties[];
	/** A shorter name for the canvas subtitle, when the list's name is too long for it. */
	subtitle?: string;
	/** The authentications it works with; `any` for an operation that calls nothing. */
	authentications: readonly Authentication[] | 'any';
	execute: (
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		route: Route,
	) => Promise<INodeExecutionData[]>;
};

// The one list of operations: the node's form and its execution are both built from it, so a
// new operation is one file plus one entry here. The first operation of a resource is its default.
const operations: Record<string, Operation[]> = {
	channel: [getLinks],
	relation: [get, checkMany],
	customerFile: [create, getAll],
	customerFileUser: [add, deleteUsers],
};

const firstValue = (list: Operation[]) => list[0].option.value;

/**
 * The canvas subtitle, "Add: File User": display names looked up from the same table, so
 * a new operation shows its name without another edit.
 */
export function operationSubtitle(resources: Array<{ name: string; value: string }>): string {
	const operationNames = Object.fromEntries(
		Object.entries(operations).flatMap(([resource, list]) =>
			list.map((op) => [`${resource}.${op.option.value}`, op.subtitle ?? op.option.name]),
		),
	);
	const resourceNames = Object.fromEntries(
		resources.map((resource) => [resource.value, resource.name]),
	);
	return `={{ (${JSON.stringify(operationNames)})[$parameter["resource"] + "." + $parameter["operation"]] + ": " + (${JSON.stringify(resourceNames)})[$parameter["resource"]] }}`;
}

/** Resources whose operations call nothing, so they need no credential. */
export const resourcesWithoutCredential = Object.entries(operations)
	.filter(([, list]) => list.every((operation) => operation.authentications === 'any'))
	.map(([resource]) => resource);

/** "Channel Relation > Get, ...": the operations that work with an authentication. */
export function operationsAccepting(
	authentication: Authentication,
	resources: Array<{ name: string; value: string }>,
): string {
	return Object.entries(operations)
		.flatMap(([resource, list]) =>
			list
				.filter((op) => op.authentications !== 'any' && op.authentications.includes(authentication))
				.map((op) => `${resources.find((r) => r.value === resource)?.name} > ${op.option.name}`),
		)
		.join(', ');
}

/** Each resource's Operation list, followed by its operations' fields. */
export const operationProperties: INodeProperties[] = Object.entries(operations).flatMap(
	([resource, list]) => [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: list.map((operation) => operation.option),
			default: firstValue(list),
		},
		...list.flatMap((operation) =>
			updateDisplayOptions(
				{ show: { resource: [resource], operation: [operation.option.value] } },
				operation.properties,
			),
		),
	],
);

/** Finds the operation, checks that it works with the chosen authentication, and runs it. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	// Read before the operation: with the custom resource n8n shows no Operation parameter.
	const operation =
		resource === CUSTOM_API_CALL
			? CUSTOM_API_CALL
			: (this.getNodeParameter('operation', 0) as string);
	if (operation === CUSTOM_API_CALL) {
		throw new NodeOperationError(
			this.getNode(),
			'Custom API Call is not an operation of the Kakao Channel node',
			{
				description:
					'To call another Kakao endpoint, use an HTTP Request node: set Authentication to "Predefined Credential Type", Credential Type to "Kakao Channel API", and pick this credential. It sends the right key for each endpoint.',
			},
		);
	}
	const handler = operations[resource]?.find((candidate) => candidate.option.value === operation);
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of resource "${resource}" is not supported`,
		);
	}
	const authentication = this.getNodeParameter('authentication', 0, 'adminKey') as Authentication;
	const accepted = handler.authentications;
	if (accepted !== 'any' && !accepted.includes(authentication)) {
		const name = (value: Authentication) =>
			AUTHENTICATIONS.find((entry) => entry.value === value)?.name ?? value;
		throw new NodeOperationError(
			this.getNode(),
			`${handler.option.name} does not work with ${name(authentication)}`,
			{
				description: `Set Authentication to ${accepted.map((value) => `"${name(value)}"`).join(' or ')} for this operation.`,
			},
		);
	}
	return [await handler.execute.call(this, items, { authentication })];
}
