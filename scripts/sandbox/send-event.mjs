// Sends a Kakao Talk Channel add/block webhook to the running sandbox's trigger, exactly as Kakao
// does (Authorization: KakaoAK <admin key>, X-Kakao-Resource-ID, User-Agent KakaoOpenAPI/1.0).
//   node scripts/sandbox/send-event.mjs added|blocked [--user 1001] [--channel _ZeUTxl] [--legacy] [--test] [--data <dir>]
// --test posts to the Test URL, which n8n serves only while the editor listens (Execute step).
// --legacy sends the field names Kakao used before 2021-05-24 (plus_friend_*, timestamp).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE =
	'usage: npm run send-event -- added|blocked [--user 1001] [--channel _ZeUTxl] [--legacy] [--test] [--data <dir>]';

function parseArgs(argv) {
	const opts = {
		user: '1001',
		channel: '_ZeUTxl',
		legacy: false,
		test: false,
		data: path.join(ROOT, '.n8n-data/sandbox'),
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=', 2);
		const value = () => inline ?? argv[++i] ?? fail(`missing value for ${flag}`);
		if (flag === '--user') opts.user = value();
		else if (flag === '--channel') opts.channel = value();
		else if (flag === '--legacy') opts.legacy = true;
		else if (flag === '--test') opts.test = true;
		else if (flag === '--data') opts.data = path.resolve(value());
		else if (!flag.startsWith('-') && !opts.event) opts.event = flag;
		else fail(`unknown argument ${argv[i]}`);
	}
	if (opts.event !== 'added' && opts.event !== 'blocked')
		fail('the event must be added or blocked');
	return opts;
}

function fail(message) {
	console.error(`[send-event] ${message}\n${USAGE}`);
	process.exit(2);
}

async function main() {
	const opts = parseArgs(process.argv.slice(2));
	const SANDBOX_FILE = path.join(opts.data, 'sandbox.json');
	if (!fs.existsSync(SANDBOX_FILE))
		fail(
			`${path.relative(process.cwd(), SANDBOX_FILE)} not found: start the sandbox first (npm run sandbox)`,
		);
	const sandbox = JSON.parse(fs.readFileSync(SANDBOX_FILE, 'utf8'));
	// The emulator's own sender, so the sandbox and the tests send the same request.
	const load = (file) =>
		createRequire(import.meta.url)(path.join(ROOT, '.build/test/kakao-emulator', file));
	const { sendWebhook } = load('webhook.js');
	const { DEMO_CHANNELS } = load('seed.js');
	const channel = Object.values(DEMO_CHANNELS).find((c) => c.publicId === opts.channel);
	const event = {
		event: opts.event,
		id: opts.user,
		id_type: 'app_user_id',
		channel_public_id: opts.channel,
		channel_uuid: channel?.uuid ?? `@${opts.channel}`,
	};

	const url = opts.test ? sandbox.testUrl : sandbox.triggerUrl;
	let result;
	try {
		result = await sendWebhook(url, event, sandbox.adminKey, {
			legacy: opts.legacy,
			timeoutMs: 10000,
		});
	} catch (e) {
		console.error(`[send-event] POST ${url} failed: ${e.message} (is the sandbox still running?)`);
		process.exit(1);
	}
	console.log(`POST ${url}`);
	console.log(
		`  ${opts.event} by user ${opts.user} on ${opts.channel}${opts.legacy ? ' (legacy fields)' : ''}, X-Kakao-Resource-ID ${result.resourceId}`,
	);
	console.log(`HTTP ${result.status} ${result.body || '(empty body)'}`);
	if (opts.test && result.status === 404) {
		console.error(
			'The Test URL is not listening: open "Sandbox: Kakao Channel Trigger", open the trigger, click Execute step, then send again within 2 minutes.',
		);
	}
	if (result.status < 200 || result.status > 299) process.exit(1);
	if (opts.test) console.log("The event shows in the trigger's output panel in the editor.");
	else console.log(`See it in ${sandbox.n8nUrl}: "Sandbox: Kakao Channel Trigger" > Executions.`);
}

main();
