// n8n-core reports node errors through its own logger, which writes past jest's silent mode:
// quiet unless asked (`N8N_LOG_LEVEL=info npx jest --silent=false` shows everything).
process.env.N8N_LOG_LEVEL ??= 'silent';

/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }] },
	testTimeout: 30000,
	// n8n-core logs what the nodes log (each submit, each refusal) to the console: hundreds of
	// lines around the results. `npx jest --silent=false` shows them.
	silent: true,
};
