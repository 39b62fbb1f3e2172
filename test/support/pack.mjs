// `npm pack` of this repository into a folder: the tarball n8n's installer would get from npm.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Packs the package into `destination` and returns the tarball's full path. */
export function npmPack(destination) {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', destination], {
		cwd: ROOT,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	return path.join(destination, tarball);
}
