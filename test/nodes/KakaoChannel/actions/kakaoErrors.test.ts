// Kakao's refusals of each operation, as one table: each becomes a NodeApiError naming Kakao's
// code and meaning, with a hint (and Kakao's msg and the HTTP status) in the description, and no
// secret anywhere in the run. The codes every operation shares (-401, -541, -819) are in
// operations.test.ts.
import { DEMO_FILE_NAME, DEMO_TOKENS } from '../../../kakao-emulator';
import { SANCTIONED_CHANNEL } from '../../../support/emulator';
import type { RunResult } from '../../../support/engine';
import { CHANNEL, CHANNEL2, PARAMS, PATHS, rl } from '../../../support/demo';
import { expectNodeError, useEngine } from '../../../support/engineHelpers';

const { emu, run } = useEngine({ extraChannels: [SANCTIONED_CHANNEL] });
const TWO = [
	{ id: '1001', age: 1 },
	{ id: '1002', age: 2 },
];
const users = (count: number) => Array.from({ length: count }, (_, k) => ({ id: `${40000 + k}` }));
const fail = (path: string, code: number, msg?: string) =>
	emu.injectFault({ fault: { kind: 'kakao', code, msg }, path, times: Infinity });
const fullChannel = () => {
	for (let k = 1; k < 30; k++) emu.seedFile(CHANNEL, `file ${k}`, { 연령: 'number' });
};

interface Row {
	name: string;
	code: number;
	meaning: string;
	/** What the description says besides the meaning: parts it contains, or patterns it matches. */
	says: Array<string | RegExp>;
	run: () => Promise<RunResult>;
	/** What Kakao holds or does before the run, beyond the demo data. */
	setup?: () => void;
	httpCode?: string;
	calls?: number;
}

const ROWS: Row[] = [
	{
		name: 'Get, a user with no Kakao Talk account',
		code: -501,
		meaning: 'not a Kakao Talk user',
		says: [/no Kakao Talk account/, '(HTTP 400)'],
		run: () => run(PARAMS.get({ userId: '1010' })),
	},
	{
		name: 'Get, a user not linked to the app',
		code: -101,
		meaning: 'the user is not linked to the app',
		says: [/Kakao Login/, '(HTTP 400)'],
		run: () => run(PARAMS.get({ userId: '9999' })),
	},
	{
		name: 'Get, a sanctioned channel',
		code: -544,
		meaning: 'channel is sanctioned',
		says: [/sanctioned/, '(HTTP 400)'],
		run: () => run(PARAMS.get({ channel: rl(SANCTIONED_CHANNEL.publicId) })),
	},
	{
		name: 'Get with OAuth2, a token without the plusfriends consent',
		code: -402,
		meaning: 'the user did not consent to the needed scope',
		says: ['plusfriends', 'Required scopes: ["plusfriends"]', '(HTTP 403)'],
		httpCode: '403',
		run: () =>
			run(PARAMS.get({ authentication: 'oAuth2' }), undefined, { token: DEMO_TOKENS.withoutScope }),
	},
	{
		name: 'Check Many Users, the quota',
		code: -10,
		meaning: 'quota exceeded',
		says: [/quota/],
		setup: () => fail(PATHS.multi, -10),
		run: () => run(PARAMS.checkMany(), [{ id: '1001' }]),
	},
	{
		name: 'Create, a file name in use',
		code: -817,
		meaning: 'file name already used or not allowed',
		says: [/another file name/, '(HTTP 400)'],
		run: () => run(PARAMS.create({ fileName: DEMO_FILE_NAME })),
	},
	{
		name: 'Create, a channel with 30 files',
		code: -818,
		meaning: 'the channel already has 30 customer files',
		says: [/Delete an unused customer file/, '(HTTP 400)'],
		setup: fullChannel,
		run: () => run(PARAMS.create()),
	},
	{
		name: "Create, a bad parameter, with Kakao's msg",
		code: -2,
		meaning: 'bad or missing parameter',
		says: ['Kakao said: "schema is broken" (HTTP 400)'],
		setup: () => fail(PATHS.createFile, -2, 'schema is broken'),
		run: () => run(PARAMS.create()),
	},
	{
		name: 'Add, an unknown file',
		code: -816,
		meaning: 'bad or unknown customer file ID',
		says: [/Customer File > Get Many/],
		run: () => run(PARAMS.add({ fileId: rl('999', 'id') }), TWO),
	},
	{
		name: 'Add, a file of another channel',
		code: -816,
		meaning: 'bad or unknown customer file ID',
		says: [/customer file/],
		run: () => run(PARAMS.add({ channel: rl(CHANNEL2) }), TWO),
	},
	{
		name: 'Add, the quota: how many users were not sent',
		code: -10,
		meaning: 'quota exceeded',
		says: ['quota', '0 user(s) were sent', '2 user(s) were not'],
		setup: () => fail(PATHS.addUsers, -10),
		run: () => run(PARAMS.add(), TWO),
	},
	{
		name: "Delete, an unknown file, with Kakao's msg",
		code: -816,
		meaning: 'bad or unknown customer file ID',
		says: ['Kakao said: "invalid customer file id: 1000" (HTTP 400)'],
		run: () => run(PARAMS.delete({ fileId: rl('1000', 'id') }), [{ id: '1001' }]),
	},
	{
		name: 'Delete, failing batches: how many users were sent and how many were not',
		code: -816,
		meaning: 'bad or unknown customer file ID',
		says: ['0 user(s) were sent', '2001 user(s) were not'],
		calls: 2,
		setup: () => fail(PATHS.deleteUsers, -816),
		run: () => run(PARAMS.delete(), users(2001)),
	},
];

it.each(ROWS)(
	'$name: Kakao $code',
	async ({ code, meaning, says, run, setup, httpCode, calls }) => {
		setup?.();
		const error = expectNodeError(await run(), 'NodeApiError', emu);
		expect(error.message).toBe(`Kakao API error ${code}: ${meaning}`);
		for (const part of says)
			if (typeof part === 'string') expect(error.description).toContain(part);
			else expect(error.description).toMatch(part);
		expect(error.httpCode).toBe(httpCode ?? '400');
		expect(error.context?.itemIndex).toBe(0);
		expect(emu.requests).toHaveLength(calls ?? 1);
	},
);
