// A small, realistic demo data set for the sandbox and the tests.
import type { KakaoEmulator } from './server';
import type { EmulatorUser, RelationInfo } from './types';

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

const A = (created_at: string, updated_at = created_at): RelationInfo => {
	return { relation: 'ADDED', created_at, updated_at };
};
const B = (updated_at: string): RelationInfo => ({ relation: 'BLOCKED', updated_at });
const user = (id: string, phone?: string, _ZeUTxl?: RelationInfo, _xnrxjem?: RelationInfo) => ({
	id,
	...(phone && { phone: `8210${phone}` }),
	relations: { ...(_ZeUTxl && { _ZeUTxl }), ...(_xnrxjem && { _xnrxjem }) },
});

export const DEMO_USERS: EmulatorUser[] = [
	user(
		'1001',
		'12345678',
		A('2020-04-18T03:17:05Z', '2021-05-17T05:25:01Z'),
		A('2022-11-09T07:08:48Z', '2023-07-20T07:21:05Z'),
	),
	user('1002', '23456789', A('2021-01-02T01:00:00Z'), { relation: 'NONE' }),
	user('1003', '34567890', B('2023-03-04T09:10:11Z'), A('2023-02-01T00:00:00Z')),
	user('1004', '45678901', A('2022-06-30T12:00:00Z')),
	user('1005', '56789012'),
	user('1006', '67890123', A('2024-08-15T08:15:00Z'), B('2024-09-01T10:00:00Z')),
	user('1007', '78901234', undefined, A('2019-12-24T23:59:59Z')),
	user('1008', undefined, A('2025-01-01T00:00:00Z')),
	user('1009', '90123456', B('2025-02-14T14:14:14Z'), B('2025-02-14T14:15:00Z')),
	{ id: '1010', talkUser: false },
];

/**
 * Channels _ZeUTxl (@테스트) and _xnrxjem (@플러스친구), users 1001..1010 (1010 is not a Kakao Talk
 * user, 1008 has no phone), a token with the plusfriends scope (user 1001) and one without (user
 * 1002), and one customer file on _ZeUTxl (the next file id) with users 1001 and 1002.
 */
export function seedDemo(emu: KakaoEmulator): void {
	emu.addChannel(DEMO_CHANNELS.test);
	emu.addChannel(DEMO_CHANNELS.plus);
	for (const u of DEMO_USERS) emu.addUser(u);
	const token = (token: string, userId: string, ...scopes: string[]) =>
		emu.addAccessToken({ token, userId, scopes });
	token(DEMO_TOKENS.withScope, '1001', 'profile_nickname', 'plusfriends');
	token(DEMO_TOKENS.withoutScope, '1002', 'profile_nickname');
	const members = {
		'1001': { 생년월일: '1990-01-01', 성별: '여자', 연령: 36 },
		'1002': { 생년월일: '1985-05-05', 성별: '남자', 연령: 41 },
	};
	const schema = { 생년월일: 'string', 성별: 'string', 연령: 'number' };
	emu.seedFile('_ZeUTxl', DEMO_FILE_NAME, schema, 'app', members);
}
