// Shared helpers for the engine tests (not a test file itself).
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import {
	DEMO_CHANNELS,
	DEMO_TOKENS,
	DEMO_USERS,
	type KakaoEmulator,
	type RecordedRequest,
} from '../kakao-emulator';
import type { RunResult } from './engine';

export const CHANNEL = '_ZeUTxl';
export const CHANNEL_UUID = '@테스트';
export const CHANNEL2 = '_xnrxjem';
export const CHANNEL2_UUID = '@플러스친구';

export const RELATION_PATH = '/v2/api/talk/channels';
export const MULTI_PATH = '/v2/api/talk/channels/multi';
export const CREATE_FILE_PATH = '/v1/talkchannel/create/target_user_file';
export const VIEW_FILES_PATH = '/v1/talkchannel/target_user_file';
export const ADD_USERS_PATH = '/v1/talkchannel/update/target_users';
export const DELETE_USERS_PATH = '/v1/talkchannel/delete/target_users';

/**
 * The item the node outputs for a demo user and channel: the seed's relation as Kakao answers it,
 * one flat item (the relation operations' output shape).
 */
export function demoRelation(userId: string, channel = CHANNEL): IDataObject {
	const relation = DEMO_USERS.find((user) => user.id === userId)?.relations?.[channel];
	const uuid = Object.values(DEMO_CHANNELS).find((c) => c.publicId === channel)?.uuid;
	if (!relation || !uuid) throw new Error(`No demo relation of user ${userId} with ${channel}`);
	return { user_id: userId, channel_public_id: channel, channel_uuid: uuid, ...relation };
}

/** Channel Relation > Get of user 1001 on _ZeUTxl: the one call most transport tests make. */
export function relationGetParams(extra: IDataObject = {}): IDataObject {
	return { resource: 'relation', operation: 'get', userId: '1001', channel: rl(CHANNEL), ...extra };
}

/** A resource locator value as the editor stores it. */
export function rl(value: string, mode: 'id' | 'url' | 'list' = 'id') {
	return { __rl: true, mode, value };
}

export function apiCredentials(
	emu: KakaoEmulator,
	overrides: Partial<{ adminKey: string; restApiKey: string; baseUrl: string }> = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		kakaoChannelApi: {
			adminKey: emu.adminKey,
			restApiKey: emu.restApiKey,
			baseUrl: emu.baseUrl,
			...overrides,
		},
	};
}

export function oauthCredentials(
	emu: KakaoEmulator,
	accessToken: string,
): Record<string, ICredentialDataDecryptedObject> {
	return {
		kakaoChannelOAuth2Api: {
			clientId: 'x',
			clientSecret: 'y',
			grantType: 'authorizationCode',
			authUrl: 'http://127.0.0.1:9/oauth/authorize',
			accessTokenUrl: 'http://127.0.0.1:9/oauth/token',
			scope: 'plusfriends',
			authentication: 'body',
			baseUrl: emu.baseUrl,
			oauthTokenData: { access_token: accessToken, token_type: 'bearer' },
		},
	};
}

/** Which of the emulator's secrets a request's Authorization header carries. */
export function authOf(emu: KakaoEmulator, request: RecordedRequest): string {
	const header = String(request.headers.authorization ?? '');
	if (header === `KakaoAK ${emu.adminKey}`) return 'KakaoAK admin';
	if (header === `KakaoAK ${emu.restApiKey}`) return 'KakaoAK rest';
	const bearer = /^Bearer (.+)$/.exec(header);
	if (bearer) return `Bearer ${bearer[1]}`;
	return `other: ${header.replace(/[0-9a-f]{32}/g, '<hex>')}`;
}

/**
 * Names of the secrets found anywhere in the run data (output, errors, everything the engine keeps).
 * Returns names, not values, so a failing assertion does not print a key.
 */
export function leakedSecrets(
	result: RunResult,
	emu: KakaoEmulator,
	extra: Record<string, string> = {},
): string[] {
	const text = JSON.stringify(result.run) + JSON.stringify(result.error ?? null);
	const secrets: Record<string, string> = {
		adminKey: emu.adminKey,
		restApiKey: emu.restApiKey,
		tokenWithScope: DEMO_TOKENS.withScope,
		tokenWithoutScope: DEMO_TOKENS.withoutScope,
		...extra,
	};
	return Object.entries(secrets)
		.filter(([, value]) => value && text.includes(value))
		.map(([name]) => name);
}

export function expectNoSecrets(
	result: RunResult,
	emu: KakaoEmulator,
	extra: Record<string, string> = {},
): void {
	expect(leakedSecrets(result, emu, extra)).toEqual([]);
}

export function jsonOf(output: INodeExecutionData[] | undefined): IDataObject[] {
	expect(output).toBeDefined();
	return output!.map((item) => item.json);
}

/** The input item indexes an output item is paired with, as a sorted list. */
export function pairedIndexes(item: INodeExecutionData): number[] {
	const paired = item.pairedItem;
	if (paired === undefined) return [];
	const list = Array.isArray(paired) ? paired : [paired];
	return list
		.map((entry: IPairedItemData | number) => (typeof entry === 'number' ? entry : entry.item))
		.sort((a, b) => a - b);
}

export function pairedOf(output: INodeExecutionData[] | undefined): number[][] {
	expect(output).toBeDefined();
	return output!.map(pairedIndexes);
}

/** Asserts the run failed with an n8n error (as the engine stores it), with no secret in the run, and returns it. */
export function expectNodeError(
	result: RunResult,
	name: 'NodeApiError' | 'NodeOperationError',
	emu: KakaoEmulator,
) {
	expectNoSecrets(result, emu);
	expect(result.output).toBeUndefined();
	expect(result.error).toBeDefined();
	expect(result.error!.name).toBe(name);
	return result.error!;
}

/** Kakao's numeric query list as an array. */
export function splitIds(value: string | undefined): string[] {
	return String(value ?? '')
		.split(',')
		.filter((entry) => entry !== '');
}
