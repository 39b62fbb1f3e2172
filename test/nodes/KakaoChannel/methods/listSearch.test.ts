// The customer file picker (listSearch) in n8n-core's LoadOptionsContext, as the editor calls it.
import { KakaoChannel } from '../../../../nodes/KakaoChannel/KakaoChannel.node';
import { useKakaoEmulator } from '../../../support/emulator';
import { withLoadOptionsContext } from '../../../support/engine';
import { CHANNEL, rl } from '../../../support/demo';
import { apiCredentials } from '../../../support/engineHelpers';

const emu = useKakaoEmulator();
const { searchCustomerFiles } = new KakaoChannel().methods.listSearch;
const FORM = { authentication: 'adminKey', resource: 'customerFileUser', operation: 'add' };
/** The picker on `channel`, with every parameter of the form as the editor sends them. */
const search = async (channel: string, filter?: string) =>
	await withLoadOptionsContext({ ...FORM, channel: rl(channel) }, apiCredentials(emu), (context) =>
		searchCustomerFiles.call(context, filter),
	);

it("customer file picker: lists the channel's files by name and ID, and filters by the search text", async () => {
	const files = emu.files(CHANNEL);
	expect(files.length).toBeGreaterThan(0);
	expect((await search(CHANNEL)).results).toEqual(
		files.map((f) => ({ name: `${f.file_name} (${f.file_id})`, value: String(f.file_id) })),
	);
	const found = await search(CHANNEL, files[0].file_name.slice(0, 4).toUpperCase());
	expect(found.results.map((r) => r.value)).toContain(String(files[0].file_id));
	expect((await search(CHANNEL, 'no such file name')).results).toEqual([]);
});

it('customer file picker: a channel Kakao does not know (-541): the message has no dash for n8n to cut, the code is in the description', async () => {
	const error = await search('_NoSuchChannel').catch((e: Error & { description?: string }) => e);
	expect(error).toBeInstanceOf(Error);
	const { message, description } = error as Error & { description?: string };
	const meaning = 'channel does not exist';
	expect(message).toBe(`Kakao could not list the files of channel _NoSuchChannel: ${meaning}`);
	expect(message).not.toMatch(/[-–—]/);
	expect(description).toMatch(/^Kakao error code -541\. Check the channel ID/);
});
