import type { INodeProperties } from 'n8n-workflow';

import { CHANNEL_ID_REGEX, CHANNEL_URL_REGEX } from '../../shared/channel';
import { timeoutOption } from '../transport/timeout';

export const channelRLC: INodeProperties = {
	displayName: 'Channel',
	name: 'channel',
	type: 'resourceLocator',
	default: { mode: 'id', value: '' },
	required: true,
	description: 'The Kakao Talk Channel, by its ID (such as _ZeUTxl) or its URL',
	modes: [
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '_ZeUTxl',
			validation: [
				{
					type: 'regex',
					properties: {
						// A pasted channel URL is accepted too: the node reads the ID out of it.
						regex: `^(?:${CHANNEL_ID_REGEX}|${CHANNEL_URL_REGEX})$`,
						errorMessage:
							'A channel ID starts with _ (such as _ZeUTxl); a channel URL (https://pf.kakao.com/_ZeUTxl) works too',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://pf.kakao.com/_ZeUTxl',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^${CHANNEL_URL_REGEX}$`,
						errorMessage: 'Use the channel URL, such as https://pf.kakao.com/_ZeUTxl',
					},
				},
			],
			extractValue: { type: 'regex', regex: CHANNEL_URL_REGEX },
		},
	],
};

export const customerFileRLC: INodeProperties = {
	displayName: 'Customer File',
	name: 'fileId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The customer file of the channel',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchCustomerFiles', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: '437',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\d+$', errorMessage: 'A customer file ID is a number' },
				},
			],
		},
	],
};

const USER_TYPES = [
	{ name: 'App User ID', value: 'app', description: 'Service user ID issued through Kakao Login' },
	{ name: 'Phone Number', value: 'phone', description: 'Mobile number registered in Kakao Talk' },
];

export const userTypeField: INodeProperties = {
	displayName: 'User Type',
	name: 'userType',
	type: 'options',
	default: 'app',
	options: USER_TYPES,
};

/** A User Type as the editor shows it (App User ID, Phone Number), for messages. */
export const userTypeLabel = (userType: string): string =>
	USER_TYPES.find((type) => type.value === userType)?.name ?? userType;

/** A comma-separated list of channels, read by getChannelList / parseChannelListOrThrow. */
export function channelListOption(
	name: string,
	displayName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: '',
		placeholder: '_ZeUTxl, https://pf.kakao.com/_xnrxjem',
		description,
	};
}

/** The user field of batched operations: read from every input item. */
export function batchUserIdField(description: string, placeholder: string): INodeProperties {
	return {
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		placeholder,
		description,
	};
}

/** An Options collection holding the given options and the Timeout every operation has. */
export function optionsCollection(options: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, timeoutOption],
	};
}
