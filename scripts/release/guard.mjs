// Refuses a publish from anywhere but the tag-triggered GitHub Actions workflow
// (.github/workflows/publish.yml), which publishes with npm provenance as n8n requires.
// Runs as `prepublishOnly` (when npm runs scripts) and before `n8n-node release`.
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(
	readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
);
const tag = `v${version}`;

function refuse(reason) {
	console.error(`Refusing to publish: ${reason}

This package is published only by GitHub Actions, with npm provenance (n8n verifies it):
  1. npm version <patch|minor|major>   (commits the new version and tags it v<version>)
  2. git push --follow-tags            (the tag starts .github/workflows/publish.yml)
See "Releasing" in README.md.`);
	process.exit(1);
}

if (process.env.GITHUB_ACTIONS !== 'true') refuse('this is not a GitHub Actions run.');
if (process.env.GITHUB_REF_TYPE !== 'tag' || process.env.GITHUB_REF_NAME !== tag) {
	refuse(
		`the workflow must run for the tag ${tag} (package.json's version), not "${process.env.GITHUB_REF_NAME}".`,
	);
}
console.log(`Release guard: publishing ${tag} from GitHub Actions.`);
