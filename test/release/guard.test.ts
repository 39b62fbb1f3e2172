import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The release guard runs before every publish (scripts/release/guard.mjs): only a GitHub Actions
// run for the tag v<package.json version> may publish, and only a version CHANGELOG.md describes.
// Each test copies the guard, byte for byte, into a folder laid out like the repository, with its
// own package.json and CHANGELOG.md.
const VERSION = '1.4.2';
const DATED = `# Changelog\n\n## [Unreleased]\n\n## [${VERSION}] - 2026-12-24\n\n### Fixed\n\n- Something.\n`;
const TAG_RUN = { GITHUB_ACTIONS: 'true', GITHUB_REF_TYPE: 'tag', GITHUB_REF_NAME: `v${VERSION}` };

const GUARD = 'scripts/release/guard.mjs';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(path.join(tmpdir(), 'kakao-guard-'));
	mkdirSync(path.join(dir, 'scripts/release'), { recursive: true });
	copyFileSync(path.join(__dirname, '../..', GUARD), path.join(dir, GUARD));
	writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version: VERSION }));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runGuard(over: Record<string, string>, changelog: string | null = DATED) {
	if (changelog !== null) writeFileSync(path.join(dir, 'CHANGELOG.md'), changelog);
	const ci = (name: string) => name.startsWith('GITHUB_') || name === 'CI';
	const ciless = Object.entries(process.env).filter(([name]) => !ci(name));
	const env = { ...Object.fromEntries(ciless), ...over };
	return spawnSync(process.execPath, [path.join(dir, GUARD)], { env, encoding: 'utf8' });
}

describe('release guard', () => {
	it('refuses a publish from a developer machine and says how to release', () => {
		const run = runGuard({});
		expect(run.status).toBe(1);
		const how = ['npm version <patch|minor|major>', 'git push --follow-tags', 'CHANGELOG.md'];
		for (const text of ['not a GitHub Actions run', ...how]) expect(run.stderr).toContain(text);
	});
	it.each([
		['a branch', { GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' }, `the tag v${VERSION}`],
		['another tag', { GITHUB_REF_NAME: 'v999.0.0' }, 'not "v999.0.0"'],
	])('refuses a GitHub Actions run for %s', (_what, over, message) => {
		const run = runGuard({ ...TAG_RUN, ...over });
		expect([run.status, run.stderr]).toEqual([1, expect.stringContaining(message)]);
	});
	it.each<[string, string | null]>([
		['no change log at all', null],
		['only [Unreleased]', '# Changelog\n\n## [Unreleased]\n\n- Something.\n'],
		['another version only', DATED.replaceAll(VERSION, '1.4.1')],
		['a version that merely starts the same', DATED.replaceAll(VERSION, `${VERSION}0`)],
		['the section without a date', DATED.replace(' - 2026-12-24', '')],
		['its version in a line, not a heading', `# Changelog\n\nSee [${VERSION}] - 2026-12-24\n`],
	])('refuses the version tag when CHANGELOG.md has %s', (_what, changelog) => {
		const run = runGuard(TAG_RUN, changelog);
		const message = `CHANGELOG.md has no section "## [${VERSION}] - <YYYY-MM-DD>"`;
		expect([run.status, run.stderr]).toEqual([1, expect.stringContaining(message)]);
	});
	it('lets the tag-triggered GitHub Actions run publish a version the change log describes', () => {
		const run = runGuard(TAG_RUN);
		expect([run.status, run.stderr]).toEqual([0, '']);
		expect(run.stdout).toContain(`publishing v${VERSION} from GitHub Actions`);
	});
});
