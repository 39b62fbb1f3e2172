// The test fixtures scripts use, as `tsc -p tsconfig.scripts.json` compiles them into .build/: the
// Kakao emulator (test/kakao-emulator) and Kakao's sample webhook (test/support/kakaoWebhook.ts).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { REPO_ROOT } from '../n8n/runtime.mjs';

// Literal paths, so that scripts/ci/check-imports.mjs sees what is loaded.
function load(file) {
	const built = path.join(REPO_ROOT, file);
	if (!fs.existsSync(built))
		throw new Error(`${built} is missing: run npx tsc -p tsconfig.scripts.json`);
	return createRequire(import.meta.url)(built);
}

/** KakaoEmulator, seedDemo, DEMO_CHANNELS, ... (test/kakao-emulator/index.ts). */
export const loadEmulator = () => load('.build/test/kakao-emulator/index.js');
/** sendWebhook (test/kakao-emulator/webhook.ts). */
export const loadWebhookSender = () => load('.build/test/kakao-emulator/webhook.js');
/** SAMPLE_EVENT, SAMPLE_RESOURCE_ID, kakaoWebhookHeaders (test/support/kakaoWebhook.ts). */
export const loadKakaoWebhook = () => load('.build/test/support/kakaoWebhook.js');
