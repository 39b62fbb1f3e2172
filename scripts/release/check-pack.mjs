// Checks that `npm pack` holds exactly what n8n loads, plus package.json, README.md and LICENSE:
// the node and credential files package.json's "n8n" section names, every module they require
// (followed through relative require() calls), each node's codex file (X.node.json) and every
// icon named as `file:...`. Anything missing or extra fails. Run after `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const entries = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
const unbuilt = entries.filter((file) => !existsSync(path.join(root, file)));
if (unbuilt.length) {
	console.error(`check-pack: not built, missing ${unbuilt.join(', ')} (run npm run build)`);
	process.exit(1);
}

const expected = new Set(['package.json', 'README.md', 'LICENSE']);
const pending = [...entries];
while (pending.length) {
	const file = pending.pop();
	if (expected.has(file)) continue;
	expected.add(file);
	const dir = path.posix.dirname(file);
	const source = readFileSync(path.join(root, file), 'utf8');
	for (const [, spec] of source.matchAll(/require\("(\.{1,2}\/[^"]+)"\)/g)) {
		const target = path.posix.join(dir, spec);
		pending.push(
			existsSync(path.join(root, `${target}.js`)) ? `${target}.js` : `${target}/index.js`,
		);
	}
	for (const [, icon] of source.matchAll(/['"]file:([^'"]+\.(?:svg|png))['"]/g)) {
		expected.add(path.posix.join(dir, icon));
	}
	const codex = file.replace(/\.node\.js$/, '.node.json');
	if (codex !== file && existsSync(path.join(root, codex))) expected.add(codex);
}

const [{ files }] = JSON.parse(
	execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
	}),
);
const packed = new Set(files.map((file) => file.path));
const extra = [...packed].filter((file) => !expected.has(file)).sort();
const missing = [...expected].filter((file) => !packed.has(file)).sort();
for (const file of extra) console.error(`check-pack: packed but n8n never loads it: ${file}`);
for (const file of missing) console.error(`check-pack: n8n loads it but it is not packed: ${file}`);
if (extra.length || missing.length) process.exit(1);
console.log(
	`check-pack: the tarball holds exactly what n8n loads plus package.json, README.md and LICENSE (${packed.size} files)`,
);
