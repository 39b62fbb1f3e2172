// Sandbox: the Kakao API emulator plus a real n8n with our nodes, the owner account, a credential
// pointing at the emulator and sample workflows, so every operation can be tried without a Kakao
// business channel; --help prints the options. --data lets a test run beside a sandbox someone
// is using. The emulator keeps its data in memory. Needs dist/ and .build/ (`npm run sandbox`
// builds both).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { OWNER, startN8n } from '../n8n/n8n-server.mjs';
import {
	arg,
	assertPortsFree,
	exitWithHelpIfAsked,
	flavorOption,
	resolvePorts,
} from '../n8n/options.mjs';
import { stopOnSignal } from '../n8n/process.mjs';
import { startQueue } from '../n8n/queue.mjs';
import { REPO_ROOT } from '../n8n/runtime.mjs';
import { assertQueueServices, queueSummary, readyLine, shown } from '../n8n/start.mjs';
import { loadEmulator } from './fixtures.mjs';
import { apiCredential, CREDENTIAL, sandboxWorkflows, TRIGGER_PATH } from './workflows.mjs';

// Test keys of the local emulator, never real Kakao keys; fixed so curl examples keep working.
const EMULATOR_KEYS = { adminKey: 'sandbox-admin-key', restApiKey: 'sandbox-rest-api-key' };
export const DEFAULT_DATA = path.join(REPO_ROOT, '.n8n-data', 'sandbox');

/**
 * Starts the emulator (or uses `emulator`, already seeded) and n8n, single or `queue`, seeded with
 * the owner, the credential and the sample workflows (plus `workflows` and `credentials`), and
 * writes <data>/sandbox.json for send-event. Returns { emu, n8n, info, stop }.
 */
export async function startSandbox({
	queue = false,
	flavor = '2',
	ports,
	data = DEFAULT_DATA,
	emulator,
	workflows = [],
	credentials = [],
	packageTarball,
	env = {},
}) {
	const sandboxFile = path.join(data, 'sandbox.json');
	fs.rmSync(sandboxFile, { force: true }); // left over from a sandbox that did not stop cleanly
	const { KakaoEmulator, seedDemo, DEMO_CHANNELS, DEMO_FILE_NAME } = loadEmulator();
	const emu = emulator ?? (await KakaoEmulator.start({ port: ports.emulator, ...EMULATOR_KEYS }));
	if (!emulator) seedDemo(emu);
	const demoFile = emu.files(DEMO_CHANNELS.test.publicId)[0];
	const { trigger, manual } = sandboxWorkflows({
		fileId: demoFile.file_id,
		fileName: DEMO_FILE_NAME,
	});
	const seed = {
		flavor,
		workflows: [trigger, ...manual, ...workflows],
		credentials: [apiCredential(emu), ...credentials],
		packageTarball,
		env,
	};
	let n8n;
	try {
		if (queue) {
			fs.rmSync(path.join(data, 'queue'), { recursive: true, force: true }); // fresh each start
			n8n = await startQueue({ ...seed, dir: path.join(data, 'queue'), ports });
			await n8n.waitForWebhookPath(TRIGGER_PATH);
		} else {
			fs.mkdirSync(data, { recursive: true });
			const where = { userFolder: data, port: ports.main, brokerPort: ports.mainBroker };
			n8n = await startN8n({ ...seed, ...where, keepUserFolder: true });
		}
	} catch (e) {
		if (!emulator) await emu.stop();
		throw e;
	}
	const n8nUrl = queue ? n8n.main.url : n8n.baseUrl;
	const info = {
		queue,
		n8nUrl,
		// Sign-in that lands on the first sample workflow (n8n follows ?redirect after login).
		openUrl: `${n8nUrl}/signin?redirect=${encodeURIComponent(`/workflow/${manual[0].id}`)}`,
		firstWorkflow: manual[0].name,
		triggerUrl: `${queue ? n8n.publicUrl : n8nUrl}/webhook/${TRIGGER_PATH}`,
		testUrl: `${n8nUrl}/webhook-test/${TRIGGER_PATH}`,
		adminKey: emu.adminKey,
		restApiKey: emu.restApiKey,
		emulatorUrl: emu.baseUrl,
		logFile: queue ? n8n.main.logFile : n8n.logFile,
	};
	fs.writeFileSync(sandboxFile, JSON.stringify(info, null, 2) + '\n');
	return {
		emu,
		n8n,
		info,
		stop: async () => {
			fs.rmSync(sandboxFile, { force: true }); // send-event then says the sandbox is not running
			await n8n.stop();
			if (!emulator) await emu.stop();
		},
	};
}

async function main() {
	const t0 = Date.now();
	const queue = process.argv.includes('--queue');
	const ports = resolvePorts();
	if (queue) assertQueueServices();
	const keys = queue
		? Object.keys(ports).filter((k) => k !== 'mainBroker')
		: ['main', 'mainBroker', 'emulator'];
	await assertPortsFree(ports, keys);
	console.log(`[sandbox] Kakao API emulator on 127.0.0.1:${ports.emulator} (demo channels _ZeUTxl and _xnrxjem, users 1001..1010)
[sandbox] n8n${queue ? ' in queue mode (Redis, Postgres, main, 2 webhook processes, worker)' : ''}: importing the credential and sample workflows, then starting (about ${queue ? 90 : 30} s once installed)...`);
	let sandbox;
	const stop = stopOnSignal('[sandbox]', () => sandbox?.stop());
	const data = path.resolve(arg('data', DEFAULT_DATA));
	sandbox = await startSandbox({ queue, flavor: flavorOption(), ports, data });
	const { info, n8n } = sandbox;
	for (const child of queue ? n8n.processes.map((p) => p.child) : [n8n.process])
		child.on('exit', (code) => stop(`n8n exited (code ${code}); see ${info.logFile}`, 1));
	const runtime = queue ? n8n.runtime : { installed: n8n.installed };
	const dataFlag = data === DEFAULT_DATA ? '' : ` --data ${shown(data)}`;
	console.log(`[sandbox] ready: ${JSON.stringify({ n8nUrl: info.n8nUrl, testUrl: info.testUrl })}`); // for scripts that start the sandbox
	console.log(`
[sandbox] ${readyLine(t0, runtime)}
  open            ${info.openUrl}
                  (signs you in on "${info.firstWorkflow}"; the other samples: the house icon, Overview, in the left bar)
  log in as       ${OWNER.email} / ${OWNER.password}
  run a sample    click "${flavorOption() === '1' ? 'Test' : 'Execute'} workflow" at the bottom of the canvas
  credential      "${CREDENTIAL.name}" -> emulator ${info.emulatorUrl}
  trigger URL     ${info.triggerUrl}
  send an event   npm run send-event -- added${dataFlag}     (or: blocked, --user 1003, --channel _xnrxjem, --legacy)
  test URL        ${info.testUrl}
                  (listens after "Execute step" on the trigger: npm run send-event -- added --test${dataFlag})
${queue ? queueSummary(n8n) : `  n8n log         ${shown(info.logFile)}`}
  Ctrl+C stops n8n and the emulator.
`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	exitWithHelpIfAsked(`usage: npm run sandbox -- [--queue] [--flavor 2|1] [--port 5678] [--data <dir>] [port flags]
  n8n with a Kakao API emulator, a credential for it and sample workflows; no Kakao account needed.
  --queue        queue mode (Redis, Postgres, main, 2 webhook processes, a worker), seeded the same
  --flavor 2|1   n8n 2.41.1 (default) or 1.123.81
  --data <dir>   its folder (default .n8n-data/sandbox), recreated at every start`);
	main().catch((e) => {
		console.error(`[sandbox] ${e.message}`);
		process.exit(1);
	});
}
