// npm run bench: the action node in n8n's engine against the emulator (20 ms per call) in
// another process. Prints calls vs the floor, wall time vs the latency floor, the node's CPU
// per user and its extra memory. Targets are in README.md.
import { fork, type ChildProcess } from 'node:child_process';
import { Session } from 'node:inspector';
import * as path from 'node:path';

import type { IDataObject } from 'n8n-workflow';

import { runKakaoNode } from '../../test/support/engine';

const LATENCY_MS = 20;
/** Each scenario runs this often; the table shows the median time and the largest memory. */
const REPEATS = 5;

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

interface Ready {
	baseUrl: string;
	adminKey: string;
	restApiKey: string;
	channel: string;
}

/** Sends `type` to the emulator's process and waits for its answer to it. */
function ask<T>(child: ChildProcess, type: string, more: object = {}): Promise<T> {
	return new Promise((resolve) => {
		const onMessage = (answer: { type: string }) => {
			if (answer.type !== type) return;
			child.off('message', onMessage);
			resolve(answer as T);
		};
		child.on('message', onMessage);
		child.send({ type, ...more });
	});
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
	const emu = await new Promise<Ready>((resolve) => child.once('message', resolve));
	const { fileId } = await ask<{ fileId: number }>(child, 'seed', { users: 100_000 });
	const { adminKey, restApiKey, baseUrl } = emu;
	const credentials = { kakaoChannelApi: { adminKey, restApiKey, baseUrl } };
	const channel = { __rl: true, mode: 'id', value: emu.channel };
	const add = {
		...{ resource: 'customerFileUser', operation: 'add', channel, userType: 'app' },
		fileId: { __rl: true, mode: 'id', value: String(fileId) },
		userId: '={{ $json.id }}',
		fields: { field: [{ name: '연령', value: '={{ $json.age }}' }] },
	};
	const checkMany = { resource: 'relation', operation: 'checkMany', userId: '={{ $json.id }}' };
	const scenarios = [
		{
			...{ operation: 'customerFileUser.add', parameters: add, users: [1_000, 10_000, 100_000] },
			...{ perCall: 2000, apiPath: '/v1/talkchannel/update/target_users' },
			isRight: ([summary]: IDataObject[], n: number) =>
				summary?.users_sent === n && summary?.request_count === n,
		},
		{
			...{ operation: 'relation.checkMany', parameters: checkMany, users: [1_000, 10_000] },
			...{ perCall: 200, apiPath: '/v2/api/talk/channels/multi' },
			isRight: (output: IDataObject[], n: number) => output.length === n,
		},
	];
	const run = async (parameters: IDataObject, items: IDataObject[]) => {
		const { output, error } = await runKakaoNode({ parameters, items, credentials });
		if (error) throw error;
		return (output ?? []).map((item) => item.json);
	};
	// Warm-up: the first run pays for JIT and module loading, which no user run repeats.
	await run(add, makeItems(4000));
	await run(checkMany, makeItems(400));
	const rows: Array<Array<string | number>> = [];
	let allOk = true;
	for (const { operation, parameters, perCall, apiPath, isRight, ...scenario } of scenarios)
		for (const users of scenario.users) {
			const items = makeItems(users);
			const runs: Array<Awaited<ReturnType<typeof measure>> & { calls: number }> = [];
			for (let repeat = 0; repeat < REPEATS; repeat++) {
				await ask(child, 'clear');
				const result = await measure(async () => isRight(await run(parameters, items), users));
				const stats = await ask<{ byPath: Record<string, number> }>(child, 'stats');
				runs.push({ ...result, calls: stats.byPath[apiPath] ?? 0 });
			}
			const nodeCpuUs = await ownCodeCpuUs(() => run(parameters, items));
			const floor = Math.ceil(users / perCall);
			const [wallMs, cpuUs] = [median(runs.map((r) => r.wallMs)), median(runs.map((r) => r.cpuUs))];
			const ok = runs.every((r) => r.ok);
			allOk &&= ok;
			const calls = Math.max(...runs.map((r) => r.calls));
			const extraMb = Math.max(...runs.map((r) => r.extraMb)).toFixed(1);
			const perUser = (us: number) => (us / users).toFixed(2);
			const floorMs = floor * LATENCY_MS;
			const wall = [wallMs.toFixed(0), floorMs, (wallMs / floorMs).toFixed(2)];
			const cpu = [perUser(nodeCpuUs), perUser(cpuUs)];
			rows.push([
				operation,
				users.toLocaleString('en-US'),
				calls,
				floor,
				...wall,
				...cpu,
				extraMb,
				ok ? 'yes' : 'NO',
			]);
		}
	child.send({ type: 'stop' });
	const header =
		'operation|users|calls|floor|wall ms|latency floor ms|wall/floor|node CPU us/user|process CPU us/user|extra MB|output ok';
	console.log(
		`Kakao Channel action node, ${LATENCY_MS} ms emulated latency per call, median of ${REPEATS} runs, Node ${process.version}`,
	);
	for (const cells of [header.split('|'), header.split('|').map(() => '---'), ...rows])
		console.log(`| ${cells.join(' | ')} |`);
	console.log(
		"node CPU: self time in this package's code (sampling profile of one extra run); process CPU: the whole benchmark process, including n8n's engine and HTTP client; extra MB: peak RSS over the RSS before the run.",
	);
	if (!allOk) process.exitCode = 1;
}

function makeItems(count: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({ id: String(i + 1), age: 20 + (i % 50) }));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
