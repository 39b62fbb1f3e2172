// The one list of operations (actions/router.ts) as the editor and the engine see it: which
// authentications each takes, the canvas subtitle it gets, and what the router refuses.
import type { INode, INodeParameters, INodeProperties } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { DEMO_TOKENS } from '../../../kakao-emulator';
import { KakaoChannel } from '../../../../nodes/KakaoChannel/KakaoChannel.node';
import { nodeTypes } from '../../../support/engine';
import { CHANNEL, rl } from '../../../support/demo';
import { expectNodeError, useEngine } from '../../../support/engineHelpers';

const { emu, run } = useEngine();
const { description } = new KakaoChannel();
const optionsOf = (property: INodeProperties) =>
	(property.options ?? []) as Array<{ name: string; value: string }>;

// Each operation: the authentications it takes, and its canvas subtitle (the canvas cut "Check
// Many Users: Channel Relation" after 25 characters). A new operation adds its line here.
const OPERATIONS: Record<string, ['any' | 'adminKey' | 'adminKey oAuth2', string]> = {
	'channel.getLinks': ['any', 'Get Links: Channel'],
	'relation.get': ['adminKey oAuth2', 'Get: Relation'],
	'relation.checkMany': ['adminKey', 'Check Many: Relation'],
	'customerFile.create': ['adminKey', 'Create: Customer File'],
	'customerFile.getAll': ['adminKey', 'Get Many: Customer File'],
	'customerFileUser.add': ['adminKey', 'Add: File User'],
	'customerFileUser.delete': ['adminKey', 'Delete: File User'],
};

// Every (resource, operation) pair the form offers, with the names the form shows.
const FORM = optionsOf(description.properties.find((p) => p.name === 'resource')!).flatMap(
	(resource) =>
		description.properties
			.filter(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource.value,
			)
			.flatMap(optionsOf)
			.map((operation) => ({ key: `${resource.value}.${operation.value}`, resource, operation })),
);

it('the table above covers every operation of the form, Channel > Get Links included; every subtitle is under 25 characters', () => {
	expect(FORM.map(({ key }) => key).sort()).toEqual(Object.keys(OPERATIONS).sort());
	expect(FORM.map(({ key }) => key)).toContain('channel.getLinks');
	for (const [, shown] of Object.values(OPERATIONS)) expect(shown.length).toBeLessThan(25);
});

const ADMIN = 'Admin Key and REST API Key';
// Every required field filled, so that only the authentication can stop the run.
const FILLED = { channel: rl(CHANNEL), userId: '1001', fileName: 'new', fileId: rl('437') };

describe('authentication', () => {
	it('is a top-level parameter whose values show one credential each (what the editor lists)', () => {
		const { properties, credentials } = description;
		// hidden for Channel > Get Links, which calls nothing
		const hide = { resource: ['channel'] };
		expect(properties[0]).toMatchObject({ name: 'authentication', default: 'adminKey' });
		expect(properties[0].displayOptions).toEqual({ hide });
		const on = (authentication: string) => ({ show: { authentication: [authentication] }, hide });
		expect(credentials).toEqual([
			expect.objectContaining({ name: 'kakaoChannelApi', displayOptions: on('adminKey') }),
			expect.objectContaining({ name: 'kakaoChannelOAuth2Api', displayOptions: on('oAuth2') }),
		]);
		// The OAuth2 choice names the operations that take a Kakao Login token, from the table.
		const admin = "The app's admin key and REST API key: every operation";
		const oAuth2 = "A user's Kakao Login token: only Channel Relation > Get, for that user";
		expect(description.properties[0].options).toEqual([
			{ name: ADMIN, value: 'adminKey', description: admin },
			{ name: 'OAuth2 (Kakao Login)', value: 'oAuth2', description: oAuth2 },
		]);
	});

	it.each(FORM.filter(({ key }) => OPERATIONS[key][0] === 'adminKey'))(
		'$key with OAuth2: stopped before any request, saying what to choose',
		async ({ resource, operation }) => {
			const parameters = { ...FILLED, resource: resource.value, operation: operation.value };
			const token = DEMO_TOKENS.withScope;
			const result = await run({ ...parameters, authentication: 'oAuth2' }, undefined, { token });
			const error = expectNodeError(result, 'NodeOperationError', emu);
			expect(error.message).toBe(`${operation.name} does not work with OAuth2 (Kakao Login)`);
			expect(error.description).toBe(`Set Authentication to "${ADMIN}" for this operation.`);
			expect(emu.requests).toHaveLength(0);
		},
	);
});

/** The canvas subtitle of a node with these parameters, as n8n-workflow evaluates it. */
function subtitleOf(parameters: INodeParameters) {
	const node: INode = {
		id: 'k',
		name: 'Kakao Channel',
		type: 'n8n-nodes-kakao-channel.kakaoChannel',
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
	const { expression } = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	return expression.getSimpleParameterValue(node, description.subtitle!, 'internal', {});
}

it.each(FORM)(
	'$key shows its canvas subtitle, with display names',
	({ key, resource, operation }) => {
		const subtitle = subtitleOf({ resource: resource.value, operation: operation.value });
		expect(subtitle).toBe(OPERATIONS[key][1]);
		expect(operation.name.startsWith(String(subtitle).split(':')[0])).toBe(true);
	},
);

// "Custom API Call", which n8n adds to Resource and Operation.
const CUSTOM = '__CUSTOM_API_CALL__';
it.each([
	['as the resource', { resource: CUSTOM }],
	['as the operation', { resource: 'customerFile', operation: CUSTOM, channel: rl(CHANNEL) }],
])('Custom API Call %s: an error pointing to the HTTP Request node', async (_name, parameters) => {
	const error = expectNodeError(await run(parameters), 'NodeOperationError', emu);
	expect(error.message).toBe('Custom API Call is not an operation of the Kakao Channel node');
	expect(String(error.description)).toContain('HTTP Request node');
	expect(emu.requests).toHaveLength(0);
});
