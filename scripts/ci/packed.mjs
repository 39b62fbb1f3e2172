// Packs the package with `npm pack` and unpacks the tarball into a temporary folder under .build/,
// so checks read exactly what npm would publish. Inside the repository, Node resolves the packed
// files' `n8n-workflow` from the repository's node_modules, so they can be loaded too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import { packPackage as npmPack } from '../n8n/user-folder.mjs';

export const ROOT = resolve(import.meta.dirname, '..', '..');

/** Calls `use({ dir, tarball })` with the unpacked package, then removes it. */
export async function withPackedPackage(use) {
	mkdirSync(join(ROOT, '.build'), { recursive: true });
	const work = mkdtempSync(join(ROOT, '.build', 'packed-'));
	try {
		const tarball = npmPack(work);
		execFileSync('tar', ['-xzf', tarball, '-C', work]);
		return await use({ dir: join(work, 'package'), tarball: basename(tarball) });
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}
