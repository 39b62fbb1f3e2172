// Measures `npm run dev`'s edit-to-reload time: starts scripts/n8n/dev.mjs on a fresh data folder,
// then, several times, appends a marker to the Kakao Channel node's description in the .ts source
// and times how long until n8n's own node list (/types/nodes.json) serves the new description.
// The source file is restored afterwards. Prints one line per round and the median.
//   node scripts/n8n/dev-reload-time.mjs [--flavor 2|1] [--rounds 5]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, setupOwnerAndApiKey } from './n8n-server.mjs';
import { parseFlavor, REPO_ROOT } from './runtime.mjs';

const argv = process.argv.slice(2);
const roundsAt = argv.indexOf('--rounds');
const rounds = roundsAt < 0 ? 5 : Number(argv[roundsAt + 1]);
const flavor = parseFlavor(argv);
const source = path.join(REPO_ROOT, 'nodes', 'KakaoChannel', 'KakaoChannel.node.ts');
const original = fs.readFileSync(source, 'utf8');
const anchor = "description: 'Check Kakao Talk Channel relations and manage channel customer files";
if (!original.includes(anchor))
	throw new Error(`${source} no longer has the description this script edits`);

const port = await freePort();
const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-dev-reload-'));
const dev = spawn(
	process.execPath,
	[path.join(REPO_ROOT, 'scripts/n8n/dev.mjs'), '--flavor', flavor, '--port', String(port)],
	{
		env: { ...process.env, N8N_USER_FOLDER: userFolder },
		stdio: ['ignore', 'pipe', 'inherit'],
	},
);
const restore = () => fs.writeFileSync(source, original);
process.on('exit', restore);

const ready = new Promise((resolve, reject) => {
	dev.on('exit', (code) => reject(new Error(`dev.mjs exited with code ${code}`)));
	dev.stdout.on('data', (chunk) => {
		if (String(chunk).includes('[dev] n8n') && String(chunk).includes('is ready')) resolve();
	});
});
await ready;
// n8n subscribes its file watchers just after it reports ready; give it a moment.
await new Promise((resolve) => setTimeout(resolve, 5000));

const base = `http://127.0.0.1:${port}`;
const { cookie } = await setupOwnerAndApiKey(base);
async function description() {
	const res = await fetch(`${base}/types/nodes.json`, {
		headers: { cookie, 'browser-id': 'n8n-e2e-browser' },
	});
	const text = await res.text();
	try {
		return (
			JSON.parse(text).find((node) => node.name === 'n8n-nodes-kakao-channel.kakaoChannel')
				?.description ?? ''
		);
	} catch {
		return ''; // n8n rewrites the file during a reload; read it again
	}
}
async function timeUntil(predicate) {
	const started = performance.now();
	while (!predicate(await description())) {
		if (performance.now() - started > 60000) throw new Error('n8n did not reload within 60 s');
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	return performance.now() - started;
}

const times = [];
try {
	for (let round = 1; round <= rounds; round++) {
		const marker = `reload-${round}-${Date.now()}`;
		fs.writeFileSync(source, original.replace(anchor, `${anchor} ${marker}`));
		const ms = await timeUntil((text) => text.includes(marker));
		times.push(ms);
		console.log(`round ${round}: edit visible in n8n after ${Math.round(ms)} ms`);
		restore();
		await timeUntil((text) => !text.includes(marker) && text !== '');
	}
} finally {
	restore();
	dev.kill('SIGINT');
	await new Promise((resolve) => dev.once('exit', resolve));
	fs.rmSync(userFolder, { recursive: true, force: true });
}
const sorted = [...times].sort((a, b) => a - b);
console.log(
	`n8n ${flavor}.x, ${rounds} rounds: median ${Math.round(sorted[Math.floor(sorted.length / 2)])} ms, min ${Math.round(sorted[0])} ms, max ${Math.round(sorted.at(-1))} ms`,
);
