import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { links, readMarkdown, ROOT } from './markdown';

// No document claims what does not run or exist: every `npm run X` is a script of package.json,
// every repository path in code exists, every CI stage named is a stage of .ci/run, and every
// relative link leads to a file (and heading) that is there.
const markdownIn = (dir: string) =>
	readdirSync(path.join(ROOT, dir)).flatMap((f) => (f.endsWith('.md') ? [`${dir}/${f}`] : []));
const DOCS = [
	...['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'examples/README.md'],
	...['test/kakao-emulator/README.md', ...markdownIn('docs'), ...markdownIn('docs/ko')],
];

const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>);
const stages = [...read('.ci/run').matchAll(/^stage (\S+) /gm)].map(([, name]) => name);

/** Every text in `code spans` and fenced code blocks. */
function code(text: string): string[] {
	const blocks = [...text.matchAll(/^```[^\n]*\n([\s\S]*?)^```/gm)].map(([, block]) => block);
	const prose = text.replace(/^```[\s\S]*?^```/gm, '');
	const spans = [...prose.matchAll(/`([^`\n]+)`/g)].map(([, span]) => span);
	return [...blocks, ...spans];
}

/** Repository paths in code: a known top-level folder, then a path without placeholders. */
const REPO_PATH =
	/(?<![\w./-])(?:scripts|test|nodes|credentials|docs|examples|\.ci|\.github)\/[\w./-]*[\w/]/g;

describe.each(DOCS)('%s', (file) => {
	const text = read(file);
	it('runs only npm scripts that package.json has', () => {
		const runs = text.matchAll(/\bnpm (?:run (?:-s )?([\w:-]+)|(start|test)\b)/g);
		const named = [...runs].map(([, run, builtin]) => run ?? builtin);
		expect(named.filter((name) => !scripts.includes(name))).toEqual([]);
	});
	it('names only files and folders that exist', () => {
		const paths = code(text).flatMap((span) => span.match(REPO_PATH) ?? []);
		expect(paths.filter((found) => !existsSync(path.join(ROOT, found)))).toEqual([]);
	});
	it('names only CI stages that .ci/run has', () => {
		const named = [...text.matchAll(/(?:the|its) `([\w-]+)` stage/g)].map(([, name]) => name);
		expect(named.filter((name) => !stages.includes(name))).toEqual([]);
	});
	it('links only to files and headings that exist', () => {
		const broken = links(readMarkdown(file))
			.filter((target) => !/^[a-z]+:/.test(target))
			.filter((target) => {
				const [targetFile, anchor] = target.split('#');
				if (!existsSync(path.join(ROOT, targetFile))) return true;
				if (anchor === undefined || !targetFile.endsWith('.md')) return false;
				return !readMarkdown(targetFile).anchors.has(anchor);
			});
		expect(broken).toEqual([]);
	});
});

it("docs/development.md's ports table is the one the launchers use (options.mjs prints it)", () => {
	const options = { cwd: ROOT, encoding: 'utf8' } as const;
	const printed = execFileSync(process.execPath, ['scripts/n8n/options.mjs'], options).trim();
	expect(printed.split('\n').length).toBeGreaterThan(5);
	expect(read('docs/development.md')).toContain(printed);
});

describe('the facts test reads what it should', () => {
	it('finds the scripts, the stages and the documents', () => {
		expect(scripts).toEqual(expect.arrayContaining(['start', 'test', 'sandbox', 'send-event']));
		expect(stages).toEqual(expect.arrayContaining(['verification', 'e2e-queue']));
		expect(DOCS).toEqual(expect.arrayContaining(['docs/kakao-api.md', 'docs/ko/README.md']));
	});
	it('sees a path in code, and a removed one as missing', () => {
		const found = code('run `node scripts/n8n/dev-reload-time.mjs [--flavor 1]`, see\n')
			.flatMap((span) => span.match(REPO_PATH) ?? [])
			.filter((found) => !existsSync(path.join(ROOT, found)));
		expect(found).toEqual(['scripts/n8n/dev-reload-time.mjs']);
	});
});
