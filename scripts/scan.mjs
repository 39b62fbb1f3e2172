// Runs the lint legs of n8n's community-package scanner (@n8n/scan-community-package) locally:
// once on the source, once on the unpacked `npm pack` tarball, as n8n does before verifying.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(import.meta.dirname, '..');
let failed = false;

function report(label, result) {
	console.log(`${label}: ${result.passed ? 'passed' : `FAILED (${result.message})`}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

report('scan of the source', await analyzePackage(root, SOURCE_FILE_PATTERNS));

const work = mkdtempSync(join(tmpdir(), 'kakao-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', work]);
	report(
		`scan of the tarball ${tarball}`,
		await analyzePackage(join(work, 'package'), ['**/*.js', 'package.json']),
	);
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
