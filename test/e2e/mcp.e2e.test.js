/**
 * Suno Generate and Suno Fetch as tools behind n8n's MCP Server Trigger, in a real n8n (2.41,
 * Node 24), called as an AI client calls them: with the official MCP TypeScript SDK client over
 * Streamable HTTP (and SSE for the listing), against the local provider. What a client lists; a
 * song slower than the SDK's 60 s request timeout answered within the Tool Time Limit (45 s by
 * default) with its task ID after exactly one submit, then Suno Fetch returning it finished; an
 * unknown ID; a wrong API key. The answers' times and sizes are printed.
 */
const crypto = require('node:crypto');

const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const { SSEClientTransport } = require('@modelcontextprotocol/sdk/client/sse.js');
const {
	StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');

const n8n = require('../../scripts/lib/n8n.js');
const { startServer } = require('../../scripts/lib/n8n-server.js');
const { startWorld, stopWorld } = require('./world.js');

const WRONG_KEY = 'sk-wrong-key-for-the-mcp-test';

let world;
let server;
/** Answer times and sizes, printed at the end. */
const measured = [];

/**
 * The example a user imports (examples/suno-mcp-server.json): the MCP Server Trigger with Suno
 * Generate (Generate Music) and Suno Fetch (Get) as its tools, their inputs filled by the model
 * through $fromAI; here with its own id and path.
 */
function mcpWorkflow(id, path) {
	const workflow = { ...n8n.readExample('suno-mcp-server.json'), id };
	const trigger = workflow.nodes.find((node) => node.type.endsWith('.mcpTrigger'));
	trigger.parameters = { ...trigger.parameters, path };
	trigger.webhookId = crypto.randomUUID();
	return workflow;
}

async function connect(path, Transport = StreamableHTTPClientTransport) {
	const client = new Client({ name: 'suno-e2e', version: '1.0.0' });
	await client.connect(new Transport(new URL(`${server.baseUrl}/mcp/${path}`)));
	return client;
}

/**
 * Calls a tool at `path` as a client does (a session of its own, the SDK's default 60 s request
 * timeout) and records how long the call took and how long its answer is.
 */
async function callTool(path, name, args, label) {
	const client = await connect(path);
	try {
		const started = Date.now();
		const result = await client.callTool({ name, arguments: args });
		const ms = Date.now() - started;
		const text = result.content.map((part) => part.text ?? '').join('');
		measured.push({ call: label, seconds: +(ms / 1000).toFixed(1), characters: text.length });
		return { result, text, ms };
	} finally {
		await client.close();
	}
}

beforeAll(async () => {
	world = await startWorld('suno-e2e-mcp-');
	const { runtime, userFolder, provider, credential } = world;
	const wrong = await n8n.importSunoCredential(runtime, userFolder, {
		id: 'sunowrongkey0001',
		name: 'Suno (wrong key)',
		apiKey: WRONG_KEY,
		baseUrl: provider.url,
	});
	for (const [id, path, cred] of [
		['mcpSunoTools001', 'suno', credential],
		['mcpSunoWrongKey1', 'suno-wrong-key', wrong],
	]) {
		await n8n.importWorkflow(runtime, userFolder, mcpWorkflow(id, path), cred);
		await n8n.activateWorkflow(runtime, userFolder, id);
	}
	server = await startServer(runtime, userFolder);
	// n8n activates workflows after it says it is ready: wait for their endpoints.
	for (const path of ['suno', 'suno-wrong-key']) await reachable(path);
}, 900000);

async function reachable(path, timeoutMs = 90000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await (await connect(path)).close();
			return;
		} catch (error) {
			if (Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

afterAll(async () => {
	if (server) await server.stop();
	await stopWorld(world ?? {});
	if (measured.length > 0)
		process.stdout.write(`MCP answers:\n${JSON.stringify(measured, null, 1)}\n`);
});

test('a client lists both tools with descriptions that say what a call does and costs', async () => {
	for (const Transport of [StreamableHTTPClientTransport, SSEClientTransport]) {
		const client = await connect('suno', Transport);
		const { tools } = await client.listTools();
		await client.close();
		const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
		expect(Object.keys(byName).sort()).toEqual(['Suno_Fetch', 'Suno_Generate']);
		expect(byName.Suno_Generate.description).toMatch(/paid.*1 to 3 minutes/);
		expect(byName.Suno_Generate.description).toMatch(/task ID to get later with Suno Fetch/);
		expect(byName.Suno_Fetch.description).toMatch(/free/);
		expect(byName.Suno_Generate.inputSchema.properties.Song_Description.description).toMatch(
			/What the song is about/,
		);
		expect(byName.Suno_Fetch.inputSchema.required).toEqual(['Task_ID']);
	}
});

test('a song slower than the client waits: answered within the time limit with its task ID, one submit; then Fetch has it finished', async () => {
	const { provider } = world;
	const submitsBefore = provider.submits.length;
	provider.submitDurationMs = [70000, 70000]; // longer than the SDK's 60 s default timeout
	try {
		const generated = await callTool(
			'suno',
			'Suno_Generate',
			{ Song_Description: 'a calm lo-fi song about rain on a Sunday morning' },
			'Generate, song not ready (Tool Time Limit 45 s)',
		);
		expect(generated.result.isError).toBeFalsy();
		expect(generated.ms).toBeLessThan(50000);
		expect(generated.ms).toBeGreaterThan(35000);
		const submits = provider.submits.slice(submitsBefore);
		expect(submits).toHaveLength(1);
		const { taskId } = submits[0];
		const clips = JSON.parse(generated.text);
		expect(clips.map((clip) => [clip.taskId, clip.taskStatus])).toEqual([
			[taskId, 'IN_PROGRESS'],
			[taskId, 'IN_PROGRESS'],
		]);
		expect(clips[0].note).toMatch(/Suno Fetch \(free\).*Do not submit it again/);

		const early = await callTool('suno', 'Suno_Fetch', { Task_ID: taskId }, 'Fetch, unfinished');
		expect(JSON.parse(early.text)[0]).toMatchObject({ taskId, taskStatus: 'IN_PROGRESS' });

		provider.tasks.get(taskId).live.finishAt = Date.now(); // a minute later
		const later = await callTool('suno', 'Suno_Fetch', { Task_ID: taskId }, 'Fetch, 2-clip song');
		const finished = JSON.parse(later.text);
		expect(finished).toEqual([
			expect.objectContaining({ taskId, taskStatus: 'SUCCESS', lyrics: expect.any(String) }),
			expect.not.objectContaining({ lyrics: expect.anything() }),
		]);
		for (const clip of finished) {
			expect(clip.audioUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/.+\.mp3$/);
			expect(clip.duration).toBeGreaterThan(0);
		}
		expect(later.text.length).toBeLessThan(1200);
		expect(provider.submits).toHaveLength(submitsBefore + 1);
	} finally {
		provider.submitDurationMs = null;
	}
}, 180000);

test('an unknown task ID: a NOT_FOUND answer that says why and what to do, at no cost', async () => {
	const { result, text } = await callTool(
		'suno',
		'Suno_Fetch',
		{ Task_ID: 'no-such-task-1234' },
		'Fetch, unknown id',
	);
	expect(result.isError).toBeFalsy();
	expect(JSON.parse(text)).toEqual([
		{
			taskId: 'no-such-task-1234',
			taskStatus: 'NOT_FOUND',
			failReason: expect.stringMatching(/not found/),
			// A replica may list a task submitted moments ago a little later.
			note: expect.stringMatching(/fetch it again in a minute, and do not submit it again/),
		},
	]);
});

test('a wrong API key: an error the client can read, without the key, and nothing submitted', async () => {
	const { provider } = world;
	const submitsBefore = provider.submits.length;
	const { result, text } = await callTool(
		'suno-wrong-key',
		'Suno_Generate',
		{ Song_Description: 'a song about keys' },
		'Generate, wrong key',
	);
	expect(result.isError).toBe(true);
	expect(text).toMatch(/API key/i);
	expect(text).not.toContain(WRONG_KEY);
	expect(provider.submits).toHaveLength(submitsBefore);
});
