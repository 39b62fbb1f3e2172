import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

/** Kakao's customer-file endpoints take the REST API key; every other endpoint the admin key. */
export const CUSTOMER_FILE_PATH_PREFIX = '/v1/talkchannel/';

export class KakaoChannelApi implements ICredentialType {
	name = 'kakaoChannelApi';

	displayName = 'Kakao Channel API';

	icon: Icon = {
		light: 'file:../nodes/KakaoChannel/kakaoChannel.svg',
		dark: 'file:../nodes/KakaoChannel/kakaoChannel.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-kakao-channel/n8n-nodes-kakao-channel#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Admin Key',
			name: 'adminKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Service app admin key, from [App] > [Platform key] in the Kakao Developers console. Used for relation checks and to verify webhooks.',
		},
		{
			displayName: 'REST API Key',
			name: 'restApiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'REST API key, from [App] > [Platform key] in the Kakao Developers console. Used for customer files.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://kapi.kakao.com',
			description:
				'Only the scheme and host, such as https://kapi.kakao.com (the default). Change it only for an HTTPS proxy in front of Kakao, or for a test emulator on this machine (such as http://127.0.0.1:8080).',
		},
	];

	// Picks the key per endpoint, and fails closed when the needed key is empty.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// includes(), not startsWith(): a proxy Base URL may put its own prefix before Kakao's path.
		const usesRestApiKey = requestPath(requestOptions).includes(CUSTOMER_FILE_PATH_PREFIX);
		const field = usesRestApiKey ? 'restApiKey' : 'adminKey';
		const key = typeof credentials[field] === 'string' ? (credentials[field] as string).trim() : '';
		if (!key) {
			const label = usesRestApiKey ? 'REST API Key' : 'Admin Key';
			throw new Error(
				`The Kakao Channel API credential has no ${label}. Add it in the credential (Kakao Developers console > [App] > [Platform key]).`,
			);
		}
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `KakaoAK ${key}` },
		};
	}
}

function requestPath(options: IHttpRequestOptions): string {
	const url = options.url ?? '';
	if (/^https?:\/\//i.test(url)) {
		return new URL(url).pathname;
	}
	return url.split('?')[0].startsWith('/') ? url.split('?')[0] : `/${url.split('?')[0]}`;
}
