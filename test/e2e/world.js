/**
 * What each e2e file starts with: the cached n8n runtime, a local provider, a throw-away n8n user
 * folder with the package installed, and a credential pointing at the provider.
 */
const fs = require('node:fs');

const n8n = require('../../scripts/lib/n8n.js');
const { LocalSunoProvider } = require('../provider/provider.js');

/** `seedDemo`: the provider starts with the demo tasks the Suno Fetch examples name. */
async function startWorld(prefix, { seedDemo = false } = {}) {
	const runtime = n8n.ensureRuntime(); // first time on a machine: about 4 to 6 minutes
	const provider = await new LocalSunoProvider().start(); // tasks advance one stage per poll
	if (seedDemo) provider.seedDemo();
	const userFolder = n8n.createUserFolder(prefix);
	const credential = await n8n.importSunoCredential(runtime, userFolder, {
		apiKey: provider.apiKey,
		baseUrl: provider.url,
		extraOperations: n8n.allExtraOperations(),
	});
	return { runtime, provider, userFolder, credential };
}

async function stopWorld({ provider, userFolder }) {
	if (provider) await provider.stop();
	if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
}

module.exports = { startWorld, stopWorld };
