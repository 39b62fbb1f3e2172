// Starts n8n in queue mode with this package, for trying it by hand (`npm run start:queue`):
// Redis, Postgres, one main process (editor at --port, default 5678), two webhook processes
// behind a round-robin proxy (production webhook URLs, --proxy-port, default 5680) and a worker.
// Needs redis-server and postgresql (scripts/ci/install-debian.sh). Data persists in
// .n8n-data/queue/ (Postgres cluster and each process's user folder); Ctrl+C stops everything.
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './runtime.mjs';
import { startQueue } from './queue.mjs';
import { missingServices } from './services.mjs';

function arg(name, fallback) {
	const argv = process.argv.slice(2);
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return fallback;
	return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
}

async function main() {
	const missing = missingServices();
	if (missing.length) throw new Error(`queue mode needs ${missing.join(' and ')}`);
	const dir = path.resolve(
		process.env.N8N_QUEUE_DATA || path.join(REPO_ROOT, '.n8n-data', 'queue'),
	);
	fs.mkdirSync(dir, { recursive: true });
	// The processes must share one encryption key; keep it with the data so restarts can decrypt.
	const keyFile = path.join(dir, 'encryption-key');
	if (!fs.existsSync(keyFile))
		fs.writeFileSync(keyFile, (await import('node:crypto')).randomBytes(24).toString('base64url'), {
			mode: 0o600,
		});
	const encryptionKey = fs.readFileSync(keyFile, 'utf8').trim();
	console.log(
		`[start:queue] starting Redis, Postgres and 4 n8n processes (data in ${dir}); the first start takes a few minutes`,
	);
	const t0 = Date.now();
	const q = await startQueue({
		dir,
		encryptionKey,
		mainPort: Number(arg('port', 5678)),
		proxyPort: Number(arg('proxy-port', 5680)),
	});
	let stopping = false;
	const stop = async (why) => {
		if (stopping) return;
		stopping = true;
		console.log(`[start:queue] ${why}: stopping...`);
		await q.stop();
		process.exit(0);
	};
	for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stop(sig));
	for (const proc of [q.main, ...q.webhooks, q.worker]) {
		proc.child.on('exit', (code) =>
			stop(`${proc.role} exited (code ${code}), see ${proc.logFile}`),
		);
	}
	console.log(`
[start:queue] ready in ${((Date.now() - t0) / 1000).toFixed(0)} s
  editor (main process)        ${q.main.url}
  production webhooks (proxy)  ${q.publicUrl}/webhook/...  ->  ${q.webhooks.map((w) => w.url).join(', ')}
  worker health                ${q.worker.url}/healthz/readiness
  Redis 127.0.0.1:${q.redis.port}, Postgres 127.0.0.1:${q.postgres.port} (database n8n, user n8n)
  logs                         ${[q.main, ...q.webhooks, q.worker].map((p) => path.relative(process.cwd(), p.logFile)).join(', ')}
Import examples/trigger-remove-duplicates.json to try the duplicate recipe. Ctrl+C stops everything.
`);
}

main().catch((e) => {
	console.error(`[start:queue] ${e.message}`);
	process.exit(1);
});
