// npm run bench: the action node in n8n's engine against the emulator (20 ms per call) in
// another process. Prints calls vs the floor, wall time vs the latency floor, the node's CPU
// per user and its extra memory. Targets are in README.md.
import { fork, type ChildProcess } from 'node:child_process';
import { Session } from 'node:inspector';
import * as path from 'node:path';

import { runKakaoNode } from '../../test/support/engine';

const LATENCY_MS = 20;
/** Each scenario runs this often; the table shows the median time and the largest memory. */
const REPEATS = 5;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

interface Ready {
	type: 'ready';
	baseUrl: string;
	adminKey: string;
	restApiKey: string;
	channel: string;
}

function ask<T>(child: ChildProcess, message: object, reply: string): Promise<T> {
	return new Promise((resolve) => {
		const onMessage = (answer: { type: string }) => {
			if (answer.type !== reply) return;
			child.off('message', onMessage);
			resolve(answer as T);
		};
		child.on('message', onMessage);
		child.send(message);
	});
}

interface Row {
	scenario: string;
	users: number;
	calls: number;
	floorCalls: number;
	wallMs: number;
	floorMs: number;
	cpuUsPerUser: number;
	nodeCpuUsPerUser: number;
	extraMb: number;
	ok: boolean;
}

async function measure(
	run: () => Promise<boolean>,
): Promise<{ wallMs: number; cpuUs: number; extraMb: number; ok: boolean }> {
	global.gc?.();
	const baseline = process.memoryUsage();
	let peak = baseline.rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
	const cpu0 = process.cpuUsage();
	const t0 = process.hrtime.bigint();
	const ok = await run();
	const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
	const cpu = process.cpuUsage(cpu0);
	peak = Math.max(peak, process.memoryUsage().rss);
	clearInterval(sampler);
	return { wallMs, cpuUs: cpu.user + cpu.system, extraMb: (peak - baseline.rss) / 2 ** 20, ok };
}

/**
 * CPU spent in this package's own code (self time of functions in nodes/ and credentials/),
 * from a sampling profile of one extra run. The process figure also holds n8n's engine and its
 * HTTP client, which the node calls but does not own.
 */
async function ownCodeCpuUs(run: () => Promise<unknown>): Promise<number> {
	const session = new Session();
	session.connect();
	const post = <T>(method: string, params?: object) =>
		new Promise<T>((resolve, reject) =>
			session.post(method, params ?? {}, (error, result) =>
				error ? reject(error) : resolve(result as T),
			),
		);
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 100 });
	await post('Profiler.start');
	await run();
	const { profile } = await post<{
		profile: {
			nodes: Array<{ id: number; callFrame: { url: string } }>;
			samples: number[];
			timeDeltas: number[];
		};
	}>('Profiler.stop');
	session.disconnect();
	const buildRoot = path.resolve(__dirname, '../..');
	const ownDirs = [
		path.join(buildRoot, 'nodes') + path.sep,
		path.join(buildRoot, 'credentials') + path.sep,
	];
	const own = new Set(
		profile.nodes
			.filter((node) =>
				ownDirs.some((dir) => node.callFrame.url.replace(/^file:\/\//, '').startsWith(dir)),
			)
			.map((node) => node.id),
	);
	let us = 0;
	profile.samples.forEach((id, index) => {
		if (own.has(id)) us += profile.timeDeltas[index] ?? 0;
	});
	return us;
}

async function main(): Promise<void> {
	const child = fork(path.join(__dirname, 'emulator-child.js'), [String(LATENCY_MS)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const emu = await new Promise<Ready>((resolve) =>
		child.once('message', (m: Ready) => resolve(m)),
	);
	await ask(child, { type: 'seed', users: 100_000 }, 'seeded');
	const credentials = {
		kakaoChannelApi: { adminKey: emu.adminKey, restApiKey: emu.restApiKey, baseUrl: emu.baseUrl },
	};
	const channel = { __rl: true, mode: 'id', value: emu.channel };

	const created = await fetch(`${emu.baseUrl}/v1/talkchannel/create/target_user_file`, {
		method: 'POST',
		headers: { Authorization: `KakaoAK ${emu.restApiKey}`, 'Content-Type': 'application/json' },
		body: JSON.stringify({
			channel_public_id: emu.channel,
			file_name: 'bench',
			schema: { 연령: 'number' },
		}),
	});
	const fileId = ((await created.json()) as { file_id: number }).file_id;

	const scenarios = [
		...[1_000, 10_000, 100_000].map((users) => ({
			scenario: 'customerFileUser.add',
			users,
			perCall: 2000,
			path: '/v1/talkchannel/update/target_users',
		})),
		...[1_000, 10_000].map((users) => ({
			scenario: 'relation.checkMany',
			users,
			perCall: 200,
			path: '/v2/api/talk/channels/multi',
		})),
	];
	const parametersFor = (scenario: string) =>
		scenario === 'relation.checkMany'
			? { resource: 'relation', operation: 'checkMany', userId: '={{ $json.id }}' }
			: {
					resource: 'customerFileUser',
					operation: 'add',
					channel,
					fileId: { __rl: true, mode: 'id', value: String(fileId) },
					userType: 'app',
					userId: '={{ $json.id }}',
					fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
				};

	// Warm-up: the first run pays for JIT and module loading, which no user run repeats.
	await runKakaoNode({
		parameters: parametersFor('customerFileUser.add'),
		items: makeItems(4000),
		credentials,
	});
	await runKakaoNode({
		parameters: parametersFor('relation.checkMany'),
		items: makeItems(400),
		credentials,
	});

	const rows: Row[] = [];
	for (const { scenario, users, perCall, path: apiPath } of scenarios) {
		const items = makeItems(users);
		const runs: Array<Awaited<ReturnType<typeof measure>> & { calls: number }> = [];
		for (let repeat = 0; repeat < REPEATS; repeat++) {
			await ask(child, { type: 'clear' }, 'cleared');
			const result = await measure(async () => {
				const { output, error } = await runKakaoNode({
					parameters: parametersFor(scenario),
					items,
					credentials,
				});
				if (error) throw error;
				return scenario === 'relation.checkMany'
					? output?.length === users
					: output?.[0]?.json.users_sent === users && output?.[0]?.json.request_count === users;
			});
			const stats = await ask<{ byPath: Record<string, number> }>(
				child,
				{ type: 'stats' },
				'stats',
			);
			runs.push({ ...result, calls: stats.byPath[apiPath] ?? 0 });
		}
		const nodeCpuUs = await ownCodeCpuUs(() =>
			runKakaoNode({ parameters: parametersFor(scenario), items, credentials }),
		);
		const floorCalls = Math.ceil(users / perCall);
		rows.push({
			scenario,
			users,
			calls: Math.max(...runs.map((run) => run.calls)),
			floorCalls,
			wallMs: median(runs.map((run) => run.wallMs)),
			floorMs: floorCalls * LATENCY_MS,
			cpuUsPerUser: median(runs.map((run) => run.cpuUs)) / users,
			nodeCpuUsPerUser: nodeCpuUs / users,
			extraMb: Math.max(...runs.map((run) => run.extraMb)),
			ok: runs.every((run) => run.ok),
		});
	}
	child.send({ type: 'stop' });
	printTable(rows);
	if (rows.some((row) => !row.ok)) process.exitCode = 1;
}

function makeItems(count: number) {
	return Array.from({ length: count }, (_, i) => ({ id: String(i + 1), age: 20 + (i % 50) }));
}

function printTable(rows: Row[]): void {
	const header =
		'operation|users|calls|floor|wall ms|latency floor ms|wall/floor|node CPU us/user|process CPU us/user|extra MB|output ok'.split(
			'|',
		);
	console.log(
		`Kakao Channel action node, ${LATENCY_MS} ms emulated latency per call, median of ${REPEATS} runs, Node ${process.version}`,
	);
	console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
	for (const row of rows)
		console.log(
			`| ${row.scenario} | ${row.users.toLocaleString('en-US')} | ${row.calls} | ${row.floorCalls} | ${row.wallMs.toFixed(0)} | ${row.floorMs} | ${(row.wallMs / row.floorMs).toFixed(2)} | ${row.nodeCpuUsPerUser.toFixed(2)} | ${row.cpuUsPerUser.toFixed(2)} | ${row.extraMb.toFixed(1)} | ${row.ok ? 'yes' : 'NO'} |`,
		);
	console.log(
		"node CPU: self time in this package's code (sampling profile of one extra run); process CPU: the whole benchmark process, including n8n's engine and HTTP client; extra MB: peak RSS over the RSS before the run.",
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
