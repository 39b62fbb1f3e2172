import type { INode, INodeProperties } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { KakaoChannel } from '../../../nodes/KakaoChannel/KakaoChannel.node';
import { nodeTypes } from '../../support/engine';

const { description } = new KakaoChannel();
const optionsOf = (property: INodeProperties) =>
	(property.options ?? []) as Array<{ name: string; value: string }>;

// Every (resource, operation) pair the form offers, with the names the form shows.
const pairs = optionsOf(description.properties.find((p) => p.name === 'resource')!).flatMap(
	(resource) =>
		description.properties
			.filter(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource.value),
			)
			.flatMap(optionsOf)
			.map((operation) => [resource, operation] as const),
);

describe('canvas subtitle', () => {
	it('covers every operation of the form, Channel > Get Links included', () => {
		expect(pairs.length).toBeGreaterThanOrEqual(7);
		expect(pairs.map(([r, o]) => `${r.value}.${o.value}`)).toContain('channel.getLinks');
	});

	// The canvas cut "Check Many Users: Channel Relation" after 25 characters.
	const SHOWN: Record<string, string> = {
		'channel.getLinks': 'Get Links: Channel',
		'relation.get': 'Get: Relation',
		'relation.checkMany': 'Check Many: Relation',
		'customerFile.create': 'Create: Customer File',
		'customerFile.getAll': 'Get Many: Customer File',
		'customerFileUser.add': 'Add: File User',
		'customerFileUser.delete': 'Delete: File User',
	};

	it('every operation has its subtitle here, each under 25 characters', () => {
		expect(pairs.map(([r, o]) => `${r.value}.${o.value}`).sort()).toEqual(
			Object.keys(SHOWN).sort(),
		);
		for (const shown of Object.values(SHOWN)) expect(shown.length).toBeLessThan(25);
	});

	it.each(pairs.map(([r, o]) => [SHOWN[`${r.value}.${o.value}`], r.value, o.value, o.name]))(
		'shows "%s", with display names, when evaluated by n8n-workflow',
		(expected, resource, operation, operationName) => {
			const node: INode = {
				id: 'k',
				name: 'Kakao Channel',
				type: 'n8n-nodes-kakao-channel.kakaoChannel',
				typeVersion: 1,
				position: [0, 0],
				parameters: { resource, operation },
			};
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			const subtitle = workflow.expression.getSimpleParameterValue(
				node,
				description.subtitle!,
				'internal',
				{},
			);
			expect(subtitle).toBe(expected);
			expect(operationName.startsWith(String(subtitle).split(':')[0])).toBe(true);
		},
	);
});
