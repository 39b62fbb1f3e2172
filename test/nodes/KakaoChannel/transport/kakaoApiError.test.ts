// A failed call is a typed error: the batch engine reads how the call ended, Kakao's code and the
// tries from the error itself (no side channel), and transport/ stands on its own (imports
// nothing from helpers/ or actions/).
import fs from 'node:fs';
import path from 'node:path';

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { KakaoApiError, kakaoApiCall } from '../../../../nodes/KakaoChannel/transport';
import { ANSWERS } from '../../../../nodes/KakaoChannel/transport/answers';
import { KakaoEmulator, type Fault } from '../../../kakao-emulator';
import { useKakaoEmulator } from '../../../support/emulator';
import { withLoadOptionsContext } from '../../../support/engine';
import { CHANNEL, PATHS } from '../../../support/demo';
import { apiCredentials } from '../../../support/engineHelpers';

jest.mock('n8n-workflow', () => ({
	...jest.requireActual('n8n-workflow'),
	sleep: async () => undefined,
}));

const emu = useKakaoEmulator();

const RELATION_GET = { resource: 'relation', operation: 'get', authentication: 'adminKey' };

/** The error a relation check throws, called in n8n-core's own context (the engine keeps only a copy). */
const relationGetError = async (credentials: Record<string, ICredentialDataDecryptedObject>) =>
	await withLoadOptionsContext(RELATION_GET, credentials, async (context) =>
		kakaoApiCall.call(context, {
			method: 'GET',
			path: PATHS.relation,
			qs: { channel_ids: CHANNEL, target_id_type: 'user_id', target_id: '1001' },
			answer: ANSWERS.relation,
		}),
	).then(
		() => undefined,
		(error: unknown) => error,
	);

describe('a failed call throws a KakaoApiError', () => {
	it.each<[string, Fault, object]>([
		[
			'Kakao -541 (not retried)',
			{ kind: 'kakao', code: -541 },
			{ outcome: 'rejected', kakaoCode: -541, attempts: 1, resent: 0 },
		],
		[
			'Kakao -1 every time',
			{ kind: 'kakao', code: -1 },
			{ outcome: 'rejected', kakaoCode: -1, attempts: 4, resent: 0 },
		],
		[
			'a dropped connection every time',
			{ kind: 'drop' },
			{ outcome: 'unknown', kakaoCode: undefined, attempts: 4, resent: 3 },
		],
		[
			'a bare HTTP 404',
			{ kind: 'http', status: 404, body: 'nothing here' },
			{ outcome: 'unknown', kakaoCode: undefined, attempts: 1, resent: 0 },
		],
	])('%s: it says how the call ended and what it cost', async (_name, fault, facts) => {
		emu.injectFault({ fault, path: PATHS.relation, times: Infinity });
		const error = await relationGetError(apiCredentials(emu));
		expect(error).toBeInstanceOf(KakaoApiError);
		const { outcome, kakaoCode, attempts, resent, name } = error as KakaoApiError;
		expect({ outcome, kakaoCode, attempts, resent }).toEqual(facts);
		// Still an n8n API error to the editor and the logs.
		expect(name).toBe('NodeApiError');
	});

	it('an unreachable Base URL: the outcome says the request never got to Kakao', async () => {
		const closed = await KakaoEmulator.start();
		await closed.stop();
		const error = await relationGetError(apiCredentials(emu, { baseUrl: closed.baseUrl }));
		expect(error).toBeInstanceOf(KakaoApiError);
		expect((error as KakaoApiError).outcome).toBe('unreached');
	});
});

describe('transport/ depends on nothing above it', () => {
	const dir = path.join(__dirname, '../../../../nodes/KakaoChannel/transport');
	it.each(fs.readdirSync(dir).filter((file) => file.endsWith('.ts')))(
		'%s imports neither helpers/ nor actions/',
		(file) => {
			const source = fs.readFileSync(path.join(dir, file), 'utf8');
			expect(source).not.toMatch(/from '\.\.\/(helpers|actions)\//);
		},
	);

	it('holds no module-level record of failures (the error carries them)', () => {
		const sources = fs
			.readdirSync(dir)
			.map((file) => fs.readFileSync(path.join(dir, file), 'utf8'))
			.join('\n');
		expect(sources).not.toMatch(/new WeakMap|\bfailureOf\b/);
	});
});
