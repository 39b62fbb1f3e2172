import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The repository's own tooling, run as a developer runs it: the import-direction check and the
// ports table that `npm start`, `start:queue` and the sandbox use.
const root = path.resolve(__dirname, '../..');
/** A file that imports `target` (built here so this file's own text imports nothing). */
const imp = (target: string) => `import '${target}';\n`;
type Spawn = { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number };
const node = (args: string[], options: Spawn = {}) =>
	spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', ...options });

describe('check-imports', () => {
	let repo: string;
	const checkWith = (files: Record<string, string>) => {
		repo = mkdtempSync(path.join(tmpdir(), 'check-imports-'));
		execFileSync('git', ['init', '-q'], { cwd: repo });
		for (const [file, text] of Object.entries(files)) {
			mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
			writeFileSync(path.join(repo, file), text);
		}
		return node([path.join(root, 'scripts/ci/check-imports.mjs')], { cwd: repo });
	};
	afterEach(() => rmSync(repo, { recursive: true, force: true }));
	const launcher = imp('../../scripts/n8n/n8n-server.mjs');
	const base = {
		'nodes/a.ts': 'export const a = 1;\n',
		'test/kakao-emulator/index.ts': imp('../../nodes/a'),
		'test/support/engine.ts': imp('../kakao-emulator'),
		'test/e2e/harness.mjs': launcher,
		'test/support/helper.mjs': 'export {};\n',
		'scripts/n8n/n8n-server.mjs': imp('../../test/kakao-emulator/index.ts'),
		'scripts/sandbox/fixtures.mjs': "const f = '.build/test/kakao-emulator/index.js';\n",
	};
	it('passes the layout CONTRIBUTING.md states, and the repository itself', () => {
		expect(checkWith(base).status).toBe(0);
		expect(node(['scripts/ci/check-imports.mjs']).status).toBe(0);
	});
	it.each([
		['a script imports a test file', 'scripts/n8n/queue.mjs', imp('../../test/e2e/harness.mjs')],
		['a script loads a test file compiled', 'scripts/bench/q.mjs', "'.build/test/e2e/x.js'"],
		['a script imports a test helper', 'scripts/bench/q.mjs', imp('../../test/support/helper.mjs')],
		['a unit test imports a script', 'test/nodes/x.test.ts', launcher],
		['a fixture imports a script', 'test/support/kakaoWebhook.ts', launcher],
		['product code imports a fixture', 'nodes/b.ts', imp('../test/kakao-emulator')],
		['two files import each other', 'nodes/a.ts', imp('./b')],
	])('fails when %s', (_what, file, text) => {
		const run = checkWith({ ...base, 'nodes/b.ts': imp('./a'), 'test/e2e/x.ts': '', [file]: text });
		expect([run.status, run.stderr]).toEqual([1, expect.stringContaining(file)]);
	});
});

describe('ports table (scripts/n8n/options.mjs)', () => {
	const table = (args: string[], env: NodeJS.ProcessEnv = {}) => {
		const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/PORT$/.test(k)));
		const run = node(['scripts/n8n/options.mjs', ...args], { env: { ...clean, ...env } });
		expect(run.status).toBe(0);
		const rows = run.stdout.split('\n').filter((l) => /^\| \d+ \|/.test(l));
		const cells = rows.map((l) => l.split('|').map((c) => c.trim().replace(/`/g, '')));
		return Object.fromEntries(cells.map(([, port, flag]) => [flag, Number(port)]));
	};
	it('is a block from 5678, every port on its own flag', () => {
		const flags = [
			...['port', 'broker-port', 'emulator-port', 'proxy-port', 'webhook-port', 'webhook2-port'],
			...['worker-port', 'worker-broker-port', 'redis-port', 'postgres-port'],
		];
		expect(table([])).toEqual(Object.fromEntries(flags.map((flag, i) => [`--${flag}`, 5678 + i])));
	});
	it('--port moves the block; a variable moves one port; a flag wins over its variable', () => {
		const env = { N8N_PROXY_PORT: '6000', QUEUE_BULL_REDIS_PORT: '6500' };
		const ports = table(['--port', '5800', '--redis-port', '7000'], env);
		expect([ports['--port'], ports['--worker-port']]).toEqual([5800, 5806]);
		expect([ports['--proxy-port'], ports['--redis-port']]).toEqual([6000, 7000]);
	});
});

describe('--help', () => {
	it.each([
		['scripts/n8n/start.mjs', 'usage: npm start --'],
		['scripts/sandbox/sandbox.mjs', 'usage: npm run sandbox --'],
		['scripts/n8n/options.mjs', 'usage: node scripts/n8n/options.mjs'],
	])('%s prints its usage and every port flag, and starts nothing', (script, usage) => {
		const run = node([script, '--help'], { timeout: 20_000 });
		expect([run.status, run.stderr]).toEqual([0, '']);
		expect(run.stdout.startsWith(usage)).toBe(true);
		for (const flag of ['--port (N8N_PORT)', '--postgres-port (DB_POSTGRESDB_PORT)'])
			expect(run.stdout).toContain(flag);
	});
});
