// Runs the lint legs of n8n's community-package scanner (@n8n/scan-community-package) locally:
// once on the source, once on the unpacked `npm pack` tarball, as n8n does before verifying.
import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { ROOT, withPackedPackage } from './ci/packed.mjs';

let failed = false;

function report(label, result) {
	console.log(`${label}: ${result.passed ? 'passed' : `FAILED (${result.message})`}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

report('scan of the source', await analyzePackage(ROOT, SOURCE_FILE_PATTERNS));
await withPackedPackage(async ({ dir, tarball }) =>
	report(`scan of the tarball ${tarball}`, await analyzePackage(dir, ['**/*.js', 'package.json'])),
);
process.exit(failed ? 1 : 0);
