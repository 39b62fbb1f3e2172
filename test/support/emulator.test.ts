import { DEMO_CHANNELS } from '../kakao-emulator';
import { OFFLINE_CHANNEL, useKakaoEmulator } from './emulator';

const emu = useKakaoEmulator({ extraChannels: [OFFLINE_CHANNEL] });
const fileNames = () => emu.files(DEMO_CHANNELS.test.publicId).map((file) => file.file_name);

it('useKakaoEmulator: serves the demo data plus the extra channels over HTTP', async () => {
	const answer = await fetch(
		`${emu.baseUrl}/v1/talkchannel/target_user_file?channel_public_id=${OFFLINE_CHANNEL.publicId}`,
		{ headers: { Authorization: `KakaoAK ${emu.restApiKey}` } },
	);
	expect(answer.status).toBe(400);
	expect(await answer.json()).toMatchObject({ code: -819 });
	expect(emu.requests).toHaveLength(1);
	// Property writes reach the emulator too.
	emu.latencyMs = 5;
	expect(emu.latencyMs).toBe(5);
	emu.latencyMs = 0;
});
it('useKakaoEmulator: changes made by one test are gone in the next (reset and seeded again)', () => {
	emu.seedFile(DEMO_CHANNELS.test.publicId, 'temporary', { 연령: 'number' });
	expect(fileNames()).toContain('temporary');
});
it('useKakaoEmulator: starts every test from the same data', () => {
	expect(emu.requests).toHaveLength(0);
	expect(fileNames()).not.toContain('temporary');
});
