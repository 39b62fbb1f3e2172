// Channel Relation > Get: one call per item, one output item per channel. What every operation
// shares (keys, channel forms, Kakao's errors, bad input) is in actions/*.test.ts tables.
import { DEMO_TOKENS } from '../../../../kakao-emulator';
import { CHANNEL, CHANNEL2, PARAMS, PATHS, demoRelation, rl } from '../../../../support/demo';
import {
	expectNodeError,
	expectNoSecrets,
	jsonOf,
	pairedOf,
	useEngine,
} from '../../../../support/engineHelpers';

const { emu, run } = useEngine();
const query = (userId: string, channels = CHANNEL) => ({
	channel_ids: channels,
	channel_id_type: 'channel_public_id',
	target_id_type: 'user_id',
	target_id: userId,
});

it('sends GET /v2/api/talk/channels with the admin key and the user_id query, and outputs one item per channel', async () => {
	const result = await run(PARAMS.get());
	expect(result.error).toBeUndefined();
	// Method, path, key and content type: actions/operations.test.ts.
	expect(emu.requests.map((r) => [r.query, r.rawBody])).toEqual([[query('1001'), '']]);
	expect(result.output).toEqual([{ json: demoRelation('1001'), pairedItem: { item: 0 } }]);
});

it('checks every item with its own user ID (expressions), pairing each output with its item', async () => {
	const moreChannels = `${CHANNEL2}, https://pf.kakao.com/${CHANNEL}`;
	const parameters = PARAMS.get({ userId: '={{ $json.user.id }}', options: { moreChannels } });
	const items = [{ user: { id: '1003' } }, { user: { id: 1005 } }, { user: { id: ' 0001009 ' } }];
	const result = await run(parameters, items);
	expect(result.error).toBeUndefined();
	const users = ['1003', '1005', '1009'];
	const both = `${CHANNEL},${CHANNEL2}`;
	expect(emu.requests.map((r) => r.query)).toEqual(users.map((id) => query(id, both)));
	expect(jsonOf(result.output)).toEqual(
		users.flatMap((id) => [demoRelation(id), demoRelation(id, CHANNEL2)]),
	);
	expect(pairedOf(result.output)).toEqual([[0], [0], [1], [1], [2], [2]]);
});

it('a complex expression works like a plain $json read', async () => {
	const userId = '={{ String($json.a) + String($json.b) }}';
	const result = await run(PARAMS.get({ userId }), [{ a: '10', b: '04' }]);
	expect(emu.requests.map((r) => r.query.target_id)).toEqual(['1004']);
	expect(jsonOf(result.output)).toEqual([demoRelation('1004')]);
});

it("Raw Output passes Kakao's answer through", async () => {
	const result = await run(PARAMS.get({ options: { rawOutput: true, moreChannels: CHANNEL2 } }));
	// toEqual takes an undefined property as absent
	const channel = (id: string) => ({ ...demoRelation('1001', id), user_id: undefined });
	const json = { user_id: 1001, channels: [channel(CHANNEL), channel(CHANNEL2)] };
	expect(result.output).toEqual([{ json, pairedItem: { item: 0 } }]);
});

// Literal values the field refuses, and bad input in general: actions/inputs.test.ts.
it('an expression that gives no channel ID or URL fails naming the value and its item, after the items before it', async () => {
	const channels = ['_ZeUTxl', 'https://example.com/_ZeUTxl'];
	const items = channels.map((channel) => ({ channel }));
	const result = await run(PARAMS.get({ channel: rl('={{ $json.channel }}') }), items);
	const error = expectNodeError(result, 'NodeOperationError', emu);
	expect(error.message).toBe(`Channel "${channels[1]}" is not a Kakao Talk Channel ID or URL`);
	expect(error.context?.itemIndex).toBe(1);
	expect(emu.requests).toHaveLength(1);
});

const OAUTH2 = { authentication: 'oAuth2', userId: undefined };
describe('with OAuth2 (Kakao Login)', () => {
	const oauth = (token: string, extra = {}) =>
		run(PARAMS.get({ ...OAUTH2, ...extra }), undefined, { token });

	it("sends the access token as Bearer, without user_id query, and outputs the token user's relation", async () => {
		const result = await oauth(DEMO_TOKENS.withScope, { options: { moreChannels: CHANNEL2 } });
		expect(result.error).toBeUndefined();
		const query = { channel_ids: `${CHANNEL},${CHANNEL2}`, channel_id_type: 'channel_public_id' };
		const bearer = `Bearer ${DEMO_TOKENS.withScope}`;
		const sent = emu.requests.map((r) => [r.method, r.path, r.headers.authorization, r.query]);
		expect(sent).toEqual([['GET', PATHS.relation, bearer, query]]);
		const both = [CHANNEL, CHANNEL2].map((channel) => demoRelation('1001', channel));
		expect(result.output).toEqual(both.map((json) => ({ json, pairedItem: { item: 0 } })));
	});

	it('an unknown access token fails without leaking it', async () => {
		const token = 'unknown-token-0123456789abcdef';
		const result = await oauth(token);
		expect(result.output).toBeUndefined();
		expect(result.error).toBeDefined();
		expect(emu.requests.every((r) => r.status === 401)).toBe(true);
		expectNoSecrets(result, emu, { token });
	});
});
