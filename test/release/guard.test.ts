import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// The release guard runs before every publish (scripts/release/guard.mjs): only a GitHub Actions
// run for the tag v<package.json version> may publish.
const root = path.resolve(__dirname, '../..');
const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	version: string;
};

function runGuard(env: Record<string, string>) {
	const ciless = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && name !== 'CI'),
	);
	return spawnSync(process.execPath, [path.join(root, 'scripts/release/guard.mjs')], {
		env: { ...ciless, ...env },
		encoding: 'utf8',
	});
}

describe('release guard', () => {
	it('refuses a publish from a developer machine and says how to release', () => {
		const run = runGuard({});
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('not a GitHub Actions run');
		expect(run.stderr).toContain('npm version <patch|minor|major>');
		expect(run.stderr).toContain('git push --follow-tags');
	});

	it('refuses a GitHub Actions run that is not for the version tag', () => {
		const branch = runGuard({
			GITHUB_ACTIONS: 'true',
			GITHUB_REF_TYPE: 'branch',
			GITHUB_REF_NAME: 'main',
		});
		expect(branch.status).toBe(1);
		expect(branch.stderr).toContain(`the tag v${version}`);

		const otherTag = runGuard({
			GITHUB_ACTIONS: 'true',
			GITHUB_REF_TYPE: 'tag',
			GITHUB_REF_NAME: 'v999.0.0',
		});
		expect(otherTag.status).toBe(1);
		expect(otherTag.stderr).toContain('not "v999.0.0"');
	});

	it('lets the tag-triggered GitHub Actions run publish', () => {
		const run = runGuard({
			GITHUB_ACTIONS: 'true',
			GITHUB_REF_TYPE: 'tag',
			GITHUB_REF_NAME: `v${version}`,
		});
		expect(run.status).toBe(0);
		expect(run.stdout).toContain(`publishing v${version} from GitHub Actions`);
	});
});
