import { DEMO_TOKENS } from '../../../../kakao-emulator';
import {
	OFFLINE_CHANNEL,
	SANCTIONED_CHANNEL,
	useKakaoEmulator,
} from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	CHANNEL,
	CHANNEL2,
	CHANNEL_UUID,
	CHANNEL2_UUID,
	RELATION_PATH,
	apiCredentials,
	demoRelation,
	authOf,
	expectNoSecrets,
	expectNodeError,
	jsonOf,
	oauthCredentials,
	pairedOf,
	rl,
} from '../../../../support/engineHelpers';

const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL, SANCTIONED_CHANNEL] });

const params = (extra: Record<string, unknown> = {}) => ({
	resource: 'relation',
	operation: 'get',
	userId: '1001',
	channel: rl(CHANNEL),
	...extra,
});

const U1001_CH1 = demoRelation('1001');
const U1001_CH2 = demoRelation('1001', CHANNEL2);

describe('with the admin key', () => {
	it('sends GET /v2/api/talk/channels with the admin key and the user_id query, and outputs one item per channel', async () => {
		const result = await runKakaoNode({ parameters: params(), credentials: apiCredentials(emu) });
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(1);
		const [request] = emu.requests;
		// Method, path, key and content type: actions/operations.test.ts.
		expect(request.query).toEqual({
			channel_ids: CHANNEL,
			channel_id_type: 'channel_public_id',
			target_id_type: 'user_id',
			target_id: '1001',
		});
		expect(request.rawBody).toBe('');
		expect(result.output).toEqual([{ json: U1001_CH1, pairedItem: { item: 0 } }]);
	});

	it('checks every item with its own user ID (expressions), pairing each output with its item', async () => {
		const result = await runKakaoNode({
			parameters: params({
				userId: '={{ $json.user.id }}',
				options: { moreChannels: `${CHANNEL2}, https://pf.kakao.com/${CHANNEL}` },
			}),
			items: [{ user: { id: '1003' } }, { user: { id: 1005 } }, { user: { id: ' 0001009 ' } }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.query)).toEqual(
			['1003', '1005', '1009'].map((id) => ({
				channel_ids: `${CHANNEL},${CHANNEL2}`,
				channel_id_type: 'channel_public_id',
				target_id_type: 'user_id',
				target_id: id,
			})),
		);
		expect(jsonOf(result.output)).toEqual([
			{
				user_id: '1003',
				channel_public_id: CHANNEL,
				channel_uuid: CHANNEL_UUID,
				relation: 'BLOCKED',
				updated_at: '2023-03-04T09:10:11Z',
			},
			{
				user_id: '1003',
				channel_public_id: CHANNEL2,
				channel_uuid: CHANNEL2_UUID,
				relation: 'ADDED',
				created_at: '2023-02-01T00:00:00Z',
				updated_at: '2023-02-01T00:00:00Z',
			},
			{ user_id: '1005', channel_public_id: CHANNEL, channel_uuid: CHANNEL_UUID, relation: 'NONE' },
			{
				user_id: '1005',
				channel_public_id: CHANNEL2,
				channel_uuid: CHANNEL2_UUID,
				relation: 'NONE',
			},
			{
				user_id: '1009',
				channel_public_id: CHANNEL,
				channel_uuid: CHANNEL_UUID,
				relation: 'BLOCKED',
				updated_at: '2025-02-14T14:14:14Z',
			},
			{
				user_id: '1009',
				channel_public_id: CHANNEL2,
				channel_uuid: CHANNEL2_UUID,
				relation: 'BLOCKED',
				updated_at: '2025-02-14T14:15:00Z',
			},
		]);
		expect(pairedOf(result.output)).toEqual([[0], [0], [1], [1], [2], [2]]);
	});

	it('a complex expression works like a plain $json read', async () => {
		const result = await runKakaoNode({
			parameters: params({ userId: '={{ String($json.a) + String($json.b) }}' }),
			items: [{ a: '10', b: '04' }],
			credentials: apiCredentials(emu),
		});
		expect(emu.requests.map((r) => r.query.target_id)).toEqual(['1004']);
		expect(jsonOf(result.output)).toEqual([demoRelation('1004')]);
	});

	it("Raw Output passes Kakao's answer through", async () => {
		const result = await runKakaoNode({
			parameters: params({ options: { rawOutput: true, moreChannels: CHANNEL2 } }),
			credentials: apiCredentials(emu),
		});
		expect(result.output).toEqual([
			{
				json: {
					user_id: 1001,
					channels: [
						{
							channel_uuid: CHANNEL_UUID,
							channel_public_id: CHANNEL,
							relation: 'ADDED',
							created_at: U1001_CH1.created_at,
							updated_at: U1001_CH1.updated_at,
						},
						{
							channel_uuid: CHANNEL2_UUID,
							channel_public_id: CHANNEL2,
							relation: 'ADDED',
							created_at: U1001_CH2.created_at,
							updated_at: U1001_CH2.updated_at,
						},
					],
				},
				pairedItem: { item: 0 },
			},
		]);
	});
});

describe('the channel', () => {
	it.each([
		['URL mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'url')],
		['URL mode, with a path and no scheme', rl(`pf.kakao.com/${CHANNEL}/friend`, 'url')],
		['a URL typed in ID mode', rl(`https://pf.kakao.com/${CHANNEL}`, 'id')],
		['an expression giving a URL', rl('={{ $json.channel }}', 'id')],
	])('%s is sent as the channel ID', async (_name, channel) => {
		const result = await runKakaoNode({
			parameters: params({ channel }),
			items: [{ channel: `http://pf.kakao.com/${CHANNEL}?x=1` }],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests.map((r) => r.query.channel_ids)).toEqual([CHANNEL]);
		expect(jsonOf(result.output)).toEqual([U1001_CH1]);
	});

	it('a literal value that is no channel ID or URL is refused by n8n before the node runs', async () => {
		await expect(
			runKakaoNode({
				parameters: params({ channel: rl('ZeUTxl') }),
				credentials: apiCredentials(emu),
			}),
		).rejects.toThrow(/A channel ID starts with _/);
		expect(emu.requests).toHaveLength(0);
	});

	it('an expression that gives no channel ID or URL fails naming the value and the item, with no request', async () => {
		const result = await runKakaoNode({
			parameters: params({ channel: rl('={{ $json.channel }}') }),
			items: [{ channel: '_ZeUTxl' }, { channel: 'https://example.com/_ZeUTxl' }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(
			'Channel "https://example.com/_ZeUTxl" is not a Kakao Talk Channel ID or URL',
		);
		expect(error.context?.itemIndex).toBe(1);
		// Item 0 was valid and ran before item 1 failed.
		expect(emu.requests).toHaveLength(1);
	});

	it('More Channels with a bad entry fails before any request', async () => {
		const result = await runKakaoNode({
			parameters: params({ options: { moreChannels: `${CHANNEL2}, not-a-channel` } }),
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(
			'More Channels has entries that are not channel IDs or URLs: not-a-channel',
		);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('the user ID', () => {
	it.each([['abc'], ['12a'], ['-5'], ['0'], [''], ['1.5'], ['12345678901234567890']])(
		'"%s" is refused before any request',
		async (userId) => {
			const result = await runKakaoNode({
				parameters: params({ userId: '={{ $json.id }}' }),
				items: [{ id: userId }],
				credentials: apiCredentials(emu),
			});
			const error = expectNodeError(result, 'NodeOperationError', emu);
			expect(error.message).toBe(`User ID "${userId}" is not a service user ID`);
			expect(error.context?.itemIndex).toBe(0);
			expect(emu.requests).toHaveLength(0);
		},
	);

	it('a literal empty User ID is refused by n8n as a missing required parameter', async () => {
		await expect(
			runKakaoNode({ parameters: params({ userId: '' }), credentials: apiCredentials(emu) }),
		).rejects.toThrow(/User ID/);
		expect(emu.requests).toHaveLength(0);
	});
});

describe('with OAuth2 (Kakao Login)', () => {
	it("sends the access token as Bearer, without user_id query, and outputs the token user's relation", async () => {
		const result = await runKakaoNode({
			parameters: params({
				authentication: 'oAuth2',
				userId: undefined,
				options: { moreChannels: CHANNEL2 },
			}),
			credentials: oauthCredentials(emu, DEMO_TOKENS.withScope),
		});
		expect(result.error).toBeUndefined();
		expect(emu.requests).toHaveLength(1);
		expect(emu.requests[0].method).toBe('GET');
		expect(emu.requests[0].path).toBe(RELATION_PATH);
		expect(authOf(emu, emu.requests[0])).toBe(`Bearer ${DEMO_TOKENS.withScope}`);
		expect(emu.requests[0].query).toEqual({
			channel_ids: `${CHANNEL},${CHANNEL2}`,
			channel_id_type: 'channel_public_id',
		});
		expect(result.output).toEqual([
			{ json: U1001_CH1, pairedItem: { item: 0 } },
			{ json: U1001_CH2, pairedItem: { item: 0 } },
		]);
	});

	it('-402: a token without the plusfriends consent fails naming the code and the consent item', async () => {
		const result = await runKakaoNode({
			parameters: params({ authentication: 'oAuth2' }),
			credentials: oauthCredentials(emu, DEMO_TOKENS.withoutScope),
		});
		const error = expectNodeError(result, 'NodeApiError', emu);
		expect(error.message).toBe(
			'Kakao API error -402: the user did not consent to the needed scope',
		);
		expect(error.description).toContain('plusfriends');
		expect(error.description).toContain('Required scopes: ["plusfriends"]');
		expect(error.httpCode).toBe('403');
		expect(emu.requests).toHaveLength(1);
		expectNoSecrets(result, emu);
	});

	it('an unknown access token fails without leaking it', async () => {
		const token = 'unknown-token-0123456789abcdef';
		const result = await runKakaoNode({
			parameters: params({ authentication: 'oAuth2' }),
			credentials: oauthCredentials(emu, token),
		});
		expect(result.output).toBeUndefined();
		expect(result.error).toBeDefined();
		expect(emu.requests.every((r) => r.status === 401)).toBe(true);
		expectNoSecrets(result, emu, { token });
	});
});

describe('Kakao errors', () => {
	it.each<[string, Record<string, unknown>, RegExp, RegExp, string]>([
		[
			'-501 (not a Kakao Talk user)',
			{ userId: '1010' },
			/^Kakao API error -501: not a Kakao Talk user$/,
			/no Kakao Talk account/,
			'400',
		],
		[
			'-101 (user not linked to the app)',
			{ userId: '9999' },
			/^Kakao API error -101: the user is not linked to the app$/,
			/Kakao Login/,
			'400',
		],
		[
			'-544 (channel sanctioned)',
			{ channel: rl('_banned') },
			/^Kakao API error -544: channel is sanctioned$/,
			/sanctioned/,
			'400',
		],
	])(
		'%s becomes a NodeApiError naming the code',
		async (_name, extra, message, description, httpCode) => {
			const result = await runKakaoNode({
				parameters: params(extra),
				credentials: apiCredentials(emu),
			});
			const error = expectNodeError(result, 'NodeApiError', emu);
			expect(error.message).toMatch(message);
			expect(error.description).toMatch(description);
			expect(error.description).toContain(`(HTTP ${httpCode})`);
			expect(error.httpCode).toBe(httpCode);
			expect(error.context?.itemIndex).toBe(0);
			expect(emu.requests).toHaveLength(1);
			expectNoSecrets(result, emu);
		},
	);
});
