// A small realistic demo data set (sandbox and tests).
import type { KakaoEmulator } from './server';
import type { EmulatorUser } from './types';

export const DEMO_CHANNELS = {
	test: { publicId: '_ZeUTxl', uuid: '@테스트' },
	plus: { publicId: '_xnrxjem', uuid: '@플러스친구' },
};

export const DEMO_TOKENS = {
	/** user 1001, has the plusfriends scope */
	withScope: 'demo-access-token-plusfriends',
	/** user 1002, no plusfriends scope -> -402 */
	withoutScope: 'demo-access-token-no-scope',
};

export const DEMO_FILE_NAME = '기존고객리스트';

const A = (created_at: string, updated_at: string) => ({
	relation: 'ADDED' as const,
	created_at,
	updated_at,
});
const B = (updated_at: string) => ({ relation: 'BLOCKED' as const, updated_at });
const N = { relation: 'NONE' as const };

export const DEMO_USERS: EmulatorUser[] = [
	{
		id: '1001',
		phone: '821012345678',
		relations: {
			_ZeUTxl: A('2020-04-18T03:17:05Z', '2021-05-17T05:25:01Z'),
			_xnrxjem: A('2022-11-09T07:08:48Z', '2023-07-20T07:21:05Z'),
		},
	},
	{
		id: '1002',
		phone: '821023456789',
		relations: { _ZeUTxl: A('2021-01-02T01:00:00Z', '2021-01-02T01:00:00Z'), _xnrxjem: N },
	},
	{
		id: '1003',
		phone: '821034567890',
		relations: {
			_ZeUTxl: B('2023-03-04T09:10:11Z'),
			_xnrxjem: A('2023-02-01T00:00:00Z', '2023-02-01T00:00:00Z'),
		},
	},
	{
		id: '1004',
		phone: '821045678901',
		relations: { _ZeUTxl: A('2022-06-30T12:00:00Z', '2022-06-30T12:00:00Z') },
	},
	{ id: '1005', phone: '821056789012', relations: {} },
	{
		id: '1006',
		phone: '821067890123',
		relations: {
			_ZeUTxl: A('2024-08-15T08:15:00Z', '2024-08-15T08:15:00Z'),
			_xnrxjem: B('2024-09-01T10:00:00Z'),
		},
	},
	{
		id: '1007',
		phone: '821078901234',
		relations: { _xnrxjem: A('2019-12-24T23:59:59Z', '2019-12-24T23:59:59Z') },
	},
	{ id: '1008', relations: { _ZeUTxl: A('2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z') } },
	{
		id: '1009',
		phone: '821090123456',
		relations: { _ZeUTxl: B('2025-02-14T14:14:14Z'), _xnrxjem: B('2025-02-14T14:15:00Z') },
	},
	{ id: '1010', talkUser: false },
];

/**
 * Channels _ZeUTxl (@테스트) and _xnrxjem (@플러스친구), users 1001..1010 (1010 is not a Kakao Talk user, 1008 has
 * no phone), a token with the plusfriends scope (user 1001) and one without (user 1002), and one customer file
 * on _ZeUTxl (created through the emulator's own API logic, so it takes the next file id) with users 1001 and 1002.
 */
export function seedDemo(emu: KakaoEmulator): void {
	emu.addChannel(DEMO_CHANNELS.test);
	emu.addChannel(DEMO_CHANNELS.plus);
	for (const u of DEMO_USERS) emu.addUser(u);
	emu.addAccessToken({
		token: DEMO_TOKENS.withScope,
		userId: '1001',
		scopes: ['profile_nickname', 'plusfriends'],
	});
	emu.addAccessToken({
		token: DEMO_TOKENS.withoutScope,
		userId: '1002',
		scopes: ['profile_nickname'],
	});
	emu.seedFile(
		'_ZeUTxl',
		DEMO_FILE_NAME,
		{ 생년월일: 'string', 성별: 'string', 연령: 'number' },
		'app',
		{
			'1001': { 생년월일: '1990-01-01', 성별: '여자', 연령: 36 },
			'1002': { 생년월일: '1985-05-05', 성별: '남자', 연령: 41 },
		},
	);
}
