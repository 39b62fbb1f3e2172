import { DEMO_TOKENS } from '../../../kakao-emulator';
import { KakaoChannel } from '../../../../nodes/KakaoChannel/KakaoChannel.node';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import { CHANNEL, rl } from '../../../support/demo';
import { apiCredentials, expectNodeError, oauthCredentials } from '../../../support/engineHelpers';

const emu = useKakaoEmulator();

describe('authentication', () => {
	it('is a top-level parameter whose values show one credential each (what the editor lists)', () => {
		const { properties, credentials } = new KakaoChannel().description;
		expect(properties[0]).toMatchObject({ name: 'authentication', default: 'adminKey' });
		// hidden for Channel > Get Links, which calls nothing
		expect(credentials).toEqual([
			expect.objectContaining({
				name: 'kakaoChannelApi',
				displayOptions: { show: { authentication: ['adminKey'] }, hide: { resource: ['channel'] } },
			}),
			expect.objectContaining({
				name: 'kakaoChannelOAuth2Api',
				displayOptions: { show: { authentication: ['oAuth2'] }, hide: { resource: ['channel'] } },
			}),
		]);
	});

	it('the OAuth2 choice names the operations that take a Kakao Login token, from the table', () => {
		const authentication = new KakaoChannel().description.properties[0];
		expect(authentication.options).toEqual([
			{
				name: 'Admin Key and REST API Key',
				value: 'adminKey',
				description: "The app's admin key and REST API key: every operation",
			},
			{
				name: 'OAuth2 (Kakao Login)',
				value: 'oAuth2',
				description: "A user's Kakao Login token: only Channel Relation > Get, for that user",
			},
		]);
	});
});

// Which authentications each operation takes. A new operation adds its line here.
const ACCEPTS: Record<string, string[] | 'any'> = {
	'channel.getLinks': 'any',
	'relation.get': ['adminKey', 'oAuth2'],
	'relation.checkMany': ['adminKey'],
	'customerFile.create': ['adminKey'],
	'customerFile.getAll': ['adminKey'],
	'customerFileUser.add': ['adminKey'],
	'customerFileUser.delete': ['adminKey'],
};

describe('the router checks the authentication each operation declares', () => {
	const { description } = new KakaoChannel();
	const formOperations = description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) =>
			(p.options as Array<{ value: string }>).map(
				(o) => `${p.displayOptions!.show!.resource![0] as string}.${o.value}`,
			),
		);

	it('the table above covers every operation of the form', () => {
		expect(formOperations.sort()).toEqual(Object.keys(ACCEPTS).sort());
	});

	it.each(
		Object.entries(ACCEPTS).filter(
			([, accepts]) => accepts !== 'any' && !accepts.includes('oAuth2'),
		),
	)('%s with OAuth2: stopped before any request, saying what to choose', async (key) => {
		const [resource, operation] = key.split('.');
		const name = (
			description.properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === resource,
			)!.options as Array<{ name: string; value: string }>
		).find((o) => o.value === operation)!.name;
		const result = await runKakaoNode({
			// Every required field filled, so that only the authentication can stop the run.
			parameters: {
				authentication: 'oAuth2',
				resource,
				operation,
				channel: rl(CHANNEL),
				userId: '1001',
				fileName: 'new',
				fileId: rl('437'),
			},
			credentials: oauthCredentials(emu, DEMO_TOKENS.withScope),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(`${name} does not work with OAuth2 (Kakao Login)`);
		expect(error.description).toBe(
			'Set Authentication to "Admin Key and REST API Key" for this operation.',
		);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('"Custom API Call", which n8n adds to Resource and Operation', () => {
	it.each([
		['as the resource', { resource: '__CUSTOM_API_CALL__' }],
		[
			'as the operation',
			{ resource: 'customerFile', operation: '__CUSTOM_API_CALL__', channel: rl(CHANNEL) },
		],
	])(
		'%s: a clear error pointing to the HTTP Request node, and no request',
		async (_name, parameters) => {
			const result = await runKakaoNode({ parameters, credentials: apiCredentials(emu) });
			const error = expectNodeError(result, 'NodeOperationError', emu);
			expect(error.message).toBe('Custom API Call is not an operation of the Kakao Channel node');
			expect(String(error.description)).toContain('HTTP Request node');
			expect(emu.requests).toHaveLength(0);
		},
	);
});
