// What the relation suites of the emulator share (not a test file itself).
import type { KakaoEmulator } from './server';

export const SINGLE = '/v2/api/talk/channels';
export const MULTI = '/v2/api/talk/channels/multi';
export const DOC_CHANNELS = '_frxjem,_xnrxjem,_Brxjem';

/** Channels, users and tokens both relation suites start from, before each test. */
export function seedRelations(emu: KakaoEmulator): void {
	emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
	emu.addChannel({ publicId: '_frxjem', uuid: '@frx' });
	emu.addChannel({ publicId: '_xnrxjem', uuid: '@플러스친구' });
	emu.addChannel({ publicId: '_Brxjem', uuid: '@brx' });
	emu.addChannel({ publicId: '_unlinked', uuid: '@unlinked', connected: false });
	emu.addChannel({ publicId: '_banned', uuid: '@banned', sanctioned: true });
	emu.addUser({
		id: '4242',
		relations: {
			_ZeUTxl: {
				relation: 'ADDED',
				created_at: '2020-04-18T03:17:05Z',
				updated_at: '2021-05-17T05:25:01Z',
			},
			_frxjem: {
				relation: 'ADDED',
				created_at: '2020-04-18T03:17:05Z',
				updated_at: '2021-05-17T05:25:01Z',
			},
			_Brxjem: { relation: 'BLOCKED', updated_at: '2022-01-01T00:00:00Z' },
		},
	});
	emu.addUser({ id: '5555', talkUser: false });
	emu.addAccessToken({
		token: 'tok-ok',
		userId: '4242',
		scopes: ['profile_nickname', 'plusfriends'],
	});
	emu.addAccessToken({ token: 'tok-noscope', userId: '4242', scopes: ['profile_nickname'] });
	emu.addAccessToken({ token: 'tok-nontalk', userId: '5555', scopes: ['plusfriends'] });
}

export const DOC_ANSWER = {
	user_id: 4242,
	channels: [
		{
			channel_uuid: '@frx',
			channel_public_id: '_frxjem',
			relation: 'ADDED',
			created_at: '2020-04-18T03:17:05Z',
			updated_at: '2021-05-17T05:25:01Z',
		},
		{ channel_uuid: '@플러스친구', channel_public_id: '_xnrxjem', relation: 'NONE' },
		{
			channel_uuid: '@brx',
			channel_public_id: '_Brxjem',
			relation: 'BLOCKED',
			updated_at: '2022-01-01T00:00:00Z',
		},
	],
};
