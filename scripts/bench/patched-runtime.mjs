// Makes .n8n-runtime-patched/2: the pinned n8n 2.41.1 runtime with
// docs/n8n-2.41.1-webhook-isolates.patch applied to its compiled JS, for
// npm run bench:webhook -- --runtime-dir .n8n-runtime-patched
// The copy is hard links (no extra disk); the patched files are unlinked first, so the pinned
// runtime is never changed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ensureRuntime, REPO_ROOT } from '../n8n/runtime.mjs';

const PATCH = path.join(REPO_ROOT, 'docs/n8n-2.41.1-webhook-isolates.patch');
const TARGET = path.join(REPO_ROOT, '.n8n-runtime-patched', '2');
const MARKER = path.join(TARGET, '.patched.json');

const log = (msg) => process.stderr.write(`[patched-runtime] ${msg}\n`);
const patchText = fs.readFileSync(PATCH, 'utf8');
const files = [...patchText.matchAll(/^\+\+\+ b\/(\S+)/gm)].map((m) => m[1]);

const marker = fs.existsSync(MARKER) ? JSON.parse(fs.readFileSync(MARKER, 'utf8')) : null;
if (marker?.patch === patchText) {
	log(`${TARGET} is up to date`);
} else {
	const source = (await ensureRuntime({ flavor: '2' })).dir;
	fs.rmSync(TARGET, { recursive: true, force: true });
	fs.mkdirSync(path.dirname(TARGET), { recursive: true });
	log(`hard-link copy of ${source}`);
	execFileSync('cp', ['-al', fs.realpathSync(source), TARGET]);
	fs.rmSync(path.join(TARGET, '.runtime-complete.json'), { force: true });
	for (const file of files) {
		const full = path.join(TARGET, file);
		const text = fs.readFileSync(full);
		fs.rmSync(full);
		fs.writeFileSync(full, text); // its own inode now
	}
	execFileSync('patch', ['-p1', '--forward', '--no-backup-if-mismatch', '-i', PATCH], {
		cwd: TARGET,
		stdio: 'inherit',
	});
	fs.writeFileSync(
		MARKER,
		JSON.stringify({ patch: patchText, files, at: new Date().toISOString() }, null, 2) + '\n',
	);
	log(`patched ${files.join(', ')} in ${TARGET}`);
}
