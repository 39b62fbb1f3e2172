import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The release guard runs before every publish (scripts/release/guard.mjs): only a GitHub Actions
// run for the tag v<package.json version> may publish, and only a version CHANGELOG.md describes.
// Each test copies the guard, byte for byte, into a folder laid out like the repository, with its
// own package.json and CHANGELOG.md.
const root = path.resolve(__dirname, '../..');
const VERSION = '1.4.2';
const DATED = `# Changelog\n\n## [Unreleased]\n\n## [${VERSION}] - 2026-12-24\n\n### Fixed\n\n- Something.\n`;

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'kakao-guard-'));
	mkdirSync(path.join(dir, 'scripts/release'), { recursive: true });
	copyFileSync(
		path.join(root, 'scripts/release/guard.mjs'),
		path.join(dir, 'scripts/release/guard.mjs'),
	);
	writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version: VERSION }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runGuard(env: Record<string, string>, changelog: string | null = DATED) {
	if (changelog !== null) writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
	const ciless = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !name.startsWith('GITHUB_') && name !== 'CI'),
	);
	return spawnSync(process.execPath, [path.join(dir, 'scripts/release/guard.mjs')], {
		env: { ...ciless, ...env },
		encoding: 'utf8',
	});
}

const tagRun = (name = `v${VERSION}`) => ({
	GITHUB_ACTIONS: 'true',
	GITHUB_REF_TYPE: 'tag',
	GITHUB_REF_NAME: name,
});

describe('release guard', () => {
	it('refuses a publish from a developer machine and says how to release', () => {
		const run = runGuard({});
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('not a GitHub Actions run');
		expect(run.stderr).toContain('npm version <patch|minor|major>');
		expect(run.stderr).toContain('git push --follow-tags');
		expect(run.stderr).toContain('CHANGELOG.md');
	});

	it('refuses a GitHub Actions run that is not for the version tag', () => {
		const branch = runGuard({ ...tagRun('main'), GITHUB_REF_TYPE: 'branch' });
		expect(branch.status).toBe(1);
		expect(branch.stderr).toContain(`the tag v${VERSION}`);

		const otherTag = runGuard(tagRun('v999.0.0'));
		expect(otherTag.status).toBe(1);
		expect(otherTag.stderr).toContain('not "v999.0.0"');
	});

	it('refuses the version tag when CHANGELOG.md has no dated section for that version', () => {
		const cases: Array<[string, string | null]> = [
			['no change log at all', null],
			['only [Unreleased]', '# Changelog\n\n## [Unreleased]\n\n- Something.\n'],
			['another version only', DATED.replaceAll(VERSION, '1.4.1')],
			['a version that merely starts the same', DATED.replaceAll(VERSION, `${VERSION}0`)],
			['the section without a date', DATED.replace(' - 2026-12-24', '')],
			[
				'the version named in a line, not a heading',
				`# Changelog\n\nSee [${VERSION}] - 2026-12-24\n`,
			],
		];
		for (const [what, changelog] of cases) {
			const run = runGuard(tagRun(), changelog);
			expect({ what, status: run.status }).toEqual({ what, status: 1 });
			expect(run.stderr).toContain(`CHANGELOG.md has no section "## [${VERSION}] - <YYYY-MM-DD>"`);
		}
	});

	it('lets the tag-triggered GitHub Actions run publish a version the change log describes', () => {
		const run = runGuard(tagRun());
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain(`publishing v${VERSION} from GitHub Actions`);
	});
});
