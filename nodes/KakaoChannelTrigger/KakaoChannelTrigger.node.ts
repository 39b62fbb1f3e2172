import {
	NodeConnectionTypes,
	type IHookFunctions,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { kakaoChannelApiTest } from '../shared/credentialTest';
import { triggerOptions } from './webhook/options';
import { receiveWebhook } from './webhook/receive';

export { IGNORED } from './webhook/receive';

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
				displayName:
					"Kakao cannot register this URL through an API: paste it yourself in the Kakao Developers console under [App] > [Webhook] > [Kakao Talk Channel webhook]. It must be a public HTTPS URL with a valid certificate that answers without any redirect. To try it, click Execute step on this node (n8n 1.x: Listen for test event) and send an event to the Test URL within 2 minutes; once the workflow is active, Kakao must call the Production URL. Requests are accepted only with the app's admin key (from the credential) in the Authorization header.",
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
					'Which events start the workflow. Other events are acknowledged to Kakao and start nothing.',
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
			// succeeds without calling Kakao.
			async checkExists(this: IHookFunctions): Promise<boolean> {
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
