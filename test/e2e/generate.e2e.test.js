/**
 * Suno Generate's example workflows in a real n8n (the one scripts/lib/n8n.js picks: 2.41.1 by
 * default, N8N_VERSION=1.123.81 for the 1.x line) against the local provider:
 * "prompt to song" headless with `n8n execute`, and "submit now, collect later", whose Data Table
 * nodes need `n8n start` (see scripts/lib/n8n-server.js), run there as the editor's "Execute
 * workflow" runs them.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../../scripts/lib/n8n.js');
const { startWorld, stopWorld } = require('./world.js');
const { startServer } = require('../../scripts/lib/n8n-server.js');
const { mediaBytes } = require('../provider/provider.js');

const TABLE = 'suno_song_tasks';
const COLUMNS = ['taskId', 'status', 'description', 'submittedAt', 'failReason'];
const MANUAL = "When clicking 'Execute workflow'";

let runtime;
let provider;
let userFolder;
let credential;

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');
/** What the provider serves as a finished clip's audio. */
const audioOf = (clipId) => sha256(mediaBytes(`${clipId}.mp3`, 64 * 1024));
const fileOf = (item) => `${item.title}-${item.clipId.slice(0, 8)}.mp3`;
const newSubmits = (before) => provider.submits.slice(before);

/** An example run headless with `n8n execute`, writing its files to a folder of its own. */
async function runExample(name, folder = name) {
	const output = path.join(userFolder, folder);
	fs.mkdirSync(output);
	const workflow = n8n.setOutputFolder(n8n.readExample(`${name}.json`), 'Save to disk', output);
	const id = await n8n.importWorkflow(runtime, userFolder, workflow, credential);
	const result = await n8n.executeWorkflow(runtime, userFolder, id, {
		env: { N8N_RESTRICT_FILE_ACCESS_TO: output },
	});
	expect(result.run?.data?.resultData?.error?.message).toBeUndefined();
	expect(result.code).toBe(0);
	return { output, workflow, result };
}

beforeAll(async () => {
	({ runtime, provider, userFolder, credential } = await startWorld('suno-e2e-generate-'));
}, 900000);

afterAll(async () => await stopWorld({ provider, userFolder }));

test('example "prompt to song": one paid submit, the wait, two clips written to disk byte for byte', async () => {
	const before = provider.submits.length;
	const { output, workflow, result } = await runExample('prompt-to-song');
	const generate = workflow.nodes.find((node) => node.name === 'Suno Generate');

	const submits = newSubmits(before);
	expect(submits).toHaveLength(1);
	expect(submits[0]).toMatchObject({
		action: 'MUSIC',
		mv: 'chirp-fenix',
		body: {
			gpt_description_prompt: generate.parameters.songDescription,
			mv: 'chirp-fenix',
			make_instrumental: false,
		},
	});

	const clips = result.run.data.resultData.runData['Suno Generate'][0].data.main[0];
	expect(clips.map(({ json }) => [json.taskId, json.taskStatus, json.clipIndex])).toEqual([
		[submits[0].taskId, 'SUCCESS', 0],
		[submits[0].taskId, 'SUCCESS', 1],
	]);
	expect(clips.map((item) => item.binary?.audio?.fileName)).toEqual(
		clips.map((item) => fileOf(item.json)),
	);
	const saved = n8n.nodeItems(result.run, 'Save to disk');
	expect(saved.map((item) => item.fileName)).toEqual(
		clips.map((item) => path.join(output, fileOf(item.json))),
	);
	expect(fs.readdirSync(output).sort()).toEqual(clips.map((item) => fileOf(item.json)).sort());
	for (const { json } of clips)
		expect(sha256(fs.readFileSync(path.join(output, fileOf(json))))).toBe(audioOf(json.clipId));
	// Disabled until the user picks a credential: n8n passes the items through without sending.
	const notify = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.telegram');
	expect(notify.disabled).toBe(true);
	expect(provider.submits).toHaveLength(before + 1);
});

test('example "prompt to song" on new-api\'s official Suno channel: sunoapi.org\'s clips read, written to disk byte for byte', async () => {
	provider.gateway = 'official';
	try {
		const before = provider.submits.length;
		const { output, result } = await runExample('prompt-to-song', 'prompt-to-song-official');
		const [submitted] = newSubmits(before);
		const clips = result.run.data.resultData.runData['Suno Generate'][0].data.main[0];
		expect(
			clips.map(({ json }) => [json.taskId, json.rawStatus, json.model, json.requestedModel]),
		).toEqual([
			[submitted.taskId, 'SUCCESS', 'chirp-fenix', 'chirp-fenix'],
			[submitted.taskId, 'SUCCESS', 'chirp-fenix', 'chirp-fenix'],
		]);
		// finish_time came in milliseconds: read as such, it is today, not in the year 58000.
		for (const { json } of clips)
			expect(Math.abs(Date.parse(json.finishedAt) - Date.now())).toBeLessThan(600_000);
		expect(fs.readdirSync(output).sort()).toEqual(clips.map((item) => fileOf(item.json)).sort());
		for (const { json } of clips)
			expect(sha256(fs.readFileSync(path.join(output, fileOf(json))))).toBe(audioOf(json.clipId));
	} finally {
		provider.gateway = 'extended';
	}
});

test('example "song to stems": generate, extend, concatenate, separate stems, one file per stem', async () => {
	const before = provider.submits.length;
	const { output, result } = await runExample('song-to-stems');

	// Four paid steps, each once, each on the clip the one before made.
	const [song, extension, concat, stems] = newSubmits(before);
	expect(newSubmits(before).map((submit) => submit.route)).toEqual([
		'music',
		'music',
		'concat',
		'music',
	]);
	const [first] = n8n.nodeItems(result.run, 'First clip');
	expect(first.taskId).toBe(song.taskId);
	expect(extension.body).toMatchObject({ continue_clip_id: first.clipId, task_id: song.taskId });
	const [full] = n8n.nodeItems(result.run, 'Concatenate');
	const [extended] = n8n.nodeItems(result.run, 'Extended clip');
	expect(concat.body).toEqual({ clip_id: extended.clipId, is_infill: false });
	expect(full).toMatchObject({ taskId: concat.taskId, notAsAsked: null });
	expect(stems.body).toMatchObject({
		task: 'gen_stem',
		continue_clip_id: full.clipId,
		task_id: concat.taskId,
		stem_task: 'two',
		title: full.title,
	});

	const stemItems = result.run.data.resultData.runData['Separate Stems'][0].data.main[0];
	expect(stemItems.map(({ json }) => [json.stem, json.notAsAsked])).toEqual([
		['Vocals', null],
		['Instrumental', null],
	]);
	const files = stemItems.map(({ json }) => fileOf(json));
	expect(fs.readdirSync(output).sort()).toEqual([...files].sort());
	for (const { json } of stemItems)
		expect(sha256(fs.readFileSync(path.join(output, fileOf(json))))).toBe(audioOf(json.clipId));
});

describe('examples "submit now, collect later": a Data Table of pending tasks between two workflows', () => {
	let server;
	let tableId;
	let output;
	let submitId;
	let collectId;
	let descriptions;
	let submitted;

	beforeAll(async () => {
		output = path.join(userFolder, 'collect-later');
		fs.mkdirSync(output);
		const submit = n8n.readExample('submit-now-collect-later.json');
		// The descriptions the example submits: an expression giving a list in "Songs to make".
		const list = submit.nodes.find((node) => node.name === 'Songs to make').parameters.assignments
			.assignments[0].value;
		descriptions = [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);
		submitId = await n8n.importWorkflow(runtime, userFolder, submit, credential);
		collectId = await n8n.importWorkflow(
			runtime,
			userFolder,
			n8n.setOutputFolder(n8n.readExample('collect-later.json'), 'Save to disk', output),
			credential,
		);
		server = await startServer(runtime, userFolder, {
			env: { N8N_RESTRICT_FILE_ACCESS_TO: output },
		});
		// What the sticky note asks the user to create in the editor.
		tableId = await server.createDataTable(TABLE, COLUMNS);
		// n8n 1.x's Data Table node has no "By Name" choice (it takes the name for an id): there the
		// user picks the table in each Data Table node after importing (README, Compatibility).
		if (n8n.n8nMajor(runtime) < 2)
			for (const id of [submitId, collectId]) await server.updateWorkflowNodes(id, pickTable);
	}, 180000);

	afterAll(async () => {
		if (server) await server.stop();
	});

	const pickTable = (node) =>
		node.type === 'n8n-nodes-base.dataTable'
			? {
					...node,
					parameters: {
						...node.parameters,
						dataTableId: { __rl: true, mode: 'id', value: tableId },
					},
				}
			: node;

	async function run(workflowId, trigger) {
		const result = await server.runWorkflow(workflowId, trigger);
		expect(result.run.data.resultData.error?.message).toBeUndefined();
		expect(result.status).toBe('success');
		return result.run;
	}
	const rows = async () =>
		(await server.dataTableRows(tableId)).map((row) => ({
			taskId: row.taskId,
			status: row.status,
			description: row.description,
			failReason: row.failReason,
		}));

	test('the first workflow submits once per description and stores each task as a pending row', async () => {
		expect(descriptions.length).toBeGreaterThan(1);
		const before = provider.submits.length;
		const started = Date.now();
		const result = await run(submitId, MANUAL);
		submitted = newSubmits(before);
		expect(submitted).toHaveLength(descriptions.length);
		expect(submitted.map((submit) => submit.body.gpt_description_prompt).sort()).toEqual(
			[...descriptions].sort(),
		);
		expect(submitted.every((submit) => submit.mv === 'chirp-fenix')).toBe(true);

		const items = n8n.nodeItems(result, 'Suno Generate');
		expect(items.map((item) => Object.keys(item).sort())).toEqual(
			items.map(() => ['action', 'request', 'submittedAt', 'taskId']),
		);
		expect(items.map((item) => item.request.gpt_description_prompt)).toEqual(descriptions);
		expect(items.map((item) => item.taskId).sort()).toEqual(
			submitted.map((submit) => submit.taskId).sort(),
		);
		// Not waited for: the run ends long before a song could (the provider's tasks need polls).
		expect(Date.now() - started).toBeLessThan(30000);

		expect(await rows()).toEqual(
			items.map((item) => ({
				taskId: item.taskId,
				status: 'pending',
				description: item.request.gpt_description_prompt,
				failReason: '',
			})),
		);
		const stored = await server.dataTableRows(tableId);
		expect(stored.map((row) => row.submittedAt)).toEqual(items.map((item) => item.submittedAt));
		expect(stored.every((row) => !Number.isNaN(Date.parse(row.submittedAt)))).toBe(true);
	});

	test('the second workflow while the songs are being made: nothing saved, the rows stay pending', async () => {
		const before = provider.submits.length;
		const result = await run(collectId, 'Every 5 minutes');
		const fetched = n8n.nodeItems(result, 'Suno Fetch');
		expect([...new Set(fetched.map((item) => item.taskId))].sort()).toEqual(
			submitted.map((submit) => submit.taskId).sort(),
		);
		expect(fetched.filter((item) => item.taskStatus === 'SUCCESS')).toEqual([]);
		expect(result.data.resultData.runData['Save to disk']).toBeUndefined();
		expect(fs.readdirSync(output)).toEqual([]);
		expect((await rows()).map((row) => row.status)).toEqual(submitted.map(() => 'pending'));
		expect(provider.submits).toHaveLength(before);
	});

	test('the second workflow once the songs are done: every clip saved byte for byte, the rows marked done', async () => {
		provider.advance = 1; // from now on a task moves one stage per millisecond: all are finished
		const before = provider.submits.length;
		const result = await run(collectId, 'Every 5 minutes');
		const clips = n8n.nodeItems(result, 'Suno Fetch');
		expect(clips).toHaveLength(2 * submitted.length);
		expect(clips.every((clip) => clip.taskStatus === 'SUCCESS')).toBe(true);
		expect(fs.readdirSync(output).sort()).toEqual(clips.map(fileOf).sort());
		for (const clip of clips)
			expect(sha256(fs.readFileSync(path.join(output, fileOf(clip))))).toBe(audioOf(clip.clipId));
		expect((await rows()).map((row) => row.status)).toEqual(submitted.map(() => 'done'));
		expect(provider.submits).toHaveLength(before);
	});

	test('the second workflow again: no pending rows, so it asks the provider nothing and submits nothing', async () => {
		const requests = provider.log.length;
		const before = provider.submits.length;
		const table = await rows();
		const files = fs.readdirSync(output).sort();
		const result = await run(collectId, 'Every 5 minutes');
		expect(n8n.nodeItems(result, 'Pending tasks')).toEqual([]);
		expect(result.data.resultData.runData['Suno Fetch']).toBeUndefined();
		expect(provider.log.length).toBe(requests);
		expect(provider.submits).toHaveLength(before);
		expect(await rows()).toEqual(table);
		expect(fs.readdirSync(output).sort()).toEqual(files);
	});

	test('a failed task and an id the provider does not know are marked failed with the reason, and not fetched again', async () => {
		const failed = provider.createTask({ fail: true, failReason: 'Lyrics were flagged.' });
		await server.insertDataTableRows(tableId, [
			{ taskId: failed, status: 'pending', description: 'flagged', failReason: '' },
			{ taskId: 'never-submitted-0001', status: 'pending', description: 'typo', failReason: '' },
		]);
		const files = fs.readdirSync(output).sort();
		await run(collectId, 'Every 5 minutes');
		const table = await rows();
		expect(table.slice(-2)).toEqual([
			{
				taskId: failed,
				status: 'failed',
				description: 'flagged',
				failReason: 'Lyrics were flagged.',
			},
			{
				taskId: 'never-submitted-0001',
				status: 'failed',
				description: 'typo',
				failReason: expect.stringContaining('never-submitted-0001'),
			},
		]);
		expect(fs.readdirSync(output).sort()).toEqual(files);
		const requests = provider.log.length;
		await run(collectId, 'Every 5 minutes');
		expect(provider.log.length).toBe(requests);
	});

	test('the first workflow when a submit is refused: the run stops, adds no row, and its error names the task already paid for', async () => {
		const table = await rows();
		const before = provider.submits.length;
		provider.quota = 1; // the first submit is accepted, the second refused (403, no quota)
		try {
			const result = await server.runWorkflow(submitId, MANUAL);
			expect(result.status).toBe('error');
			const created = newSubmits(before);
			expect(created).toHaveLength(1);
			const error = result.run.data.resultData.error;
			expect(error.message).toContain('quota_not_enough');
			expect(error.description).toContain(created[0].taskId);
			expect(await rows()).toEqual(table);
		} finally {
			provider.quota = Infinity;
		}
	});
});
