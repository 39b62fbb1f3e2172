// Channel > Get Links: the channel's three links, built without any call to Kakao.
import { runKakaoNode } from '../../../../support/engine';
import { CHANNEL, PARAMS, rl } from '../../../../support/demo';
import { jsonOf, pairedOf, useEngine } from '../../../../support/engineHelpers';

const { emu, run } = useEngine();
const params = (channel: ReturnType<typeof rl>) => PARAMS.getLinks({ channel });
const linksOf = (id: string) => ({
	channel_public_id: id,
	home_url: `https://pf.kakao.com/${id}`,
	add_channel_url: `https://pf.kakao.com/${id}/friend`,
	chat_url: `https://pf.kakao.com/${id}/chat`,
});
const LINKS = linksOf(CHANNEL);
const FROM_ITEM = params(rl('={{ $json.channel }}'));

const HOME = `https://pf.kakao.com/${CHANNEL}`;
/** Every way the Channel field accepts a channel typed in By ID mode: each gives the same three links. */
const ID_MODE_FORMS = [CHANNEL, HOME, `http://pf.kakao.com/${CHANNEL}`, `pf.kakao.com/${CHANNEL}`];
ID_MODE_FORMS.push(`${HOME}/friend`, `${HOME}/chat`, `${HOME}?utm_source=mail`, `${HOME}#home`);
const URL_MODE_FORMS = [HOME, `${HOME}/chat`, `pf.kakao.com/${CHANNEL}`];

it.each([
	...ID_MODE_FORMS.map((value) => ['ID', value]),
	...URL_MODE_FORMS.map((value) => ['URL', value]),
])('By %s mode, %s', async (mode, value) => {
	const result = await run(params(rl(value, mode === 'ID' ? 'id' : 'url')));
	expect(result.error).toBeUndefined();
	expect(result.output).toEqual([{ json: LINKS, pairedItem: { item: 0 } }]);
	expect(emu.requests).toHaveLength(0);
});

it('reads the channel of each input item from an expression, every form mixed, one item each, paired', async () => {
	// The field's own check (a regex n8n applies to a typed value) refuses the last three, but values
	// from an expression are read by the node, which trims them and ignores the host's case.
	const forms = [
		...ID_MODE_FORMS,
		`  ${CHANNEL} `,
		`HTTPS://PF.KAKAO.COM/${CHANNEL}`,
		`\tpf.Kakao.com/${CHANNEL}/chat\n`,
	];
	const others = ['_xnrxjem', 'https://pf.kakao.com/_Brxjem/friend'];
	const items = [...forms, ...others].map((channel) => ({ channel }));
	const result = await run(FROM_ITEM, items);
	expect(result.error).toBeUndefined();
	const output = jsonOf(result.output);
	expect(output).toEqual([...forms.map(() => LINKS), linksOf('_xnrxjem'), linksOf('_Brxjem')]);
	expect(pairedOf(result.output)).toEqual(output.map((_json, index) => [index]));
	expect(emu.requests).toHaveLength(0);
});

// The editor shows no credential for it either: actions/router.test.ts.
it('needs no credential at all, whatever Authentication was left on', async () => {
	for (const extra of [{}, { authentication: 'oAuth2' }]) {
		const parameters = PARAMS.getLinks({ channel: rl(CHANNEL), ...extra });
		const result = await runKakaoNode({ parameters, credentials: {} });
		expect(result.error).toBeUndefined();
		expect(jsonOf(result.output)).toEqual([LINKS]);
	}
});

it('with continue on fail, a bad channel becomes an error item paired to it and the others get links', async () => {
	const items = [{ channel: 'nope' }, { channel: CHANNEL }, { channel: 42 }];
	const result = await run(FROM_ITEM, items, { continueOnFail: true });
	expect(result.error).toBeUndefined();
	const bad = (v: string) => ({ error: `Channel "${v}" is not a Kakao Talk Channel ID or URL` });
	expect(jsonOf(result.output)).toEqual([bad('nope'), LINKS, bad('42')]);
	expect(pairedOf(result.output)).toEqual([[0], [1], [2]]);
	expect(emu.requests).toHaveLength(0);
});
