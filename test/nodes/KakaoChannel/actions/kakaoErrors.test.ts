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
// What the node's message says each code means.
const MEANING: Record<number, string> = {
	[-501]: 'not a Kakao Talk user',
	[-101]: 'the user is not linked to the app',
	[-544]: 'channel is sanctioned',
	[-402]: 'the user did not consent to the needed scope',
	[-10]: 'quota exceeded',
	[-817]: 'file name already used or not allowed',
	[-818]: 'the channel already has 30 customer files',
	[-2]: 'bad or missing parameter',
	[-816]: 'bad or unknown customer file ID',
};

// Each row: the case, Kakao's code, what the description says besides the meaning and
// "(HTTP <status>)" (parts it contains, or patterns it matches), the run, and its calls (1 unless
// said).
type Says = string | RegExp | Array<string | RegExp>;
type Row = [string, number, Says, () => Promise<RunResult>, number?];
const row = (...cells: Row) => cells;
/** The runner, with Kakao answering `code` at `path` from now on. */
const failing = (path: string, code: number, msg?: string) => {
	emu.injectFault({ fault: { kind: 'kakao', code, msg }, path, times: Infinity });
	return run;
};
const ROWS: Row[] = [
	row('Get, a user with no Kakao Talk account', -501, /no Kakao Talk account/, () =>
		run(PARAMS.get({ userId: '1010' })),
	),
	row('Get, a user not linked to the app', -101, /Kakao Login/, () =>
		run(PARAMS.get({ userId: '9999' })),
	),
	row('Get, a sanctioned channel', -544, /sanctioned/, () =>
		run(PARAMS.get({ channel: rl(SANCTIONED_CHANNEL.publicId) })),
	),
	row('Get, OAuth2 without plusfriends consent', -402, 'Required scopes: ["plusfriends"]', () =>
		run(PARAMS.get({ authentication: 'oAuth2' }), undefined, { token: DEMO_TOKENS.withoutScope }),
	),
	row('Check Many Users, the quota', -10, /quota/, () =>
		failing(PATHS.multi, -10)(PARAMS.checkMany(), [{ id: '1001' }]),
	),
	row('Create, a file name in use', -817, /another file name/, () =>
		run(PARAMS.create({ fileName: DEMO_FILE_NAME })),
	),
	row('Create, a channel with 30 files', -818, /Delete an unused customer file/, () => {
		for (let k = 1; k < 30; k++) emu.seedFile(CHANNEL, `file ${k}`, { 연령: 'number' });
		return run(PARAMS.create());
	}),
	row("Create, a bad parameter, Kakao's msg", -2, 'Kakao said: "schema is broken" (HTTP 400)', () =>
		failing(PATHS.createFile, -2, 'schema is broken')(PARAMS.create()),
	),
	row('Add, an unknown file', -816, /Customer File > Get Many/, () =>
		run(PARAMS.add({ fileId: rl('999', 'id') }), TWO),
	),
	row('Add, a file of another channel', -816, /customer file/, () =>
		run(PARAMS.add({ channel: rl(CHANNEL2) }), TWO),
	),
	row(
		'Add, quota: users not sent',
		-10,
		['quota', '0 user(s) were sent', '2 user(s) were not'],
		() => failing(PATHS.addUsers, -10)(PARAMS.add(), TWO),
	),
	row(
		"Delete, an unknown file, with Kakao's msg",
		-816,
		'Kakao said: "invalid customer file id: 1000" (HTTP 400)',
		() => run(PARAMS.delete({ fileId: rl('1000', 'id') }), [{ id: '1001' }]),
	),
	row(
		'Delete, failing batches: how many users were sent and how many not',
		-816,
		['0 user(s) were sent', '2001 user(s) were not'],
		() => failing(PATHS.deleteUsers, -816)(PARAMS.delete(), users(2001)),
		2,
	),
];

it.each(ROWS)('%s: Kakao %d', async (_name, code, says, run, calls = 1) => {
	const error = expectNodeError(await run(), 'NodeApiError', emu);
	expect(error.message).toBe(`Kakao API error ${code}: ${MEANING[code]}`);
	const status = code === -402 ? '403' : '400'; // a missing consent is Forbidden
	for (const part of [says, `(HTTP ${status})`].flat())
		if (typeof part === 'string') expect(error.description).toContain(part);
		else expect(error.description).toMatch(part);
	expect(error.httpCode).toBe(status);
	expect(error.context?.itemIndex).toBe(0);
	expect(emu.requests).toHaveLength(calls);
});
