// What the editor shows of the action node and its credentials: units on numbers, and "Docs"
// links that open the package's own user guide (the README's headings), not Kakao's API reference.
import type { INodeProperties } from 'n8n-workflow';

import { KakaoChannelApi } from '../../../credentials/KakaoChannelApi.credentials';
import { KakaoChannelOAuth2Api } from '../../../credentials/KakaoChannelOAuth2Api.credentials';
import { KakaoChannel } from '../../../nodes/KakaoChannel/KakaoChannel.node';
import codex from '../../../nodes/KakaoChannel/KakaoChannel.node.json';

const README = 'https://github.com/n8n-nodes-kakao-channel/n8n-nodes-kakao-channel';
const { description } = new KakaoChannel();

/** The properties, with those nested in their options (collections). */
const allProperties = (list: INodeProperties[]): INodeProperties[] =>
	list.flatMap((p) => [
		p,
		...allProperties((p.options ?? []).filter((o) => 'type' in o) as INodeProperties[]),
	]);

it('every number field says its unit on screen', () => {
	const numbers = allProperties(description.properties).filter((p) => p.type === 'number');
	expect(numbers.length).toBeGreaterThan(0);
	expect([...new Set(numbers.map((p) => p.displayName))]).toEqual(['Timeout (Seconds)']);
});

it("the Docs links open the README's sections on the operations and the credentials", () => {
	const { primaryDocumentation, credentialDocumentation } = codex.resources;
	expect(primaryDocumentation).toEqual([{ url: `${README}#kakao-channel-operations` }]);
	expect(credentialDocumentation).toEqual([{ url: `${README}#credentials` }]);
});

it('action names read as sentences', () => {
	const actions = description.properties
		.filter((p) => p.name === 'operation')
		.flatMap((p) => (p.options as Array<{ action: string }>).map((o) => o.action));
	expect(actions).toContain('Check the channel relations of many users');
	for (const action of actions) expect(action).toMatch(/^[A-Z][a-z]+ (a|the|many|channel|users)\b/);
});

it.each([new KakaoChannelApi(), new KakaoChannelOAuth2Api()])(
	'credential $displayName: Docs opens the README on credentials; Base URL states the rule',
	(credential) => {
		expect(credential.documentationUrl).toBe(`${README}#credentials`);
		const baseUrl = credential.properties.find((p) => p.name === 'baseUrl')!;
		expect(baseUrl.description).toMatch(
			/^Only the scheme and host, such as https:\/\/kapi\.kakao\.com/,
		);
	},
);
