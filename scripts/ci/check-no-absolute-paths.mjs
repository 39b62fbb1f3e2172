// Fails when a file in the repository names a path of one particular machine (a home folder, a
// build machine's work folder, a temp folder): readers of the published repository cannot follow
// it. Paths inside the n8n Docker image (its user `node`) are documented n8n paths and allowed.
// Reads every file git tracks, plus untracked files git does not ignore.
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const self = relative(root, import.meta.filename);

// Written without slashes so that this file does not match itself.
const MACHINE_FOLDERS = ['work', 'root', 'tmp', 'mnt', 'home/(?!node/)[^/\\s]+', 'Users/[^/\\s]+'];
// Not after a word, dot, slash or closing bracket: `https://host/tmp/x` and `${dir}/tmp/` are fine.
const MACHINE_PATH = new RegExp(
	`(?<![\\w.~/})\\]$-])/(?:${MACHINE_FOLDERS.join('|')})/|\\b[A-Za-z]:\\\\(?:Users|home)\\\\`,
);

const git = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
const files = execFileSync('git', git, { cwd: root, encoding: 'utf8' })
	.split('\0')
	.filter((file) => file !== '' && file !== self);

const hits = [];
for (const file of new Set(files)) {
	const full = join(root, file);
	// A file deleted in the working tree but still in the index, a link or a folder: nothing to read.
	if (!existsSync(full) || !lstatSync(full).isFile()) continue;
	const content = readFileSync(full);
	if (content.includes(0)) continue; // Binary (images).
	content
		.toString('utf8')
		.split('\n')
		.forEach(
			(line, i) =>
				MACHINE_PATH.test(line) && hits.push(`${file}:${i + 1}: ${line.trim().slice(0, 160)}`),
		);
}

if (hits.length > 0) {
	console.error(`Absolute paths of a machine found in ${hits.length} line(s):`);
	for (const hit of hits) console.error(`  ${hit}`);
	console.error(
		'Use a path relative to the repository, or cite docs/ (e.g. docs/kakao-api.md) instead.',
	);
	process.exit(1);
}
console.log(`No machine paths in ${files.length} files.`);
