/** The queue-mode suite: both nodes on n8n's distributed engine (see test/queue/rig.js). */
/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/queue'],
	testMatch: ['**/*.test.js'],
	globalSetup: '<rootDir>/test/runtime.setup.js',
	testTimeout: 180000,
	maxWorkers: 1,
};
