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
				'Comma-separated channel public IDs, pf.kakao.com URLs, or search IDs starting with @. Only events of these channels start the workflow; others are acknowledged and ignored. Leave empty to accept every channel connected to the app.',
		},
		{
			displayName: 'Ignore Events Older Than',
			name: 'ignoreOlderThan',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'Minutes. An event whose updated_at is older is acknowledged to Kakao (200, with the reason) and starts nothing. 0 turns the check off; events without a date always run.',
		},
		{
			displayName: 'Include Delivery Headers',
			name: 'includeDeliveryHeaders',
			type: 'boolean',
			default: false,
			description:
				'Whether to add the X-Kakao-Resource-ID and User-Agent headers to the item under "headers". No other header is ever added; the Authorization header (your admin key) never is.',
		},
		{
			displayName: 'Include Other Fields',
			name: 'includeOtherFields',
			type: 'boolean',
			default: false,
			description: `Whether to keep body fields the Kakao docs do not name, under "extra". They may be nested at most ${MAX_OTHER_FIELDS_DEPTH} levels and take at most ${MAX_OTHER_FIELDS_BYTES / 1024} KiB; a request beyond that gets a 400 and starts nothing. Off: only the documented fields are output.`,
		},
	],
};
