import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getChannelId } from '../../helpers/params';
import { buildSchema, FIXED_SCHEMA_KEYS, MAX_SCHEMA_ITEMS } from '../../helpers/schema';
import { runPerItem } from '../../helpers/perItem';
import { kakaoApiRequest } from '../../transport';
import { ANSWERS } from '../../transport/answers';
import { channelRLC, optionsCollection } from '../common.descriptions';
import type { Authentication } from '../route';

/** Its fields; the router shows them for this resource and operation only. */
export const properties: INodeProperties[] = [
	channelRLC,
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'VIP customers',
		description: 'Name of the new customer file. No other file of the channel may have it.',
	},
	{
		displayName: 'Fixed Fields',
		name: 'fixedFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Fixed Field',
		default: {},
		description: `Kakao's predefined customer fields. A schema holds at most ${MAX_SCHEMA_ITEMS} fields and cannot be changed later.`,
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Key',
						name: 'key',
						type: 'options',
						default: '생년월일',
						options: FIXED_SCHEMA_KEYS.map(({ key, english }) => ({
							name: `${english} (${key})`,
							value: key,
						})),
						description: 'Kakao only accepts these keys in Korean',
					},
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						default: 'string',
						options: [
							{ name: 'String', value: 'string' },
							{ name: 'Number', value: 'number' },
						],
					},
				],
			},
		],
	},
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Custom Field',
		default: {},
		description:
			'Your own fields. Kakao lets them hold numbers only, and reserves the names 앱유저아이디 and 전화번호.',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name',
						name: 'key',
						type: 'string',
						default: '',
						placeholder: 'visits',
					},
				],
			},
		],
	},
	optionsCollection(),
];

/** The app keys only: Kakao takes no Kakao Login token here. */
export const authentications: readonly Authentication[] = ['adminKey'];

/** How the Operation list shows this operation. */
export const option: INodePropertyOptions = {
	name: 'Create',
	value: 'create',
	description: 'Register a new customer file with its schema',
	action: 'Create a customer file',
};

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await runPerItem.call(this, items, async (i) => {
		const channelPublicId = getChannelId.call(this, i);
		// An expression that finds nothing gives undefined or null: that is an empty name, not "undefined".
		const fileName = String(this.getNodeParameter('fileName', i, '') ?? '').trim();
		if (!fileName) {
			throw new NodeOperationError(this.getNode(), 'File Name is empty', {
				itemIndex: i,
				description: 'Give the customer file a name that is not used yet on the channel.',
			});
		}
		const fixed =
			(this.getNodeParameter('fixedFields.field', i, []) as Array<{ key: string; type: string }>) ??
			[];
		const custom =
			(this.getNodeParameter('customFields.field', i, []) as Array<{ key: string }>) ?? [];
		const built = buildSchema({ fixed, custom });
		if ('error' in built) {
			throw new NodeOperationError(this.getNode(), `Schema: ${built.error}`, {
				itemIndex: i,
				description: 'Fix the Fixed Fields and Custom Fields of the customer file schema.',
			});
		}
		const body: IDataObject = {
			channel_public_id: channelPublicId,
			file_name: fileName,
			schema: built.schema,
		};
		const answer = (await kakaoApiRequest.call(this, {
			method: 'POST',
			path: '/v1/talkchannel/create/target_user_file',
			body,
			answer: ANSWERS.createdFile,
			itemIndex: i,
			retryUnknownOutcome: false,
		})) as IDataObject;
		return [
			{
				file_id: answer.file_id,
				channel_public_id: channelPublicId,
				file_name: fileName,
				schema: built.schema,
			},
		];
	});
}
