#!/usr/bin/env node
'use strict';
/**
 * `npm run demo`: a real n8n runs the "Prompt to song" example with this package installed: Suno
 * Generate submits a song description, waits for the song and downloads its clips, and n8n writes
 * them to disk. It prints the items, one per clip, and the files it saved. Without SUNO_API_KEY
 * it runs against the built-in local provider; with it, against the real one:
 *
 *   SUNO_API_KEY=sk-…  SUNO_PROMPT="a song about …"  [SUNO_BASE_URL=https://api.cometapi.com]  npm run demo
 *     submits ONE song (paid: your provider charges for it) and saves its clips
 *   SUNO_API_KEY=sk-…  SUNO_TASK_IDS="id1,id2"  npm run demo
 *     only fetches tasks you already have (the "Fetch many tasks" example; reading is free)
 *
 * SUNO_OUTPUT_DIR picks the folder for the songs (default: a new folder under the system's temp
 * folder, which is kept).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { LocalSunoProvider } = require('../test/provider/provider.js');
const n8n = require('./lib/n8n.js');
const { printItems } = require('./lib/table.js');

/** Real gateways refresh their tasks from Suno every 15 s, and a song takes 1 to 3 minutes. */
const REAL_POLL_SECONDS = 15;
const REAL_MAX_WAIT_MINUTES = 10;

function plan() {
	if (!process.env.SUNO_API_KEY) return { kind: 'local' };
	const baseUrl = process.env.SUNO_BASE_URL;
	const credential = {
		name: 'Suno (your provider)',
		apiKey: process.env.SUNO_API_KEY,
		provider: baseUrl ? 'custom' : 'https://api.cometapi.com',
		baseUrl,
	};
	const where = baseUrl ?? 'https://api.cometapi.com';
	const prompt = process.env.SUNO_PROMPT?.trim();
	if (prompt) return { kind: 'submit', credential, where, prompt };
	const taskIds = process.env.SUNO_TASK_IDS?.trim();
	if (!taskIds) {
		throw new Error(
			'with SUNO_API_KEY set, give SUNO_PROMPT="a song about …" to generate one song (paid), or SUNO_TASK_IDS="id1,id2" to fetch tasks you already have (free).',
		);
	}
	return { kind: 'fetch', credential, where, taskIds };
}

async function run(runtime, userFolder, credential, workflow, options) {
	const saved = await n8n.importSunoCredential(runtime, userFolder, credential);
	const workflowId = await n8n.importWorkflow(runtime, userFolder, workflow, saved);
	console.log(`Executing "${workflow.name}" headless (n8n execute --id=${workflowId}) …\n`);
	const result = await n8n.executeWorkflow(runtime, userFolder, workflowId, options);
	const error = result.run?.data?.resultData?.error;
	if (result.code !== 0 || error || !result.run) {
		throw new Error(
			`the workflow failed: ${error?.message ?? `n8n exited ${result.code}`}\n${error?.description ?? result.stdout.slice(-2000)}`,
		);
	}
	return result.run;
}

function printFiles(saved) {
	console.log(`\nSaved ${saved.length} file${saved.length === 1 ? '' : 's'}:`);
	for (const item of saved) {
		const size = fs.statSync(item.fileName).size;
		console.log(`  ${item.fileName}  (${size.toLocaleString('en')} bytes)`);
	}
}

async function main() {
	const started = Date.now();
	const todo = plan();
	const runtime = n8n.ensureRuntime();
	let provider = null;
	let credential = todo.credential;
	if (todo.kind === 'local') {
		provider = await new LocalSunoProvider({ songFormat: 'wav' }).start(); // a task moves one stage per poll
		credential = { apiKey: provider.apiKey, baseUrl: provider.url };
		console.log(
			`Provider: built-in local provider at ${provider.url} (set SUNO_API_KEY to use a real one)`,
		);
	} else if (todo.kind === 'submit') {
		console.log(`Provider: ${todo.where} (your key)`);
		console.log(
			`SUNO_PROMPT is set: submitting ONE song to ${todo.where}. This is a paid generation, charged to your account.`,
		);
	} else {
		console.log(`Provider: ${todo.where} (your key)`);
		console.log(
			'SUNO_PROMPT is not set: nothing is submitted (generating is paid). Fetching SUNO_TASK_IDS instead, which is free.',
		);
	}

	const userFolder = n8n.createUserFolder('suno-demo-');
	try {
		console.log(`n8n ${runtime.n8nVersion} on Node 24, user folder ${userFolder}`);
		if (todo.kind === 'fetch') {
			const workflow = n8n.readExample('fetch-many-tasks.json');
			workflow.nodes.find((node) => node.name === 'Suno Fetch').parameters.taskIds = todo.taskIds;
			const items = n8n.nodeItems(
				await run(runtime, userFolder, credential, workflow),
				'Suno Fetch',
			);
			printItems(items);
			console.log(
				`\n${items.length} items from ${new Set(items.map((item) => item.taskId)).size} tasks in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
			);
			return;
		}

		const output = process.env.SUNO_OUTPUT_DIR
			? path.resolve(process.env.SUNO_OUTPUT_DIR)
			: fs.mkdtempSync(path.join(os.tmpdir(), 'suno-songs-'));
		fs.mkdirSync(output, { recursive: true });
		const workflow = n8n.setOutputFolder(
			n8n.readExample('prompt-to-song.json'),
			'Save to disk',
			output,
		);
		const generate = workflow.nodes.find((node) => node.name === 'Suno Generate');
		if (todo.kind === 'submit') {
			Object.assign(generate.parameters, {
				songDescription: todo.prompt,
				pollInterval: REAL_POLL_SECONDS,
				maxWait: REAL_MAX_WAIT_MINUTES,
			});
		}
		const { songDescription, pollInterval } = generate.parameters;
		console.log(`Prompt: "${songDescription}"`);
		console.log(`Songs go to ${output} (kept; N8N_RESTRICT_FILE_ACCESS_TO is set to it)`);
		console.log(
			`Suno Generate submits, then polls every ${pollInterval} s until the song is done.`,
		);
		const result = await run(runtime, userFolder, credential, workflow, {
			env: { N8N_RESTRICT_FILE_ACCESS_TO: output },
			timeoutMs: (REAL_MAX_WAIT_MINUTES + 5) * 60000,
		});
		if (provider) {
			const submits = provider.submits.map((submit) => `${submit.taskId} (mv ${submit.mv})`);
			console.log(`The provider received ${submits.length} submit: ${submits.join(', ')}\n`);
		}
		const items = n8n.nodeItems(result, 'Suno Generate');
		printItems(items);
		const saved = n8n.nodeItems(result, 'Save to disk');
		printFiles(saved);
		// Against the local provider every clip succeeds: no file means the demo did not work.
		if (provider && saved.length === 0)
			throw new Error('the workflow saved no file (see the items above)');
		const unsaved = items.length - saved.length;
		if (unsaved > 0)
			console.log(
				`${unsaved} clip${unsaved === 1 ? ' did' : 's did'} not succeed (see the status column), so not saved.`,
			);
		console.log(
			`\nFrom prompt to ${saved.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
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
