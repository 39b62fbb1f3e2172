// Checks the import direction that CONTRIBUTING.md states, and that no file imports itself back
// through a loop. Reads every tracked .ts/.js/.mjs file; follows relative imports, and the
// compiled `.build/...` paths that scripts and e2e suites load. The rule, by kind of file:
//   product  (nodes/, credentials/)            -> product
//   fixture  (FIXTURES below)                  -> product, fixture
//   script   (scripts/)                        -> product, fixture, script; never any other test/ file
//   test     (the rest of test/)               -> product, fixture, test; and scripts/n8n/ or
//            scripts/sandbox/ (the launchers and the workflow builder) from test/e2e/ and test/browser/ only
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const files = execFileSync(
	'git',
	['ls-files', '-co', '--exclude-standard', '*.ts', '*.js', '*.mjs'],
	{ encoding: 'utf8' },
)
	.split('\n')
	.filter((f) => f && fs.existsSync(f));
const known = new Set(files);

// Test code that scripts may use: the Kakao emulator, n8n-core's engine runner, Kakao's sample webhook.
const FIXTURES = [
	/^test\/kakao-emulator\/(?!.*\.test\.ts$)(?!test-helpers\.ts$)/,
	/^test\/support\/(engine\.ts|kakaoWebhook\.ts)$/,
];
const REAL_N8N_SUITES = /^test\/(e2e|browser)\//;
const LAUNCHERS = /^scripts\/(n8n|sandbox)\//;
const kind = (f) => {
	if (/^(nodes|credentials)\//.test(f)) return 'product';
	if (FIXTURES.some((re) => re.test(f))) return 'fixture';
	if (f.startsWith('test/')) return 'test';
	if (f.startsWith('scripts/')) return 'script';
	return 'other';
};

/** The file of the repository `spec` names (relative, or compiled into .build/), if any. */
function resolve(from, spec) {
	const built = /\.build\/(.+?)(\.js)?$/.exec(spec)?.[1];
	if (!built && !spec.startsWith('.')) return null;
	const target = built ?? path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
	const candidates = ['', '.ts', '.mjs', '.js', '/index.ts'].map((end) => target + end);
	return [...candidates, target.replace(/\.js$/, '.ts')].find((c) => known.has(c)) ?? null;
}

const edges = new Map();
const problems = [];
for (const file of files) {
	const text = fs.readFileSync(file, 'utf8');
	const specs = [
		...text.matchAll(/(?:from\s+|import\s*\(?\s*|require\s*\(\s*)['"`]([^'"`]+)['"`]/g),
	].map((m) => m[1]);
	specs.push(...[...text.matchAll(/['"`]([^'"`\s]*\.build\/[^'"`\s]+)['"`]/g)].map((m) => m[1]));
	const targets = [...new Set(specs.map((s) => resolve(file, s)).filter(Boolean))];
	edges.set(file, targets);
	for (const target of targets) {
		const [a, b] = [kind(file), kind(target)];
		const bad =
			(a === 'product' && b !== 'product') ||
			(a === 'fixture' && !['product', 'fixture'].includes(b)) ||
			(a === 'script' && b === 'test') ||
			(a === 'test' && b === 'script' && !(REAL_N8N_SUITES.test(file) && LAUNCHERS.test(target)));
		if (bad) problems.push(`${file} (${a}) imports ${target} (${b})`);
	}
}

// A loop is a path that comes back to where it started: depth-first search with colours.
const state = new Map();
function visit(file, trail) {
	state.set(file, 'open');
	for (const next of edges.get(file) ?? []) {
		if (state.get(next) === 'open')
			problems.push(`import loop: ${[...trail.slice(trail.indexOf(next)), next].join(' -> ')}`);
		else if (!state.has(next)) visit(next, [...trail, next]);
	}
	state.set(file, 'done');
}
for (const file of files) if (!state.has(file)) visit(file, [file]);

if (problems.length) {
	console.error(`check-imports: ${problems.length} problem(s)\n${problems.join('\n')}`);
	process.exit(1);
}
console.log(
	`check-imports: ${files.length} files, ${[...edges.values()].flat().length} imports, direction as CONTRIBUTING.md states, no loops`,
);
