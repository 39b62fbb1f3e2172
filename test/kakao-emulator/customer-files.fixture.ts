// What the customer-file suites of the emulator share (not a test file itself).
import type { KakaoEmulator } from './server';

export const CREATE = '/v1/talkchannel/create/target_user_file';
export const VIEW = '/v1/talkchannel/target_user_file';
export const ADD = '/v1/talkchannel/update/target_users';
export const DELETE = '/v1/talkchannel/delete/target_users';
export const JSON_CT = 'application/json;charset=UTF-8';

/** The exact body of the doc's "Register customer file" sample. */
export const DOC_CREATE_BODY = `{
            "channel_public_id": "_ZeUTxl",
            "file_name": "vip고객리스트",
            "schema":{
                "생년월일":"string",
                "성별":"string",
                "연령":"number"
        }
    }`;

/** Channels and users both customer-file suites start from, before each test. */
export function seedCustomerFiles(emu: KakaoEmulator): void {
	emu.addChannel({ publicId: '_ZeUTxl', uuid: '@테스트' });
	emu.addChannel({ publicId: '_other', uuid: '@other' });
	emu.addChannel({ publicId: '_unlinked', uuid: '@unlinked', connected: false });
	emu.addUser({
		id: '12345',
		phone: '821012345678',
		relations: { _ZeUTxl: { relation: 'ADDED' } },
	});
	emu.addUser({
		id: '12346',
		phone: '010-2222-3333',
		relations: { _ZeUTxl: { relation: 'ADDED' } },
	});
	emu.addUser({ id: '12347', relations: { _ZeUTxl: { relation: 'BLOCKED' } } });
	emu.addUser({ id: '12348', relations: { _other: { relation: 'ADDED' } } });
}
