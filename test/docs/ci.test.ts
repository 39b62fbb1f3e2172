import { readFileSync } from 'node:fs';
import path from 'node:path';

import { ROOT } from './markdown';

// .ci/run (every stage, in a row) and .github/workflows/ci.yml (the same stages, in parallel
// jobs) run the same commands, and CONTRIBUTING.md's table names exactly the stages that run.
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const stageLines = read('.ci/run').matchAll(/^stage (\S+) (.+)$/gm);
const stages = [...stageLines].map(([, name, command]) => ({ name, command: command.trim() }));

/** The commands ci.yml runs, with `npm run ${{ matrix.script }}` expanded for each matrix entry. */
function workflowCommands(file: string): string[] {
	const text = read(file);
	const runs = [...text.matchAll(/^\s*(?:- )?run: (.+)$/gm)].map(([, command]) => command.trim());
	const scripts = [...text.matchAll(/^\s*script: (\S+)$/gm)].map(([, script]) => script);
	const matrix = (command: string) => command === 'npm run ${{ matrix.script }}';
	return runs.flatMap((c) => (matrix(c) ? scripts.map((script) => `npm run ${script}`) : [c]));
}

describe('CI parity', () => {
	it('reads the stages of .ci/run', () => {
		const some = ['paths', 'test', 'verification', 'e2e-n8n2', 'browser'];
		expect(stages.map((s) => s.name)).toEqual(expect.arrayContaining(some));
	});
	it('ci.yml runs every stage of .ci/run, and nothing .ci/run does not', () => {
		const ci = workflowCommands('.github/workflows/ci.yml');
		expect([...new Set(ci)].sort()).toEqual([...new Set(stages.map((s) => s.command))].sort());
	});
	it("CONTRIBUTING.md's table names exactly the stages that run, with their commands", () => {
		const rows = read('CONTRIBUTING.md').matchAll(/^\| ([\w-]+) \| `([^`]+)` \| .+ \|$/gm);
		const table = [...rows].map(([, name, command]) => ({ name, command }));
		expect(table).toEqual(stages);
	});
	it('the publish workflow runs the release guard before anything else', () => {
		const publish = workflowCommands('.github/workflows/publish.yml');
		expect(publish.slice(0, 2)).toEqual(['npm ci', 'node scripts/release/guard.mjs']);
	});
});
