import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

// Kakao Login: the user's access token, consented to `plusfriends`, lets the relation check run
// as that user instead of with the admin key.
export class KakaoChannelOAuth2Api implements ICredentialType {
	name = 'kakaoChannelOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Kakao Channel OAuth2 API';

	icon: Icon = {
		light: 'file:../nodes/KakaoChannel/kakaoChannel.svg',
		dark: 'file:../nodes/KakaoChannel/kakaoChannel.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-kakao-channel/n8n-nodes-kakao-channel#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://kauth.kakao.com/oauth/authorize',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: 'https://kauth.kakao.com/oauth/token',
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description:
				"The app's REST API key, from [App] > [Platform key] in the Kakao Developers console (Kakao Login uses it as the client ID)",
		},
		{
			// Overrides oAuth2Api's required Client Secret: Kakao Login only wants one when the app
			// turns it on, and n8n leaves an empty secret out of the token request body.
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only if the app turns on a client secret for Kakao Login ([Kakao Login] > [Security] > Client secret). Leave empty otherwise.',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'plusfriends',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			// Kakao's token endpoint reads client_id and client_secret from the form body.
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
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
}
