// Sandbox: the Kakao API emulator plus a real n8n with our nodes, a credential pointing at the
// emulator and sample workflows, so every operation can be tried without a Kakao business channel.
//   node scripts/sandbox/sandbox.mjs [--port 5678] [--emulator-port 5680] [--flavor 2|1] [--data <dir>]
// Ports also come from N8N_PORT and KAKAO_EMULATOR_PORT (flags win); --data (default
// .n8n-data/sandbox) lets a test run beside a sandbox someone is using.
// Needs dist/ (npm run build) and .build/ (npx tsc -p tsconfig.scripts.json); `npm run sandbox` does both.
// State is recreated on every start in .n8n-data/sandbox/ (the emulator keeps its data in memory).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { ensureRuntime, parseFlavor, REPO_ROOT } from '../n8n/runtime.mjs';
import {
	OWNER,
	freePort,
	importCredentials,
	isWebhookActive,
	linkPackage,
	n8nEnv,
	runCli,
	setupOwnerAndApiKey,
	spawnN8n,
	stopN8n,
	waitForReady,
} from '../n8n/n8n-server.mjs';
import { arg, assertPortFree } from '../n8n/setup.mjs';
import { CREDENTIAL, TRIGGER_PATH, sandboxWorkflows } from './workflows.mjs';

const SANDBOX_DIR = path.resolve(arg('data', path.join(REPO_ROOT, '.n8n-data', 'sandbox')));
const SANDBOX_FILE = path.join(SANDBOX_DIR, 'sandbox.json');
// Test keys of the local emulator, never real Kakao keys; fixed so curl examples keep working.
const EMULATOR_KEYS = { adminKey: 'sandbox-admin-key', restApiKey: 'sandbox-rest-api-key' };
const log = (msg) => console.log(`[sandbox] ${msg}`);

function loadEmulator() {
	const file = path.join(REPO_ROOT, '.build/test/kakao-emulator/index.js');
	if (!fs.existsSync(file))
		throw new Error(`${file} is missing: run npx tsc -p tsconfig.scripts.json`);
	return createRequire(import.meta.url)(file);
}

let emu;
let child;
let stopping = false;
let wroteFile = false;
async function shutdown(code) {
	if (stopping) return;
	stopping = true;
	if (wroteFile) fs.rmSync(SANDBOX_FILE, { force: true }); // send-event then says the sandbox is not running
	await stopN8n(child);
	await emu?.stop();
	process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
	process.on(sig, () => {
		log(`${sig}: stopping n8n and the emulator...`);
		shutdown(0);
	});
}

async function main() {
	const flavor = parseFlavor(process.argv.slice(2));
	const port = Number(arg('port', process.env.N8N_PORT || 5678));
	const emulatorPort = Number(arg('emulator-port', process.env.KAKAO_EMULATOR_PORT || 5680));
	await assertPortFree(port, '--port or N8N_PORT');
	await assertPortFree(emulatorPort, '--emulator-port or KAKAO_EMULATOR_PORT');
	fs.rmSync(SANDBOX_FILE, { force: true }); // left over from a sandbox that did not stop cleanly
	const { KakaoEmulator, seedDemo, DEMO_CHANNELS, DEMO_FILE_NAME } = loadEmulator();

	emu = await KakaoEmulator.start({ port: emulatorPort, ...EMULATOR_KEYS });
	seedDemo(emu);
	const demoFile = emu.files(DEMO_CHANNELS.test.publicId)[0];
	log(
		`Kakao API emulator on ${emu.baseUrl} (demo channels _ZeUTxl and _xnrxjem, users 1001..1010)`,
	);

	const runtime = await ensureRuntime({ flavor });
	fs.rmSync(path.join(SANDBOX_DIR, '.n8n'), { recursive: true, force: true }); // fresh n8n state each start
	fs.mkdirSync(SANDBOX_DIR, { recursive: true });
	const pkg = linkPackage(SANDBOX_DIR);
	const env = n8nEnv({ runtime, userFolder: SANDBOX_DIR, port, brokerPort: await freePort() });
	log(
		`n8n ${flavor}.x with ${pkg.name}@${pkg.version}: importing the credential and sample workflows (about 30 s)...`,
	);

	const { trigger, manual } = sandboxWorkflows({
		fileId: demoFile.file_id,
		fileName: DEMO_FILE_NAME,
	});
	const staging = fs.mkdtempSync(path.join(SANDBOX_DIR, 'import-'));
	for (const wf of [trigger, ...manual])
		fs.writeFileSync(path.join(staging, `${wf.id}.json`), JSON.stringify(wf));
	await runCli(runtime, env, ['import:workflow', '--separate', `--input=${staging}`]);
	fs.rmSync(staging, { recursive: true, force: true });
	// Only the trigger is activated: a workflow with just a Manual Trigger cannot be.
	await runCli(
		runtime,
		env,
		flavor === '1'
			? ['update:workflow', `--id=${trigger.id}`, '--active=true']
			: ['publish:workflow', `--id=${trigger.id}`],
	);
	await importCredentials(runtime, env, [
		{
			...CREDENTIAL,
			type: 'kakaoChannelApi',
			data: { adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl: emu.baseUrl },
		},
	]);

	const logFile = path.join(SANDBOX_DIR, 'n8n.log');
	child = spawnN8n(runtime, env, { logFile });
	child.on('exit', (code, signal) => {
		if (stopping) return;
		console.error(
			`[sandbox] n8n exited (code ${code}, signal ${signal}); last lines of ${logFile}:\n${child.logTail().split('\n').slice(-20).join('\n')}`,
		);
		shutdown(1);
	});
	const n8nUrl = `http://127.0.0.1:${port}`;
	await waitForReady(n8nUrl, child);
	await setupOwnerAndApiKey(n8nUrl);
	// Readiness comes before activation ends; wait until the trigger's URL answers.
	for (let i = 0; !(await isWebhookActive(n8nUrl, TRIGGER_PATH)); i++) {
		if (i > 120) throw new Error('the sample trigger workflow did not become active');
		await new Promise((r) => setTimeout(r, 500));
	}

	const triggerUrl = `${n8nUrl}/webhook/${TRIGGER_PATH}`;
	const testUrl = `${n8nUrl}/webhook-test/${TRIGGER_PATH}`;
	const info = {
		n8nUrl,
		triggerUrl,
		testUrl,
		adminKey: emu.adminKey,
		restApiKey: emu.restApiKey,
		emulatorUrl: emu.baseUrl,
		logFile,
	};
	fs.writeFileSync(SANDBOX_FILE, JSON.stringify(info, null, 2) + '\n');
	wroteFile = true;
	console.log(`[sandbox] ready: ${JSON.stringify({ n8nUrl, testUrl })}`); // a line for scripts that start the sandbox
	console.log(`
  n8n editor      ${n8nUrl}
  log in as       ${OWNER.email} / ${OWNER.password}
  credential      "${CREDENTIAL.name}" -> emulator ${emu.baseUrl}
  workflows       "Sandbox: ..." (open one and click "${flavor === '1' ? 'Test' : 'Execute'} workflow")
  trigger URL     ${triggerUrl}
  send an event   npm run send-event -- added     (or: blocked, --user 1003, --channel _xnrxjem, --legacy)
  test URL        ${testUrl}
                  (listens after "Execute step" on the trigger: npm run send-event -- added --test)
  n8n log         ${path.relative(process.cwd(), logFile)}

  Ctrl+C stops n8n and the emulator.
`);
}

main().catch((e) => {
	console.error(`[sandbox] ${e.message}`);
	shutdown(1); // stops whatever already started
});
