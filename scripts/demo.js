#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: a real n8n runs the "Fetch many tasks" example with this package installed and
 * prints the items it returns, one per clip. Without SUNO_API_KEY it runs against the built-in
 * local provider; with it, against the real one:
 *
 *   SUNO_API_KEY=sk-…  SUNO_TASK_IDS="id1,id2"  [SUNO_BASE_URL=https://api.cometapi.com]  npm run demo
 */
const fs = require('node:fs');
const { LocalSunoProvider } = require('../test/provider/provider.js');
const n8n = require('./lib/n8n.js');
const { printItems } = require('./lib/table.js');

async function main() {
	const started = Date.now();
	const runtime = n8n.ensureRuntime();
	let provider = null;
	let credential;
	let taskIds;
	if (process.env.SUNO_API_KEY) {
		taskIds = process.env.SUNO_TASK_IDS;
		if (!taskIds) {
			throw new Error(
				'SUNO_TASK_IDS is empty: with SUNO_API_KEY set, name the task ids to fetch (comma separated).',
			);
		}
		const baseUrl = process.env.SUNO_BASE_URL;
		credential = {
			name: 'Suno (your provider)',
			apiKey: process.env.SUNO_API_KEY,
			provider: baseUrl ? 'custom' : 'https://api.cometapi.com',
			baseUrl,
		};
		console.log(`Provider: ${baseUrl ?? 'https://api.cometapi.com'} (your key)`);
	} else {
		provider = await new LocalSunoProvider().start();
		provider.seedDemo(); // the tasks the example names, plus one id it never had
		credential = { apiKey: provider.apiKey, baseUrl: provider.url };
		console.log(
			`Provider: built-in local provider at ${provider.url} (set SUNO_API_KEY to use a real one)`,
		);
	}

	const userFolder = n8n.createUserFolder('suno-demo-');
	try {
		console.log(`n8n ${runtime.n8nVersion} on Node 24, user folder ${userFolder}`);
		const saved = await n8n.importSunoCredential(runtime, userFolder, credential);
		const workflow = n8n.readExample('fetch-many-tasks.json');
		if (taskIds)
			workflow.nodes.find((node) => node.name === 'Suno Fetch').parameters.taskIds = taskIds;
		const workflowId = await n8n.importWorkflow(runtime, userFolder, workflow, saved);
		console.log(`Executing "${workflow.name}" headless (n8n execute --id=${workflowId}) …\n`);
		const result = await n8n.executeWorkflow(runtime, userFolder, workflowId);
		const error = result.run?.data?.resultData?.error;
		if (result.code !== 0 || error || !result.run) {
			throw new Error(
				`the workflow failed: ${error?.message ?? `n8n exited ${result.code}`}\n${error?.description ?? result.stdout.slice(-2000)}`,
			);
		}
		const items = n8n.nodeItems(result.run, 'Suno Fetch');
		printItems(items);
		console.log(
			`\n${items.length} items from ${new Set(items.map((item) => item.taskId)).size} tasks in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
		);
	} finally {
		fs.rmSync(userFolder, { recursive: true, force: true });
		if (provider) await provider.stop();
	}
}

main().catch((error) => {
	console.error(`Demo failed: ${error.message}`);
	process.exit(1);
});
