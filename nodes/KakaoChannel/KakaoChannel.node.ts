import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { AUTHENTICATIONS } from './actions/route';
import {
	operationProperties,
	operationsAccepting,
	operationSubtitle,
	resourcesWithoutCredential,
	router,
} from './actions/router';
import { kakaoChannelApiTest } from '../shared/keyCheck';
import { listSearch } from './methods';

// The canvas shows "<operation>: <resource>" under the node; these keep it short enough to read whole.
const SUBTITLE_RESOURCES = [
	{ name: 'Channel', value: 'channel' },
	{ name: 'Relation', value: 'relation' },
	{ name: 'Customer File', value: 'customerFile' },
	{ name: 'File User', value: 'customerFileUser' },
];

const RESOURCES = [
	{ name: 'Channel', value: 'channel' },
	{ name: 'Channel Relation', value: 'relation' },
	{ name: 'Customer File', value: 'customerFile' },
	{ name: 'Customer File User', value: 'customerFileUser' },
];

const AUTHENTICATION_DESCRIPTIONS = {
	adminKey: "The app's admin key and REST API key: every operation",
	oAuth2: `A user's Kakao Login token: only ${operationsAccepting('oAuth2', RESOURCES)}, for that user`,
};

export class KakaoChannel implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Kakao Channel',
		name: 'kakaoChannel',
		icon: { light: 'file:kakaoChannel.svg', dark: 'file:kakaoChannel.dark.svg' },
		group: ['transform'],
		version: 1,
		// Display names, not values: the canvas shows "Add: File User".
		subtitle: operationSubtitle(SUBTITLE_RESOURCES),
		description: 'Check Kakao Talk Channel relations and manage channel customer files',
		defaults: { name: 'Kakao Channel' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'kakaoChannelApi',
				required: true,
				testedBy: 'kakaoChannelApiTest',
				// A resource whose operations call nothing (Channel > Get Links) needs no credential.
				displayOptions: {
					show: { authentication: ['adminKey'] },
					hide: { resource: resourcesWithoutCredential },
				},
			},
			{
				name: 'kakaoChannelOAuth2Api',
				required: true,
				displayOptions: {
					show: { authentication: ['oAuth2'] },
					hide: { resource: resourcesWithoutCredential },
				},
			},
		],
		properties: [
			{
				// Top level, with `show` on each credential: n8n's editor builds the credential list
				// from this parameter, and lists nothing for a credential it does not show.
				displayName: 'Authentication',
				name: 'authentication',
				type: 'options',
				default: 'adminKey',
				displayOptions: { hide: { resource: resourcesWithoutCredential } },
				options: AUTHENTICATIONS.map(({ name, value }) => ({
					name,
					value,
					description: AUTHENTICATION_DESCRIPTIONS[value],
				})),
			},
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES,
				default: 'relation',
			},
			...operationProperties,
		],
	};

	methods = { listSearch, credentialTest: { kakaoChannelApiTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
