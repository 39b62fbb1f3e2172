// Sends a Kakao Talk Channel add/block webhook exactly as Kakao does (Authorization: KakaoAK <admin
// key>, X-Kakao-Resource-ID, User-Agent KakaoOpenAPI/1.0): to the running sandbox's trigger, or
// with --url and --admin-key to any trigger in any n8n.
import fs from 'node:fs';
import path from 'node:path';

import { REPO_ROOT as ROOT } from '../n8n/runtime.mjs';
import { loadEmulator, loadWebhookSender } from './fixtures.mjs';

const USAGE = `usage: npm run send-event -- added|blocked [options]
  --user <id>          the user's app user ID (default 1001; the sandbox knows 1001 to 1010)
  --channel <id>       the channel's public ID (default _ZeUTxl; the sandbox also has _xnrxjem)
  --legacy             the field names Kakao used before 2021-05-24 (plus_friend_*, timestamp)
  --test               to the sandbox trigger's Test URL (listens after "Execute step" in the editor)
  --url <URL>          any trigger's webhook URL (its Production or Test URL in n8n)
  --admin-key <key>    the admin key of that trigger's credential (with --url)
  --data <dir>         the sandbox's folder (default .n8n-data/sandbox), read for the URL and key
  --help               this text`;

function fail(message) {
	console.error(`[send-event] ${message}\n${USAGE}`);
	process.exit(2);
}

function parseArgs(argv) {
	const opts = { user: '1001', channel: '_ZeUTxl', data: path.join(ROOT, '.n8n-data/sandbox') };
	const values = {
		'--user': 'user',
		'--channel': 'channel',
		'--url': 'url',
		'--admin-key': 'adminKey',
		'--data': 'data',
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split(/=(.*)/s, 2);
		if (flag === '--help' || flag === '-h') {
			console.log(USAGE);
			process.exit(0);
		} else if (values[flag])
			opts[values[flag]] = inline ?? argv[++i] ?? fail(`missing value for ${flag}`);
		else if (flag === '--legacy' || flag === '--test') opts[flag.slice(2)] = true;
		else if (!flag.startsWith('-') && !opts.event) opts.event = flag;
		else fail(`unknown argument ${argv[i]}`);
	}
	if (opts.event !== 'added' && opts.event !== 'blocked')
		fail('the event must be added or blocked');
	if (!opts.url !== !opts.adminKey) fail('--url and --admin-key go together');
	if (opts.url && opts.test)
		fail("--test picks the sandbox's Test URL; with --url give that URL itself");
	return opts;
}

/** Where to send: --url and --admin-key, or the running sandbox's sandbox.json. */
function target(opts) {
	if (opts.url) return { url: opts.url, adminKey: opts.adminKey };
	const file = path.join(path.resolve(opts.data), 'sandbox.json');
	if (!fs.existsSync(file))
		fail(
			`${path.relative(process.cwd(), file)} not found: start the sandbox first (npm run sandbox), or give --url and --admin-key`,
		);
	const sandbox = JSON.parse(fs.readFileSync(file, 'utf8'));
	return { ...sandbox, url: opts.test ? sandbox.testUrl : sandbox.triggerUrl };
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const to = target(opts);
	// The emulator's own sender, so the sandbox and the tests send the same request.
	const { sendWebhook } = loadWebhookSender();
	const { DEMO_CHANNELS } = loadEmulator();
	const channel = Object.values(DEMO_CHANNELS).find((c) => c.publicId === opts.channel);
	const event = {
		event: opts.event,
		id: opts.user,
		id_type: 'app_user_id',
		channel_public_id: opts.channel,
		channel_uuid: channel?.uuid ?? `@${opts.channel}`,
	};
	let result;
	try {
		result = await sendWebhook(to.url, event, to.adminKey, {
			legacy: opts.legacy,
			timeoutMs: 10000,
		});
	} catch (e) {
		console.error(`[send-event] POST ${to.url} failed: ${e.message} (is n8n running?)`);
		process.exit(1);
	}
	console.log(`POST ${to.url}`);
	console.log(
		`  ${opts.event} by user ${opts.user} on ${opts.channel}${opts.legacy ? ' (legacy fields)' : ''}, X-Kakao-Resource-ID ${result.resourceId}`,
	);
	console.log(`HTTP ${result.status} ${result.body || '(empty body)'}`);
	if (opts.test && result.status === 404)
		console.error(
			'The Test URL is not listening: open "Sandbox: Kakao Channel Trigger", open the trigger, click Execute step, then send again within 2 minutes.',
		);
	if (result.status < 200 || result.status > 299) process.exit(1);
	if (opts.test) console.log("The event shows in the trigger's output panel in the editor.");
	else if (to.n8nUrl)
		console.log(`See it in ${to.n8nUrl}: "Sandbox: Kakao Channel Trigger" > Executions.`);
	else console.log("See it in n8n: the trigger's workflow > Executions.");
}

main();
