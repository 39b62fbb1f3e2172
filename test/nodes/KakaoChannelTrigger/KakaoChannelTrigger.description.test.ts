import * as fs from 'node:fs';
import * as path from 'node:path';

import type { IHookFunctions, INodeProperties } from 'n8n-workflow';

import { KakaoChannelTrigger } from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node';
import codex from '../../../nodes/KakaoChannelTrigger/KakaoChannelTrigger.node.json';
import { senderCache } from '../../../nodes/KakaoChannelTrigger/webhook/senderCache';

const NODE_DIR = path.join(__dirname, '../../../nodes/KakaoChannelTrigger');
const README = 'https://github.com/n8n-nodes-kakao-channel/n8n-nodes-kakao-channel';
const ICONS = ['kakaoChannel.svg', 'kakaoChannel.dark.svg'];
const node = new KakaoChannelTrigger();
const { description } = node;

const property = (name: string) => description.properties.find((p) => p.name === name)!;

it('has the public contract: type, name, group, credential, one POST webhook answered on receipt', () => {
	expect(description).toMatchObject({
		name: 'kakaoChannelTrigger',
		displayName: 'Kakao Channel Trigger',
		group: ['trigger'],
		// New nodes get 2 (n8n evaluates no binaryData expression per request); 1 keeps working.
		version: [1, 2],
		defaultVersion: 2,
		inputs: [],
		outputs: ['main'],
	});
	expect(description.icon).toEqual({ light: `file:${ICONS[0]}`, dark: `file:${ICONS[1]}` });
	const credential = { name: 'kakaoChannelApi', required: true, testedBy: 'kakaoChannelApiTest' };
	expect(description.credentials).toEqual([credential]);
	const answeredOnReceipt = { responseMode: 'onReceived', responseData: 'noData' };
	const webhook = { name: 'default', httpMethod: 'POST', ...answeredOnReceipt, path: 'webhook' };
	expect(description.webhooks).toEqual([webhook]);
	expect(typeof node.methods.credentialTest.kakaoChannelApiTest).toBe('function');
});
it('offers the events added and blocked, both selected by default', () => {
	const { type, options, default: selected } = property('events');
	const values = options?.map((o) => ('value' in o ? o.value : undefined));
	const both = ['added', 'blocked'];
	expect([type, values, selected]).toEqual(['multiOptions', both, both]);
});
it('lists its options alphabetically, as n8n shows them, with the unit of the number in its name, each off until added', () => {
	const options = property('options');
	expect(options).toMatchObject({ type: 'collection', default: {} });
	const fields = options.options as INodeProperties[];
	expect(fields.map((o) => [o.displayName, o.name, o.type, o.default])).toEqual([
		['Channel IDs', 'channelIds', 'string', ''],
		['Include Delivery Headers', 'includeDeliveryHeaders', 'boolean', false],
		['Include Other Fields', 'includeOtherFields', 'boolean', false],
		['Max Event Age (Minutes)', 'ignoreOlderThan', 'number', 60],
		["Only Kakao's Servers", 'onlyKakaoServers', 'boolean', false],
	]);
});
it('explains the setup in a short notice that links the README on public HTTPS URLs', () => {
	const notices = description.properties.filter((p) => p.type === 'notice');
	expect(notices.map((p) => p.name)).toEqual(['setupNotice']);
	const text = notices[0].displayName;
	expect(text).toContain('Kakao Developers > [App] > [Webhook] > [Kakao Talk Channel webhook]');
	expect(text).toContain(`<a href="${README}#public-https-url" target="_blank">public HTTPS</a>`);
	// The button both n8n 1.123 and 2.41 show; no text for one version only.
	expect(text).toContain('click Execute step and send an event to the Test URL');
	expect(text).not.toMatch(/n8n 1\.x|n8n 2\.x|Listen for test event/);
	expect(text).toMatch(/Test URL/);
	// Three lines in n8n 2.x's editor (about 64 characters each) once the link markup is gone.
	expect(text.replace(/<[^>]+>/g, '').length).toBeLessThanOrEqual(185);
});
it.each([
	['off', ['getNodeParameter'], {}],
	// on: checkExists also starts the fetch of Kakao's addresses (in the background)
	['on', ['getNodeParameter', 'getNode', 'getWorkflow'], { onlyKakaoServers: true }],
])(
	"webhook lifecycle methods succeed; with Only Kakao's Servers %s they call %p",
	async (_, expected, options) => {
		const calls: string[] = [];
		const answers: Record<string, unknown> = {
			getNodeParameter: () => options,
			getNode: () => ({ name: 'Kakao Channel Trigger', credentials: {} }),
			getWorkflow: () => ({ id: 'wf' }),
			getCredentials: () => Promise.reject(new Error('not in this test')),
			logger: { warn: () => undefined },
		};
		const get = (_target: object, key: string) => {
			calls.push(key);
			if (key in answers) return answers[key];
			throw new Error(`unexpected call to ${key}`);
		};
		const context = new Proxy({}, { get }) as IHookFunctions;
		const { checkExists, create, delete: remove } = node.webhookMethods.default;
		for (const method of [checkExists, create, remove])
			await expect(method.call(context)).resolves.toBe(true);
		expect([...new Set(calls)].slice(0, expected.length)).toEqual(expected);
		senderCache.clear();
	},
);
it('says in the source why the lifecycle methods do nothing', () => {
	const source = fs.readFileSync(path.join(NODE_DIR, 'KakaoChannelTrigger.node.ts'), 'utf8');
	expect(source).toMatch(/Kakao has no API to register/);
});
it('has no environment or file access in node code', () => {
	const webhook = fs.readdirSync(path.join(NODE_DIR, 'webhook'));
	expect(webhook).toEqual(expect.arrayContaining(['event.ts', 'receive.ts', 'options.ts']));
	const files = ['KakaoChannelTrigger.node.ts', ...webhook.map((file) => `webhook/${file}`)];
	for (const file of files) {
		const source = fs.readFileSync(path.join(NODE_DIR, file), 'utf8');
		expect(source).not.toMatch(/process\.env|from 'fs'|from 'node:fs'|require\(/);
	}
});
it('ships the codex file and both icons', () => {
	const NAMES = ['Kakao', 'KakaoTalk', 'Kakao Talk Channel', 'Channel Relation'];
	expect(codex).toEqual({
		node: 'n8n-nodes-kakao-channel.kakaoChannelTrigger',
		nodeVersion: '1.0',
		codexVersion: '1.0',
		// n8n's node panel searches display names and these aliases.
		alias: [...NAMES, 'Channel added', 'Channel blocked', 'Webhook'],
		categories: ['Communication', 'Marketing'],
		// The editor's Docs link: our README, which links Kakao's pages where they help.
		resources: {
			credentialDocumentation: [{ url: `${README}#credentials` }],
			primaryDocumentation: [{ url: `${README}#kakao-channel-trigger` }],
		},
	});
	for (const icon of ICONS) {
		const svg = fs.readFileSync(path.join(NODE_DIR, icon), 'utf8');
		expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
		expect(svg).toContain('#FEE500');
	}
});
