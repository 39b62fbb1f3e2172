import { DEMO_TOKENS } from '../../../kakao-emulator';
import { KakaoChannel } from '../../../../nodes/KakaoChannel/KakaoChannel.node';
import { useKakaoEmulator } from '../../../support/emulator';
import { runKakaoNode } from '../../../support/engine';
import {
	CHANNEL,
	apiCredentials,
	expectNodeError,
	oauthCredentials,
	rl,
} from '../../../support/engineHelpers';

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

	it('OAuth2 with an operation other than Channel Relation > Get stops before any request', async () => {
		emu.clearRequests();
		const result = await runKakaoNode({
			parameters: {
				authentication: 'oAuth2',
				resource: 'customerFile',
				operation: 'getAll',
				channel: rl(CHANNEL),
			},
			credentials: oauthCredentials(emu, DEMO_TOKENS.withScope),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe('OAuth2 (Kakao Login) only works with Channel Relation > Get');
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
			emu.clearRequests();
			const result = await runKakaoNode({ parameters, credentials: apiCredentials(emu) });
			const error = expectNodeError(result, 'NodeOperationError', emu);
			expect(error.message).toBe('Custom API Call is not an operation of the Kakao Channel node');
			expect(String(error.description)).toContain('HTTP Request node');
			expect(emu.requests).toHaveLength(0);
		},
	);
});
