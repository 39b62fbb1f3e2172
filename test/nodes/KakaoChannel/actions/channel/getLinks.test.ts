import { KakaoChannel } from '../../../../../nodes/KakaoChannel/KakaoChannel.node';
import { useKakaoEmulator } from '../../../../support/emulator';
import { runKakaoNode } from '../../../../support/engine';
import {
	CHANNEL,
	apiCredentials,
	expectNodeError,
	jsonOf,
	pairedOf,
	rl,
} from '../../../../support/engineHelpers';

const emu = useKakaoEmulator();

const params = (channel: ReturnType<typeof rl>) => ({
	resource: 'channel',
	operation: 'getLinks',
	channel,
});

const LINKS = {
	channel_public_id: CHANNEL,
	home_url: `https://pf.kakao.com/${CHANNEL}`,
	add_channel_url: `https://pf.kakao.com/${CHANNEL}/friend`,
	chat_url: `https://pf.kakao.com/${CHANNEL}/chat`,
};

/** Every way the Channel field accepts a channel typed in By ID mode: each gives the same three links. */
const ID_MODE_FORMS: Array<[string, string]> = [
	['the ID', CHANNEL],
	['the https URL', `https://pf.kakao.com/${CHANNEL}`],
	['the http URL', `http://pf.kakao.com/${CHANNEL}`],
	['the URL without a scheme', `pf.kakao.com/${CHANNEL}`],
	['the add-channel URL', `https://pf.kakao.com/${CHANNEL}/friend`],
	['the chat URL', `https://pf.kakao.com/${CHANNEL}/chat`],
	['a URL with a query', `https://pf.kakao.com/${CHANNEL}?utm_source=mail`],
	['a URL with a fragment', `https://pf.kakao.com/${CHANNEL}#home`],
];

describe('Channel > Get Links', () => {
	it.each(ID_MODE_FORMS)('By ID mode, %s', async (_label, value) => {
		const result = await runKakaoNode({
			parameters: params(rl(value)),
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([{ json: LINKS, pairedItem: { item: 0 } }]);
		expect(emu.requests).toHaveLength(0);
	});

	it.each([
		['the URL', `https://pf.kakao.com/${CHANNEL}`],
		['the chat URL', `https://pf.kakao.com/${CHANNEL}/chat`],
		['the URL without a scheme', `pf.kakao.com/${CHANNEL}`],
	])('By URL mode, %s', async (_label, value) => {
		const result = await runKakaoNode({
			parameters: params(rl(value, 'url')),
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual([LINKS]);
		expect(emu.requests).toHaveLength(0);
	});

	// The field's own check (a regex n8n applies to a typed value) refuses these, but values that
	// come from an expression are read by the node, which trims them and ignores the host's case.
	const EXPRESSION_ONLY_FORMS = [
		`  ${CHANNEL} `,
		`HTTPS://PF.KAKAO.COM/${CHANNEL}`,
		`\tpf.Kakao.com/${CHANNEL}/chat\n`,
	];

	it('reads the channel of each input item from an expression, every form mixed, one item each, paired', async () => {
		const forms = [...ID_MODE_FORMS.map(([, value]) => value), ...EXPRESSION_ONLY_FORMS].map(
			(channel) => ({ channel }),
		);
		const result = await runKakaoNode({
			parameters: params(rl('={{ $json.channel }}')),
			items: [
				...forms,
				{ channel: '_xnrxjem' },
				{ channel: 'https://pf.kakao.com/_Brxjem/friend' },
			],
			credentials: apiCredentials(emu),
		});
		expect(result.error).toBeUndefined();
		const output = jsonOf(result.output);
		expect(output.slice(0, forms.length)).toEqual(forms.map(() => LINKS));
		expect(
			output
				.slice(forms.length)
				.map((json) => [json.home_url, json.add_channel_url, json.chat_url]),
		).toEqual([
			[
				'https://pf.kakao.com/_xnrxjem',
				'https://pf.kakao.com/_xnrxjem/friend',
				'https://pf.kakao.com/_xnrxjem/chat',
			],
			[
				'https://pf.kakao.com/_Brxjem',
				'https://pf.kakao.com/_Brxjem/friend',
				'https://pf.kakao.com/_Brxjem/chat',
			],
		]);
		expect(pairedOf(result.output)).toEqual(output.map((_json, index) => [index]));
		expect(emu.requests).toHaveLength(0);
	});

	it('needs no credential at all (and shows none in the editor)', async () => {
		const result = await runKakaoNode({ parameters: params(rl(CHANNEL)), credentials: {} });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual([LINKS]);
		const { credentials, properties } = new KakaoChannel().description;
		for (const credential of credentials ?? [])
			expect(credential.displayOptions?.hide).toEqual({ resource: ['channel'] });
		expect(properties.find((p) => p.name === 'authentication')?.displayOptions).toEqual({
			hide: { resource: ['channel'] },
		});
	});

	it('works whatever Authentication was left on (OAuth2 too), still without a call', async () => {
		const result = await runKakaoNode({
			parameters: { ...params(rl(CHANNEL)), authentication: 'oAuth2' },
			credentials: {},
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual([LINKS]);
	});

	it.each([
		['a channel without its underscore', 'ZeUTxl'],
		['a URL of another site', 'https://example.com/_ZeUTxl'],
		['a URL without the channel', 'https://pf.kakao.com/'],
		['an empty value', ''],
	])('%s stops the run with an error naming the item', async (_label, value) => {
		const result = await runKakaoNode({
			parameters: params(rl('={{ $json.channel }}')),
			items: [{ channel: CHANNEL }, { channel: value }],
			credentials: apiCredentials(emu),
		});
		const error = expectNodeError(result, 'NodeOperationError', emu);
		expect(error.message).toBe(`Channel "${value}" is not a Kakao Talk Channel ID or URL`);
		expect(error.description).toContain('such as _ZeUTxl');
		expect((error as { context?: { itemIndex?: number } }).context?.itemIndex).toBe(1);
	});

	it('with continue on fail, a bad channel becomes an error item paired to it and the others get links', async () => {
		const result = await runKakaoNode({
			parameters: params(rl('={{ $json.channel }}')),
			items: [{ channel: 'nope' }, { channel: CHANNEL }, { channel: 42 }],
			credentials: apiCredentials(emu),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual([
			{ error: 'Channel "nope" is not a Kakao Talk Channel ID or URL' },
			LINKS,
			{ error: 'Channel "42" is not a Kakao Talk Channel ID or URL' },
		]);
		expect(pairedOf(result.output)).toEqual([[0], [1], [2]]);
		expect(emu.requests).toHaveLength(0);
	});
});
