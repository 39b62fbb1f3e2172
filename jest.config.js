const base = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/jest-setup-env.js'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
};

// Trigger tests run once per node version: `globalThis.KAKAO_TRIGGER_VERSION` (test/nodes/KakaoChannelTrigger/harness.ts).
const TRIGGER_TESTS = ['/test/nodes/KakaoChannelTrigger/'];
const triggerProject = (version) => ({
	...base,
	displayName: `trigger v${version}`,
	testMatch: TRIGGER_TESTS.map((dir) => `**${dir}**/*.test.ts`),
	globals: { KAKAO_TRIGGER_VERSION: version },
});

/** @type {import('jest').Config} */
module.exports = {
	testTimeout: 30000,
	reporters: ['default', '<rootDir>/test/summary-reporter.js'],
	projects: [
		{
			...base,
			displayName: 'main',
			testPathIgnorePatterns: ['/node_modules/', '/test/e2e/', ...TRIGGER_TESTS],
		},
		triggerProject(1),
		triggerProject(2),
	],
};
