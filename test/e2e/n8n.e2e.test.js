/**
 * The built package in a real n8n (the one scripts/lib/n8n.js picks: 2.41.1 by default,
 * N8N_VERSION=1.123.81 for the 1.x line), driven the way a user's n8n runs it: installed as a
 * community package, credential and workflows imported with n8n's CLI, workflows executed headless
 * with `n8n execute`, the credential tested through n8n's REST API. The provider is the local one
 * on 127.0.0.1.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../../scripts/lib/n8n.js');
const { startWorld, stopWorld } = require('./world.js');
const { startServer } = require('../../scripts/lib/n8n-server.js');
const { mediaBytes } = require('../provider/provider.js');

let runtime;
let provider;
let userFolder;
let credential;

const sha256 = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex');

beforeAll(async () => {
	({ runtime, provider, userFolder, credential } = await startWorld('suno-e2e-', {
		seedDemo: true,
	}));
}, 900000);

afterAll(async () => await stopWorld({ provider, userFolder }));

async function execute(workflow, options) {
	const id = await n8n.importWorkflow(
		runtime,
		userFolder,
		workflow,
		options?.credential ?? credential,
	);
	return n8n.executeWorkflow(runtime, userFolder, id, options);
}

test('example "get one task": one item per clip, with its task', async () => {
	const result = await execute(n8n.readExample('get-one-task.json'));
	expect(result.code).toBe(0);
	const runs = result.run.data.resultData.runData['Suno Fetch'];
	const items = runs[0].data.main[0];
	expect(
		items.map((item) => [
			item.json.taskId,
			item.json.taskStatus,
			item.json.clipIndex,
			item.json.title,
		]),
	).toEqual([
		['demo-0001-midnight-drive', 'SUCCESS', 0, 'Midnight Drive'],
		['demo-0001-midnight-drive', 'SUCCESS', 1, 'Midnight Drive'],
	]);
	expect(items[0].json.audioUrl).toMatch(new RegExp(`^${provider.url}/media/[0-9a-f-]+\\.mp3$`));
	expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	const request = provider.log.find(
		(entry) => entry.path === '/suno/fetch/demo-0001-midnight-drive',
	);
	expect(request.headers.authorization).toBe(`Bearer ${provider.apiKey}`);
});

test('example "fetch many tasks": every state, the user order, a NOT_FOUND item and its hint', async () => {
	const result = await execute(n8n.readExample('fetch-many-tasks.json'));
	expect(result.code).toBe(0);
	const task = result.run.data.resultData.runData['Suno Fetch'][0];
	const rows = task.data.main[0].map(
		({ json }) => `${json.taskId} ${json.taskStatus} ${json.clipIndex}`,
	);
	expect(rows).toEqual([
		'demo-0001-midnight-drive SUCCESS 0',
		'demo-0001-midnight-drive SUCCESS 1',
		'demo-0002-harbour-lights SUCCESS 0',
		'demo-0002-harbour-lights SUCCESS 1',
		'demo-0003-still-rendering IN_PROGRESS 0',
		'demo-0003-still-rendering IN_PROGRESS 1',
		'demo-0004-lyrics SUCCESS undefined', // a lyrics item has no clip fields
		'demo-0005-rejected FAILURE 0',
		'demo-0005-rejected FAILURE 1',
		'demo-0006-never-submitted NOT_FOUND null',
	]);
	expect(task.hints.map((hint) => hint.message)).toEqual([
		'1 task id was not found: demo-0006-never-submitted',
	]);
});

test('example "poll and store": the node downloads finished clips and n8n writes them to disk, byte for byte', async () => {
	const output = path.join(userFolder, 'songs');
	fs.mkdirSync(output);
	const workflow = n8n.readExample('poll-and-store.json');
	workflow.nodes.find(
		(node) => node.name === 'Pending tasks',
	).parameters.assignments.assignments[1].value = output;
	const result = await execute(workflow, { env: { N8N_RESTRICT_FILE_ACCESS_TO: output } });
	expect(result.code).toBe(0);
	expect(n8n.nodeItems(result.run, 'Suno Fetch')).toHaveLength(6);
	const saved = n8n.nodeItems(result.run, 'Only finished clips');
	expect(saved.map((item) => item.title)).toEqual([
		'Midnight Drive',
		'Midnight Drive',
		'Harbour Lights',
		'Harbour Lights',
	]);
	const files = fs.readdirSync(output).sort();
	expect(files).toHaveLength(4);
	const fetched = result.run.data.resultData.runData['Suno Fetch'][0].data.main[0];
	// Where n8n keeps the files by default: on disk from 2.0 (the only choice left in 3.0), in the
	// item itself ("default", in memory) in 1.x. The node hands them to n8n the same way in both.
	const store = (binary) => binary.id?.split(':')[0] ?? (binary.data ? 'in memory' : 'nowhere');
	expect(
		fetched.filter((item) => item.binary?.audio).map((item) => store(item.binary.audio)),
	).toEqual(Array(4).fill(n8n.n8nMajor(runtime) >= 2 ? 'filesystem-v2' : 'in memory'));
	expect(fetched.filter((item) => !item.binary).map((item) => item.json.downloadSkipped)).toEqual([
		'The clip is not finished (streaming): its files are not ready yet.',
		'The clip is not finished (streaming): its files are not ready yet.',
	]);
	const mediaRequests = provider.log.filter((entry) => entry.path.startsWith('/media/'));
	expect(mediaRequests.map((entry) => entry.headers.authorization)).toEqual(
		Array(4).fill(undefined),
	);
	for (const item of saved) {
		const file = `${item.title}-${item.clipId.slice(0, 8)}.mp3`;
		expect(files).toContain(file);
		expect(sha256(fs.readFileSync(path.join(output, file)))).toBe(
			sha256(mediaBytes(`${item.clipId}.mp3`, 64 * 1024)),
		);
	}
});

test('a wrong key fails the run with the authentication error, and the key is nowhere in the output', async () => {
	const bad = await n8n.importSunoCredential(runtime, userFolder, {
		id: 'sunobadkey000001',
		name: 'Suno (wrong key)',
		apiKey: 'sk-e2e-wrong-key-4711',
		baseUrl: provider.url,
	});
	const workflow = { ...n8n.readExample('get-one-task.json'), id: 'sunoWrongKeyRun1' };
	const result = await execute(workflow, { credential: bad });
	expect(result.code).toBe(1);
	const error = result.run?.data?.resultData?.error;
	expect(error?.message ?? result.stdout).toContain(
		'The provider rejected the API key (HTTP 401): check the API key and the base URL in the Suno API credential.',
	);
	expect(result.stdout + result.stderr).not.toContain('sk-e2e-wrong-key-4711');
});

test('n8n’s SSRF protection covers the node’s requests: a gateway on a blocked address fails the run saying so; allowing its range lets it through', async () => {
	const workflow = { ...n8n.readExample('get-one-task.json'), id: 'sunoSsrfProtect1' };
	const protection = { N8N_SSRF_PROTECTION_ENABLED: 'true' };
	const before = provider.log.length;
	const blocked = await execute(workflow, { env: protection });
	if (n8n.n8nMajor(runtime) >= 2) {
		expect(blocked.code).toBe(1);
		expect(blocked.run.data.resultData.error.description).toContain(
			'The request was blocked because it resolves to a restricted IP address.',
		);
		expect(provider.log.length).toBe(before);
	} else {
		// n8n 1.x has no SSRF protection: the setting does nothing there.
		expect(blocked.code).toBe(0);
	}
	// What docs/N8N-3.md tells the owner of a gateway on a private address to set.
	const allowed = await execute(workflow, {
		env: { ...protection, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.0/8' },
	});
	expect(allowed.code).toBe(0);
	expect(n8n.nodeItems(allowed.run, 'Suno Fetch').map((item) => item.taskId)).toEqual([
		'demo-0001-midnight-drive',
		'demo-0001-midnight-drive',
	]);
});

describe('the credential test in n8n’s editor API', () => {
	let server;

	beforeAll(async () => {
		server = await startServer(runtime, userFolder);
	}, 180000);

	afterAll(async () => {
		if (server) await server.stop();
	});

	/**
	 * The credential's message for an HTTP error answer (its `rules`), or what n8n 1.x shows instead:
	 * its credential tester does not find the status in the error its request helper throws, so it
	 * shows n8n's generic text for that status (README, Compatibility). The test fails either way.
	 */
	const forHttpError = (ours, n8n1x) => (n8n.n8nMajor(runtime) >= 2 ? ours : n8n1x);

	/** What the editor's "Test" button gets back (the call itself must succeed). */
	const testCredential = (data) =>
		server.api('POST', '/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: 'sunoApi', data },
		});

	test('passes with the right key and creates nothing', async () => {
		const before = provider.counters.submit;
		const result = await testCredential({
			apiKey: provider.apiKey,
			provider: 'custom',
			baseUrl: `${provider.url}/`,
		});
		expect(result.status).toBe('OK');
		expect(provider.counters.submit).toBe(before);
		expect(provider.log.at(-1)).toMatchObject({
			method: 'POST',
			path: '/suno/fetch',
			body: '{"ids":[]}',
		});
	});

	test('fails with a wrong key', async () => {
		const result = await testCredential({
			apiKey: 'sk-wrong',
			provider: 'custom',
			baseUrl: provider.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			forHttpError(
				/^The provider rejected the API key \(HTTP 401\)/,
				/^Authorization failed - please check your credentials$/,
			),
		);
	});

	test('uses the node’s base-URL rule: spaces and a trailing slash pass, a trailing /v1 fails saying why', async () => {
		expect(
			(
				await testCredential({
					apiKey: provider.apiKey,
					provider: 'custom',
					baseUrl: ` ${provider.url}/ `,
				})
			).status,
		).toBe('OK');
		const sent = provider.log.length;
		const result = await testCredential({
			apiKey: provider.apiKey,
			provider: 'custom',
			baseUrl: `${provider.url}/v1`,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toContain("The credential's Base URL ends with /v1: remove it.");
		expect(provider.log.length).toBe(sent);
	});

	test('says what is wrong when the Base URL is not the gateway’s Suno route: a 404, a web page', async () => {
		const notFound = await testCredential({
			apiKey: provider.apiKey,
			provider: 'custom',
			baseUrl: `${provider.url}/wrong-prefix`,
		});
		expect(notFound).toMatchObject({
			status: 'Error',
			message: forHttpError(
				expect.stringContaining('HTTP 404 for /suno/fetch'),
				'The resource you are requesting could not be found',
			),
		});
		provider.setRoute('POST', '/suno/fetch', {
			status: 200,
			body: '<!doctype html><html><body>dashboard</body></html>',
		});
		try {
			const page = await testCredential({
				apiKey: provider.apiKey,
				provider: 'custom',
				baseUrl: provider.url,
			});
			expect(page).toMatchObject({
				status: 'Error',
				message: expect.stringContaining('not as a Suno gateway does'),
			});
		} finally {
			provider.routes.clear();
		}
	});

	test('the node and its credential are loaded in the editor', async () => {
		const response = await fetch(`${server.baseUrl}/types/nodes.json`, {
			headers: { cookie: server.cookie, 'browser-id': 'suno' },
		});
		const types = await response.json();
		const node = types.find((type) => type.name === 'n8n-nodes-suno-fetch.sunoFetch');
		expect(node).toMatchObject({ displayName: 'Suno Fetch', usableAsTool: true });
	});
});

test('every example can be pointed at one output folder, as npm run dev does', () => {
	const folder = '/tmp/suno-dev-songs';
	for (const name of fs.readdirSync(path.join(n8n.ROOT, 'examples'))) {
		const workflow = n8n.useOutputFolder(n8n.readExample(name), folder);
		// poll-and-store writes to the folder its "Pending tasks" Set node holds.
		const setNode = workflow.nodes.find((node) => node.parameters.assignments);
		const outputFolder = setNode?.parameters.assignments.assignments.find(
			(assignment) => assignment.name === 'outputFolder',
		)?.value;
		const writers = workflow.nodes.filter((node) => node.type === 'n8n-nodes-base.readWriteFile');
		for (const { parameters } of writers) {
			const target = parameters.fileName.replace(
				"{{ $('Pending tasks').first().json.outputFolder }}",
				outputFolder,
			);
			expect([name, target]).toEqual([
				name,
				expect.stringMatching(/^=\/tmp\/suno-dev-songs\/\{\{/),
			]);
		}
	}
});
