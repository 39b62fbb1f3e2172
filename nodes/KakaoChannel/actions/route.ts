/** How the node signs its calls: the Authentication parameter's values. */
export type Authentication = 'adminKey' | 'oAuth2';

/** What the router hands an operation, read and checked once for all items. */
export interface Route {
	authentication: Authentication;
}

export const AUTHENTICATIONS: Array<{ name: string; value: Authentication }> = [
	{ name: 'Admin Key and REST API Key', value: 'adminKey' },
	{ name: 'OAuth2 (Kakao Login)', value: 'oAuth2' },
];
