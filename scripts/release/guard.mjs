// Refuses a publish from anywhere but the tag-triggered GitHub Actions workflow
// (.github/workflows/publish.yml), which publishes with npm provenance as n8n requires, and refuses
// a version that CHANGELOG.md does not describe. Runs as `prepublishOnly` (when npm runs scripts),
// as the publish workflow's first step and before `n8n-node release`.
import { existsSync, readFileSync } from 'node:fs';

const read = (file) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
const { version } = JSON.parse(read('package.json'));
const tag = `v${version}`;

function refuse(reason) {
	console.error(`Refusing to publish: ${reason}

This package is published only by GitHub Actions, with npm provenance (n8n verifies it):
  1. CHANGELOG.md: move [Unreleased] to "## [<version>] - <YYYY-MM-DD>" and commit
  2. npm version <patch|minor|major>   (commits the new version and tags it v<version>)
  3. git push --follow-tags            (the tag starts .github/workflows/publish.yml)
See docs/releasing.md.`);
	process.exit(1);
}

if (process.env.GITHUB_ACTIONS !== 'true') refuse('this is not a GitHub Actions run.');
if (process.env.GITHUB_REF_TYPE !== 'tag' || process.env.GITHUB_REF_NAME !== tag) {
	refuse(
		`the workflow must run for the tag ${tag} (package.json's version), not "${process.env.GITHUB_REF_NAME}".`,
	);
}
const changelog = existsSync(new URL('../../CHANGELOG.md', import.meta.url))
	? read('CHANGELOG.md')
	: '';
const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
if (!new RegExp(`^## \\[${escaped}\\] - \\d{4}-\\d{2}-\\d{2}[ \\t]*$`, 'm').test(changelog)) {
	refuse(`CHANGELOG.md has no section "## [${version}] - <YYYY-MM-DD>" for ${tag}.`);
}
console.log(`Release guard: publishing ${tag} from GitHub Actions.`);
