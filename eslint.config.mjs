// n8n's own lint config for community packages (@n8n/node-cli/eslint: the community-nodes
// recommended rules and eslint-plugin-n8n-nodes-base's rule sets, as n8n's scanner applies them)
// plus our stricter rules, and a Node.js rule set for the scripts, tests and config files, which
// run on a developer's machine and may use fs, env and process. eslint-config-prettier comes
// last so lint never argues with the formatter.
import js from '@eslint/js';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { config as n8nConfig } from '@n8n/node-cli/eslint';
import prettierConfig from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const packageCode = ['nodes/**/*.ts', 'credentials/**/*.ts'];
const toolingTs = ['test/**/*.ts', 'scripts/**/*.ts'];
const toolingJs = ['**/*.js', '**/*.mjs', '**/*.cjs'];

// The community-nodes rules guard code that runs inside n8n; tests and scripts never ship.
const communityRulesOff = Object.fromEntries(
	Object.keys(n8nCommunityNodesPlugin.configs.recommended.rules).map((rule) => [rule, 'off']),
);
// `_`-prefixed names and rest siblings are deliberate omissions (`const { id: _id, ...rest }`).
const unusedVars = [
	'error',
	{
		argsIgnorePattern: '^_',
		varsIgnorePattern: '^_',
		ignoreRestSiblings: true,
		caughtErrors: 'none',
	},
];

export default [
	{
		ignores: [
			'dist/**',
			'.build/**',
			'node_modules/**',
			'.n8n-runtime/**',
			'.n8n-data/**',
			'coverage/**',
		],
	},
	...n8nConfig,
	{
		// Codex files (*.node.json) are shipped and read by n8n: lint them like package.json.
		files: ['nodes/**/*.json'],
		...n8nCommunityNodesPlugin.configs.recommended,
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
	},
	{
		files: packageCode,
		rules: {
			'no-console': 'error',
			// `adminKey` holds Kakao's admin key, a secret; the name is a public contract.
			'@n8n/community-nodes/credential-unnecessary-password': 'off',
		},
	},
	{
		files: toolingTs,
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
		rules: {
			...communityRulesOff,
			'no-console': 'off',
			'@typescript-eslint/no-unused-vars': unusedVars,
			// Tests assert on raw JSON and use `import x = require()` for Node built-ins.
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-require-imports': 'off',
		},
	},
	{
		files: toolingJs,
		...js.configs.recommended,
		languageOptions: {
			ecmaVersion: 2024,
			sourceType: 'module',
			globals: { ...globals.node },
		},
		rules: {
			...js.configs.recommended.rules,
			'no-unused-vars': unusedVars,
			// Best-effort cleanup (kill a process group that may be gone) has nothing to handle.
			'no-empty': ['error', { allowEmptyCatch: true }],
		},
	},
	{
		// CommonJS config files (jest, gulp, prettier) and the jest reporter.
		files: ['*.js', 'test/**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
	},
	prettierConfig,
];
