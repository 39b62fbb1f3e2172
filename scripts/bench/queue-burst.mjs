// Bursts of 50 simultaneous Kakao deliveries: one n8n process (regular mode, SQLite) against
// queue mode (two webhook processes behind a round-robin proxy, a worker, Redis, Postgres), on
// the same machine, one after the other. Prints p50/p99/max answer latency per setup.
//   npm run bench:queue [-- --bursts 3 --size 50]
// Needs redis-server and postgresql (scripts/ci/install-debian.sh).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { startN8n } from '../n8n/n8n-server.mjs';
import { burstLatencies, startQueue } from '../n8n/queue.mjs';
import { apiCredential, triggerWorkflow } from '../sandbox/workflows.mjs';
import { SAMPLE_EVENT as event } from './webhook-measure.mjs';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const bursts = arg('bursts', 3);
const size = arg('size', 50);
const adminKey = 'bench-admin-key-0123456789abcdef';
const credentials = [
	apiCredential({ adminKey, restApiKey: 'bench-rest-key', baseUrl: 'http://127.0.0.1:9' }),
];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function measure(label, baseUrl, webhookPath, countExecutions) {
	const rows = [];
	for (let b = 0; b < bursts; b++) {
		const before = await countExecutions();
		const headersFor = (i) => ({
			authorization: `KakaoAK ${adminKey}`,
			'x-kakao-resource-id': `${label}-${b}-${i}`,
			'user-agent': 'KakaoOpenAPI/1.0',
		});
		const figures = await burstLatencies(baseUrl, webhookPath, event, headersFor, size);
		// Let every run finish before the next burst, so bursts do not overlap.
		const deadline = Date.now() + 180000;
		let done = await countExecutions();
		while (done < before + size && Date.now() < deadline) {
			await sleep(500);
			done = await countExecutions();
		}
		rows.push({ ...figures, executions: done - before });
		console.error(`[bench] ${label} burst ${b + 1}: ${JSON.stringify(rows.at(-1))}`);
		await sleep(2000);
	}
	return rows;
}

async function single(work) {
	const trigger = triggerWorkflow();
	const n8n = await startN8n({
		workflows: [trigger.workflow],
		credentials,
		userFolder: path.join(work, 'single'),
	});
	try {
		const count = async () => (await n8n.finished(trigger.workflow.id)).length;
		return await measure('single', n8n.baseUrl, trigger.path, count);
	} finally {
		await n8n.stop();
	}
}

async function queue(work) {
	const trigger = triggerWorkflow();
	const q = await startQueue({
		dir: path.join(work, 'queue'),
		workflows: [trigger.workflow],
		credentials,
	});
	try {
		await q.waitForWebhookPath(trigger.path);
		return await measure(
			'queue',
			q.publicUrl,
			trigger.path,
			async () => (await q.finished(trigger.workflow.id)).length,
		);
	} finally {
		await q.stop();
	}
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kakao-bench-queue-'));
try {
	const results = {
		'one process (regular mode)': await single(work),
		'queue: 2 webhook processes + worker': await queue(work),
	};
	console.log(
		`\n${bursts} bursts of ${size} simultaneous signed deliveries, answer latency in ms (n8n 2.41.1, ${os.cpus().length} cores)\n`,
	);
	console.log('| setup | burst | p50 | p99 | max | answers | executions |');
	console.log('|---|---|---|---|---|---|---|');
	for (const [setup, rows] of Object.entries(results)) {
		rows.forEach((r, i) =>
			console.log(
				`| ${setup} | ${i + 1} | ${r.p50} | ${r.p99} | ${r.max} | ${JSON.stringify(r.statuses)} | ${r.executions} |`,
			),
		);
	}
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
