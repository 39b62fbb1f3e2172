/**
 * The trigger's "Options" collection as the editor shows it. readOptions.ts reads it per request.
 */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_OTHER_FIELDS_BYTES, MAX_OTHER_FIELDS_DEPTH } from './otherFields';

/** Sorted by display name, as n8n lists them. */
export const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Channel IDs',
			name: 'channelIds',
			type: 'string',
			default: '',
			placeholder: '_ZeUTxl, https://pf.kakao.com/_AbCdEf',
			description:
				'Only events of these channels start the workflow; Kakao gets a 200 for the others. Comma-separated channel IDs, pf.kakao.com URLs or search IDs starting with @. Empty: every channel of the app.',
		},
		{
			displayName: 'Include Delivery Headers',
			name: 'includeDeliveryHeaders',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the X-Kakao-Resource-ID and User-Agent headers to the item, under "headers". No other header is ever added, and never Authorization (your admin key).',
		},
		{
			displayName: 'Include Other Fields',
			name: 'includeOtherFields',
			type: 'boolean',
			default: false,
			description: `Whether to keep body fields Kakao does not document, under "extra": at most ${MAX_OTHER_FIELDS_DEPTH} levels deep and ${MAX_OTHER_FIELDS_BYTES / 1024} KiB in all. A request with more gets a 400 and starts nothing.`,
		},
		{
			displayName: 'Max Event Age (Minutes)',
			name: 'ignoreOlderThan',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'An event whose updated_at is older than this starts nothing; Kakao gets a 200 with the reason. 0 turns the check off. Events without a date always run.',
		},
		{
			displayName: "Only Kakao's Servers",
			name: 'onlyKakaoServers',
			type: 'boolean',
			default: false,
			description:
				"Whether to accept requests only from the callback addresses Kakao publishes (read with the admin key, once a day). Behind a reverse proxy, set n8n's N8N_PROXY_HOPS so n8n sees the caller's address.",
		},
	],
};
