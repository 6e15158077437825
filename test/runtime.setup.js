/**
 * Jest globalSetup of the e2e and queue-mode suites: the real n8n is installed (the first time on
 * a machine, or in a fresh N8N_RUNTIME_DIR: 4 to 6 minutes) before any test or hook, whose
 * timeouts would otherwise count the install.
 */
module.exports = () => {
	require('../scripts/lib/n8n.js').ensureRuntime();
};
