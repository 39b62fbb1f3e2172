// npm run bench:queue [-- --bursts 3 --size 50]: bursts of simultaneous Kakao deliveries to one n8n
// process (regular mode, SQLite), then to queue mode (two webhook processes behind a round-robin
// proxy, a worker, Redis, Postgres), on the same machine one after the other. Prints the answer
// latency per burst. Needs redis-server and postgresql (scripts/ci/install-debian.sh).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Pool } from 'undici';

import { startN8n } from '../n8n/n8n-server.mjs';
import { arg } from '../n8n/options.mjs';
import { startQueue } from '../n8n/queue.mjs';
import { loadKakaoWebhook } from '../sandbox/fixtures.mjs';
import { apiCredential, triggerWorkflow } from '../sandbox/workflows.mjs';
import { burst, fmt, markdownTable, newStats, summarize } from './load.mjs';

const [bursts, size] = [Number(arg('bursts', 3)), Number(arg('size', 50))];
const adminKey = 'bench-admin-key-0123456789abcdef';
const credentials = [
	apiCredential({ adminKey, restApiKey: 'bench-rest-key', baseUrl: 'http://127.0.0.1:9' }),
];
const body = JSON.stringify(loadKakaoWebhook().SAMPLE_EVENT);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `bursts` bursts into `n8n` (started with the trigger workflow); a table row per burst. */
async function measure(setup, n8n, baseUrl, trigger) {
	const dispatcher = new Pool(baseUrl, { connections: size });
	const finished = async () => (await n8n.finished(trigger.workflow.id)).length;
	const rows = [];
	try {
		for (let b = 1; b <= bursts; b++) {
			const before = await finished();
			const stats = newStats();
			await burst({ dispatcher, path: `/webhook/${trigger.path}`, body, adminKey, stats, size });
			// Every run finishes before the next burst, so bursts do not overlap.
			for (
				const deadline = Date.now() + 180000;
				(await finished()) < before + size && Date.now() < deadline;

			)
				await sleep(500);
			const s = summarize(stats);
			const answers =
				s.errors && Object.keys(s.errors).length
					? `${s.ok} 2xx, ${JSON.stringify(s.errors)}`
					: `${s.ok} 2xx`;
			rows.push([
				setup,
				b,
				fmt(s.p50),
				fmt(s.p99),
				fmt(s.max),
				answers,
				(await finished()) - before,
			]);
			console.error(`[bench:queue] ${rows.at(-1).join(' | ')}`);
			await sleep(2000);
		}
	} finally {
		await dispatcher.destroy();
		await n8n.stop();
	}
	return rows;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-bench-queue-'));
try {
	const trigger = triggerWorkflow();
	const single = await startN8n({
		workflows: [trigger.workflow],
		credentials,
		userFolder: path.join(work, 'single'),
	});
	const rows = await measure('one process (regular mode)', single, single.baseUrl, trigger);
	const q = await startQueue({
		dir: path.join(work, 'queue'),
		workflows: [trigger.workflow],
		credentials,
	});
	await q.waitForWebhookPath(trigger.path);
	rows.push(...(await measure('queue: 2 webhook processes + worker', q, q.publicUrl, trigger)));
	console.log(
		`\n${bursts} bursts of ${size} simultaneous signed deliveries, answer latency in ms (n8n 2.41.1, ${os.cpus().length} cores)\n`,
	);
	console.log(markdownTable('setup|burst|p50|p99|max|answers|executions', rows));
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
