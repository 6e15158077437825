#!/usr/bin/env node
'use strict';
/**
 * `npm run dev`: n8n's editor on http://127.0.0.1:5678 with this package installed, the local
 * provider on http://127.0.0.1:8787 (its tasks advance one stage every 20 s, as real ones do),
 * a credential pointing at it and the example workflows imported. The n8n user folder is kept in
 * .dev-n8n/ so your account and edits survive restarts; Ctrl-C stops both.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { LocalSunoProvider } = require('../test/provider/provider.js');
const n8n = require('./lib/n8n.js');

const N8N_PORT = Number(process.env.N8N_PORT ?? 5678);
const PROVIDER_PORT = Number(process.env.PROVIDER_PORT ?? 8787);

async function main() {
	const runtime = n8n.ensureRuntime();
	const provider = await new LocalSunoProvider({ advance: 20000, songFormat: 'wav' }).start(
		PROVIDER_PORT,
	);
	provider.seedDemo();
	console.log(
		`Local provider: ${provider.url} (key ${provider.apiKey}; POST /suno/submit/music creates tasks)`,
	);

	const userFolder = path.join(n8n.ROOT, '.dev-n8n');
	fs.mkdirSync(userFolder, { recursive: true });
	n8n.installPackage(userFolder);
	const credential = await n8n.importSunoCredential(runtime, userFolder, {
		apiKey: provider.apiKey,
		baseUrl: provider.url,
		extraOperations: n8n.allExtraOperations(),
	});
	const files = path.join(userFolder, 'songs');
	fs.mkdirSync(files, { recursive: true });
	for (const name of fs.readdirSync(path.join(n8n.ROOT, 'examples'))) {
		const workflow = n8n.readExample(name);
		n8n.useOutputFolder(workflow, files);
		await n8n.importWorkflow(runtime, userFolder, workflow, credential);
	}
	console.log(`Imported the examples; songs are written to ${files}`);

	const editor = spawn(runtime.node, [runtime.n8n, 'start'], {
		env: n8n.n8nEnv(runtime, userFolder, {
			N8N_PORT: String(N8N_PORT),
			N8N_RESTRICT_FILE_ACCESS_TO: files,
			N8N_LOG_LEVEL: 'warn',
		}),
		stdio: 'inherit',
	});
	console.log(
		`n8n editor: http://127.0.0.1:${N8N_PORT} (create the owner account on first visit; to start over, delete .dev-n8n)`,
	);
	const stop = () => editor.kill('SIGTERM');
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	editor.on('exit', async (code) => {
		await provider.stop();
		process.exit(code ?? 0);
	});
}

main().catch((error) => {
	console.error(`npm run dev failed: ${error.message}`);
	process.exit(1);
});
