// Self-check against n8n's community node verification guidelines, for the rules a program can
// check, on the package as `npm pack` builds it (see docs/verification.md for the rules and the
// steps left to the maintainer). Exits 1 when a rule fails. Run after `npm run build`.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

import { analyzePackage } from '@n8n/scan-community-package/scanner/scanner.mjs';

import { ROOT, withPackedPackage } from './packed.mjs';

const HANGUL_OR_CJK = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af]+/g;
const GITHUB_REPO = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/;
// Node code may not read the environment, the file system or start processes (the guidelines'
// "no access to environment variables or file system"; n8n's scanner has the same rules).
const FORBIDDEN_IN_NODE_CODE = [
	[/\bprocess\s*\.\s*env\b/, 'reads process.env'],
	[
		/\brequire\(\s*["'](?:node:)?(?:fs|fs\/promises|child_process|os|path)["']\s*\)/,
		'requires a file-system or process module',
	],
	[
		/\bimport\(\s*["'](?:node:)?(?:fs|fs\/promises|child_process)["']/,
		'imports a file-system or process module',
	],
	[/\b(?:__dirname|__filename|process\.cwd)\b/, 'looks at the file system layout'],
];

const results = [];
const check = (rule, problems) => results.push({ rule, problems: problems.filter(Boolean) });

await withPackedPackage(async ({ dir, tarball }) => {
	const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	const nodeFiles = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const jsFiles = readdirSync(dir, { recursive: true })
		.filter((file) => file.endsWith('.js'))
		.map((file) => join(dir, file));
	check('package name, keyword and n8n section', [
		!/^(?:@[\w.-]+\/)?n8n-nodes-[\w.-]+$/.test(pkg.name) &&
			`name "${pkg.name}" must start with n8n-nodes-`,
		!pkg.keywords?.includes('n8n-community-node-package') &&
			'keyword n8n-community-node-package missing',
		!pkg.n8n?.nodes?.length && 'package.json "n8n" lists no nodes',
	]);
	check('no runtime dependencies', [
		...['dependencies', 'optionalDependencies', 'bundleDependencies', 'bundledDependencies'].map(
			(field) =>
				Object.keys(pkg[field] ?? {}).length > 0 &&
				`${field}: ${Object.keys(pkg[field]).join(', ')}`,
		),
		...Object.keys(pkg.peerDependencies ?? {})
			.filter((name) => name !== 'n8n-workflow')
			.map((name) => `peer dependency ${name} (only n8n-workflow is provided by n8n)`),
		readdirSync(dir).includes('node_modules') && 'the tarball holds node_modules',
	]);
	const license = readFileSync(join(dir, 'LICENSE'), 'utf8');
	check('MIT license', [
		pkg.license !== 'MIT' && `package.json license is "${pkg.license}"`,
		!/^MIT License/.test(license) && 'LICENSE does not start with "MIT License"',
		!license.includes('Permission is hereby granted, free of charge') &&
			'LICENSE is not the MIT text',
	]);
	const repo = GITHUB_REPO.exec(pkg.repository?.url ?? '')?.[1];
	check('public GitHub repository named in package.json', [
		!repo && `repository.url "${pkg.repository?.url}" is not a GitHub https URL`,
		repo &&
			!String(pkg.homepage).startsWith(`https://github.com/${repo}`) &&
			`homepage is not on ${repo}`,
		repo &&
			!String(pkg.bugs?.url).startsWith(`https://github.com/${repo}`) &&
			`bugs.url is not on ${repo}`,
	]);
	const publish = readFileSync(join(ROOT, '.github/workflows/publish.yml'), 'utf8');
	check('published from GitHub Actions with provenance', [
		pkg.publishConfig?.provenance !== true && 'publishConfig.provenance is not true',
		!/id-token:\s*write/.test(publish) && 'publish.yml does not grant id-token: write',
		!/npm run release/.test(publish) && 'publish.yml does not publish through npm run release',
	]);
	check(
		'no environment or file-system access in node code',
		jsFiles.flatMap((file) => {
			const source = readFileSync(file, 'utf8');
			return FORBIDDEN_IN_NODE_CODE.filter(([pattern]) => pattern.test(source)).map(
				([, what]) => `${relative(dir, file)} ${what}`,
			);
		}),
	);
	const scan = await analyzePackage(dir, ['**/*.js', 'package.json']);
	check(`n8n's scanner on the packed tarball ${tarball}`, [
		!scan.passed && `${scan.message}\n${scan.details ?? ''}`,
	]);
	// Kakao's customer-file keys are Korean by Kakao's design: data the node sends, not UI text.
	const require = createRequire(join(dir, 'package.json'));
	const {
		FIXED_SCHEMA_KEYS,
		RESERVED_CUSTOM_KEYS,
	} = require('./dist/nodes/KakaoChannel/helpers/schema.js');
	const kakaoKeys = new Set([
		...FIXED_SCHEMA_KEYS.map((entry) => entry.key),
		...RESERVED_CUSTOM_KEYS,
	]);
	check("English node texts and messages (Kakao's Korean field keys aside)", [
		...jsFiles.flatMap((file) =>
			[...readFileSync(file, 'utf8').matchAll(HANGUL_OR_CJK)]
				.map(([word]) => word)
				.filter((word) => ![...kakaoKeys].some((key) => key.includes(word)))
				.map((word) => `${relative(dir, file)}: "${word}"`),
		),
		...nodeFiles.flatMap((file) => {
			const exported = require(`./${file}`);
			return Object.values(exported).flatMap((Type) => {
				const instance = typeof Type === 'function' ? new Type() : null;
				return instance ? textProblems(instance.description ?? instance, file, kakaoKeys) : [];
			});
		}),
	]);
	const readme = readFileSync(join(dir, 'README.md'), 'utf8');
	const readmeWords = readme
		.replace(/```[\s\S]*?```/g, '')
		.replace(/`[^`\n]*`/g, '')
		.replace(/^Korean guide \(한국어\):.*$/m, '')
		.match(HANGUL_OR_CJK);
	check('README in the tarball is the English user guide', [
		!/^# n8n-nodes-kakao-channel\n/.test(readme) && 'README.md is not the user guide',
		readmeWords && `Korean outside code and the language link: ${readmeWords.join(', ')}`,
	]);
});

/** UI texts of a node or credential description that are not English (or Kakao's own keys). */
function textProblems(value, file, kakaoKeys, path = '') {
	if (Array.isArray(value))
		return value.flatMap((v, i) => textProblems(v, file, kakaoKeys, `${path}[${i}]`));
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([key, v]) => {
		if (
			typeof v === 'string' &&
			/^(displayName|description|placeholder|hint|action|name|subtitle)$/.test(key)
		) {
			const rest = [...kakaoKeys].reduce((text, kakaoKey) => text.replaceAll(kakaoKey, ''), v);
			return rest.match(HANGUL_OR_CJK) ? [`${file} ${path}.${key}: "${v}"`] : [];
		}
		return textProblems(v, file, kakaoKeys, `${path}.${key}`);
	});
}

let failed = 0;
for (const { rule, problems } of results) {
	console.log(`${problems.length ? 'FAIL' : 'ok  '}  ${rule}`);
	for (const problem of problems) console.log(`        ${problem}`);
	if (problems.length) failed++;
}
console.log(
	`check-verification: ${results.length - failed} of ${results.length} checks passed; the steps a program cannot check are in docs/verification.md`,
);
process.exit(failed ? 1 : 0);
