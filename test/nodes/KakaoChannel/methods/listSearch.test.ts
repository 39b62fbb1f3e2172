import { useKakaoEmulator } from '../../../support/emulator';
import { searchCustomerFiles } from '../../../support/engine';
import { CHANNEL, rl } from '../../../support/demo';
import { apiCredentials } from '../../../support/engineHelpers';

// As the editor sends them: every parameter of the form, defaults included.
const form = (channel: string) => ({
	authentication: 'adminKey',
	resource: 'customerFileUser',
	operation: 'add',
	channel: rl(channel),
});

const emu = useKakaoEmulator();

describe('customer file picker (listSearch) through n8n-core', () => {
	it("lists the channel's files by name and ID, and filters by the search text", async () => {
		const files = emu.files(CHANNEL);
		expect(files.length).toBeGreaterThan(0);
		const all = await searchCustomerFiles(form(CHANNEL), apiCredentials(emu));
		expect(all.results).toEqual(
			files.map((f) => ({ name: `${f.file_name} (${f.file_id})`, value: String(f.file_id) })),
		);
		const found = await searchCustomerFiles(
			form(CHANNEL),
			apiCredentials(emu),
			files[0].file_name.slice(0, 4).toUpperCase(),
		);
		expect(found.results.map((r) => r.value)).toContain(String(files[0].file_id));
		const none = await searchCustomerFiles(form(CHANNEL), apiCredentials(emu), 'no such file name');
		expect(none.results).toEqual([]);
	});

	it('a channel Kakao does not know (-541): the message has no dash for n8n to cut, the code is in the description', async () => {
		const error = await searchCustomerFiles(form('_NoSuchChannel'), apiCredentials(emu)).catch(
			(e: Error & { description?: string }) => e,
		);
		expect(error).toBeInstanceOf(Error);
		const { message, description } = error as Error & { description?: string };
		expect(message).toBe(
			'Kakao could not list the files of channel _NoSuchChannel: channel does not exist',
		);
		expect(message).not.toMatch(/[-–—]/);
		expect(description).toMatch(/^Kakao error code -541\. Check the channel ID/);
	});
});
