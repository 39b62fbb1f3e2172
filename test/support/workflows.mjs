// Workflow files for the end-to-end suite, with the type names a community install gives.
import { randomUUID } from 'node:crypto';

export const PKG = 'n8n-nodes-kakao-channel';
export const CREDENTIAL = { id: 'kakaoE2eCred01', name: 'Kakao emulator' };
/** Its own credential, so rotating its key does not touch the one the action tests use. */
export const ROTATED_CREDENTIAL = { id: 'kakaoE2eCred02', name: 'Kakao rotated key' };

export function triggerWorkflow({
	id = 'kakaoE2eTrigger1',
	typeVersion = 2,
	credential = CREDENTIAL,
	options,
} = {}) {
	const webhookId = randomUUID();
	return {
		webhookId,
		path: `${webhookId}/webhook`,
		workflow: {
			id,
			name: `E2E Kakao Channel Trigger ${id} v${typeVersion}${options ? ' with options' : ''}`,
			active: false,
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
			connections: {},
			nodes: [
				{
					id: randomUUID(),
					name: 'Kakao Channel Trigger',
					type: `${PKG}.kakaoChannelTrigger`,
					typeVersion,
					position: [0, 0],
					webhookId,
					parameters: options
						? { events: ['added', 'blocked'], options }
						: { events: ['added', 'blocked'] },
					credentials: { kakaoChannelApi: credential },
				},
			],
		},
	};
}

/**
 * Webhook -> Split Out (body.items) -> Kakao Channel; the webhook answers with the Kakao node's
 * items, so a test posts input items and reads what the node output in a real n8n.
 */
let actionCount = 0;

export function actionWorkflow(key, kakaoParameters, { withCredential = true } = {}) {
	const webhookId = randomUUID();
	const path = `e2e-${key}`;
	return {
		path,
		workflow: {
			id: `kakaoE2eAction${String(++actionCount).padStart(2, '0')}`,
			name: `E2E Kakao Channel ${key}`,
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId,
					parameters: {
						httpMethod: 'POST',
						path,
						responseMode: 'lastNode',
						responseData: 'allEntries',
						options: {},
					},
				},
				{
					id: randomUUID(),
					name: 'Split Out',
					type: 'n8n-nodes-base.splitOut',
					typeVersion: 1,
					position: [200, 0],
					parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
				},
				{
					id: randomUUID(),
					name: 'Kakao Channel',
					type: `${PKG}.kakaoChannel`,
					typeVersion: 1,
					position: [400, 0],
					parameters: kakaoParameters,
					...(withCredential ? { credentials: { kakaoChannelApi: CREDENTIAL } } : {}),
				},
			],
			connections: {
				Webhook: { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] },
				'Split Out': { main: [[{ node: 'Kakao Channel', type: 'main', index: 0 }]] },
			},
		},
	};
}

export const rl = (value, mode = 'id') => ({ __rl: true, mode, value });
