/** The end-to-end suite: the built package inside a real n8n (see scripts/lib/n8n.js). */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.js'],
	globalSetup: '<rootDir>/test/runtime.setup.js',
	testTimeout: 180000,
	maxWorkers: 1,
};
