import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { kakaoChannelApiTest } from '../shared/keyCheck';
import { triggerOptions } from './webhook/options';
import { readTriggerOptions } from './webhook/readOptions';
import { receiveWebhook } from './webhook/receive';
import { prefetchSenders } from './webhook/senders';

export { IGNORED } from './webhook/receive';

const PUBLIC_HTTPS_URL =
	'https://github.com/n8n-nodes-kakao-channel/n8n-nodes-kakao-channel#public-https-url';

/**
 * Three lines in n8n 2.x's editor; the README has the rest. n8n 1.123.81 and 2.41.1 both label the
 * trigger's button "Execute step" (seen in both editors), so the text needs no version.
 */
const SETUP_NOTICE = `Paste the Production URL (<a href="${PUBLIC_HTTPS_URL}" target="_blank">public HTTPS</a>) in Kakao Developers > [App] > [Webhook] > [Kakao Talk Channel webhook]. To test, click Execute step and send an event to the Test URL.`;

export class KakaoChannelTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kakao Channel Trigger',
		name: 'kakaoChannelTrigger',
		icon: { light: 'file:kakaoChannel.svg', dark: 'file:kakaoChannel.dark.svg' },
		group: ['trigger'],
		// 2: n8n no longer evaluates `$parameter.options.binaryData` (an expression isolate in n8n
		// 2.x) before every request of a start node at version 1. Both versions behave the same.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description: 'Starts the workflow when a user adds or blocks your Kakao Talk Channel',
		defaults: {
			name: 'Kakao Channel Trigger',
		},
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kakaoChannelApi',
				required: true,
				testedBy: 'kakaoChannelApiTest',
			},
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Without it n8n answers the literal text "firstEntryJson"; Kakao only needs a 2XX.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName: SETUP_NOTICE,
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{
						name: 'Added',
						value: 'added',
						description: 'A user added the channel',
					},
					{
						name: 'Blocked',
						value: 'blocked',
						description: 'A user blocked the channel',
					},
				],
				default: ['added', 'blocked'],
				description:
					'Which events start the workflow. The others start nothing; Kakao gets a 200 for them.',
			},
			triggerOptions,
		],
	};

	// The same key test as the action node, so the editor tells a wrong admin key apart.
	methods = { credentialTest: { kakaoChannelApiTest } };

	webhookMethods = {
		default: {
			// Kakao has no API to register, list or remove the add/block webhook: the URL is pasted
			// by hand in the Kakao Developers console ([App] > [Webhook] > [Kakao Talk Channel
			// webhook]). So there is nothing to check, create or delete here, and every step
			// succeeds. The one call: with Only Kakao's Servers, activation (and a test run that
			// starts listening) fetches Kakao's addresses in the background, so the first request
			// need not wait. (In queue mode, webhook processes do not activate: each fetches on its
			// first request.)
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const read = readTriggerOptions(this.getNodeParameter('options', {}));
				if (read.ok && read.options.onlyKakaoServers) prefetchSenders(this);
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveWebhook(this);
	}
}
