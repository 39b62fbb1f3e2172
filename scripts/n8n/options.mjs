// The command-line options `npm start`, `start:queue`, the sandbox and `npm run dev` share: the
// n8n version (--flavor) and the ports.
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The value of `--name value` or `--name=value` on the command line, or `fallback`. */
export function arg(name, fallback, argv = process.argv.slice(2)) {
	const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
	if (i < 0) return fallback;
	return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
}

/** --flavor 2 (n8n 2.41.1, the default) or 1 (1.123.81); N8N_FLAVOR when no flag is given. */
export const flavorOption = (argv) => String(arg('flavor', process.env.N8N_FLAVOR || '2', argv));

/**
 * Every port `npm start`, `start:queue` and the sandbox listen on, all on 127.0.0.1: a block from
 * --port (5678). Each has its own flag and variable; a flag wins over the variable, and anything
 * not set is --port plus its offset (its index here). README's ports table lists the same.
 */
export const PORTS = [
	['main', 'port', 'N8N_PORT', 'n8n (main in queue mode): editor, REST API, webhooks'],
	['mainBroker', 'broker-port', 'N8N_RUNNERS_BROKER_PORT', 'task broker (not in queue mode)'],
	['emulator', 'emulator-port', 'KAKAO_EMULATOR_PORT', 'Kakao API emulator (sandbox)'],
	['proxy', 'proxy-port', 'N8N_PROXY_PORT', 'queue: webhook proxy, the public webhook URL'],
	['webhook1', 'webhook-port', 'N8N_WEBHOOK_PORT', 'queue: webhook process 1'],
	['webhook2', 'webhook2-port', 'N8N_WEBHOOK2_PORT', 'queue: webhook process 2'],
	['worker', 'worker-port', 'QUEUE_HEALTH_CHECK_PORT', 'queue: worker health check'],
	['workerBroker', 'worker-broker-port', 'N8N_WORKER_BROKER_PORT', 'queue: task broker (worker)'],
	['redis', 'redis-port', 'QUEUE_BULL_REDIS_PORT', 'queue: Redis'],
	['postgres', 'postgres-port', 'DB_POSTGRESDB_PORT', 'queue: Postgres'],
];

export function resolvePorts(argv = process.argv.slice(2), env = process.env) {
	const base = Number(arg('port', env.N8N_PORT || 5678, argv));
	return Object.fromEntries(
		PORTS.map(([key, flag, variable], offset) => {
			const value = Number(arg(flag, env[variable] || base + offset, argv));
			if (!Number.isInteger(value) || value < 1 || value > 65535)
				throw new Error(`--${flag} (or ${variable}) must be a port number, got ${value}`);
			return [key, value];
		}),
	);
}

/** With --help or -h: prints `usage` and the port flags, then exits, before anything starts. */
export function exitWithHelpIfAsked(usage, argv = process.argv.slice(2)) {
	if (!argv.some((a) => a === '--help' || a === '-h')) return;
	console.log(`${usage}

Ports, all on 127.0.0.1 (a flag wins over its variable; unset ones follow --port):`);
	const options = PORTS.map(([, flag, variable]) => `--${flag} (${variable})`);
	const width = Math.max(...options.map((o) => o.length));
	PORTS.forEach(([, , , what], offset) => {
		const option = options[offset].padEnd(width);
		console.log(`  ${option} ${offset ? `--port + ${offset}` : '5678'}: ${what}`);
	});
	process.exit(0);
}

/** A server on 127.0.0.1:`port` (0: any free one), or the error that says why not. */
const listen = (port) =>
	new Promise((resolve, reject) => {
		const server = net.createServer().once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
const close = (server) => {
	const { port } = server.address();
	return new Promise((resolve) => server.close(() => resolve(port)));
};

/** Free ports for every key of PORTS, for tests that must not take the documented ones. */
export async function freePorts() {
	const servers = await Promise.all(PORTS.map(() => listen(0)));
	const ports = servers.map((server) => server.address().port);
	await Promise.all(servers.map(close));
	return Object.fromEntries(PORTS.map(([key], i) => [key, ports[i]]));
}

export const freePort = async () => close(await listen(0));

/** Fails with a message that names the flag and variable of the first port in `keys` in use. */
export async function assertPortsFree(ports, keys) {
	for (const [key, flag, variable] of PORTS.filter(([key]) => keys.includes(key))) {
		const server = await listen(ports[key]).catch(() => {
			const fix =
				key === 'main'
					? 'move every port with --port, such as npm start -- --port 5700'
					: `choose another with --${flag} or ${variable}, or move every port with --port`;
			throw new Error(`port ${ports[key]} on 127.0.0.1 is in use (${fix})`);
		});
		await close(server);
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	exitWithHelpIfAsked('usage: node scripts/n8n/options.mjs [port flags]   prints the ports table');
	const ports = resolvePorts();
	console.log('| port | flag | variable | what listens (on 127.0.0.1) |\n|---|---|---|---|');
	for (const [key, flag, variable, what] of PORTS)
		console.log(`| ${ports[key]} | \`--${flag}\` | \`${variable}\` | ${what} |`);
}
