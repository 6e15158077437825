/**
 * The queue-mode world (issue #12): the local provider, n8n in queue mode (scripts/lib/queue.js:
 * PostgreSQL, Redis, one main, workers), a Suno API credential pointing at the provider, and the
 * few things the suite asks of n8n's main instance: workflows created and published through its
 * REST API, webhooks called, executions read (with the process that ran them), files read back from
 * n8n's binary store, executions stopped.
 */
const crypto = require('node:crypto');

const n8n = require('../../scripts/lib/n8n.js');
const queue = require('../../scripts/lib/queue.js');
const { parseExecutionData } = require('../../scripts/lib/n8n-server.js');
const { LocalSunoProvider } = require('../provider/provider.js');

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Whether the suite can run here: `{run, message}`. Without redis-server or PostgreSQL's server it
 * is skipped with a message naming the command that installs them — except in CI (`CI` set), where
 * it runs and fails on the missing servers.
 */
function availability(env = process.env) {
	const { missing, install } = queue.findTools(env);
	if (missing.length === 0) return { run: true, missing };
	const message =
		`Queue-mode suite ${env.CI ? 'cannot run' : 'skipped'}: ${missing.map((entry) => entry.tool).join(' and ')} ` +
		`not found. Install with: ${install} (or point SUNO_REDIS_SERVER / SUNO_PG_BIN at them).`;
	return { run: Boolean(env.CI), missing, message };
}

const MANUAL = 'Manual';

const node = (name, type, typeVersion, position, parameters, extra = {}) => ({
	id: crypto.randomUUID(),
	name,
	type,
	typeVersion,
	position,
	parameters,
	...extra,
});
const chain = (...names) =>
	Object.fromEntries(
		names
			.slice(0, -1)
			.map((name, index) => [
				name,
				{ main: [[{ node: names[index + 1], type: 'main', index: 0 }]] },
			]),
	);

/**
 * Webhook (POST /webhook/<path>, answered by the Respond node) → the Suno node → Respond to
 * Webhook with the execution's id and, per output item, its task, clip and binary data id.
 */
function webhookWorkflow(name, path, suno) {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(
				'Webhook',
				'n8n-nodes-base.webhook',
				2,
				[0, 0],
				{ httpMethod: 'POST', path, responseMode: 'responseNode', options: {} },
				{ webhookId: crypto.randomUUID() },
			),
			{ ...suno, position: [240, 0] },
			node('Respond', 'n8n-nodes-base.respondToWebhook', 1.1, [480, 0], {
				respondWith: 'json',
				responseBody:
					'={{ { executionId: $execution.id, clips: $input.all().map(item => ({ taskId: item.json.taskId, clipId: item.json.clipId, taskStatus: item.json.taskStatus, file: item.binary && item.binary.audio ? item.binary.audio.id : null })) } }}',
				options: {},
			}),
		],
		connections: chain('Webhook', suno.name, 'Respond'),
	};
}

/** Manual Trigger → the Suno node. */
function manualWorkflow(name, suno) {
	return {
		name,
		settings: { executionOrder: 'v1' },
		nodes: [
			node(MANUAL, 'n8n-nodes-base.manualTrigger', 1, [0, 0], {}),
			{ ...suno, position: [240, 0] },
		],
		connections: chain(MANUAL, suno.name),
	};
}

const sunoFetch = (parameters) =>
	node('Suno Fetch', 'n8n-nodes-suno-fetch.sunoFetch', 1, [0, 0], { options: {}, ...parameters });
const sunoGenerate = (parameters) =>
	node('Suno Generate', 'n8n-nodes-suno-fetch.sunoGenerate', 1, [0, 0], {
		operation: 'generateMusic',
		mode: 'description',
		options: {},
		...parameters,
	});

/**
 * Starts the provider and the rig, and creates the credential. `concurrency`: each worker's;
 * `settings`: Bull's lock and stalled-check times (see queueEnv in scripts/lib/queue.js);
 * `binaryMode`: where n8n keeps the downloaded files ('database' or a shared 'filesystem').
 */
async function startQueueWorld({ workers = 2, concurrency, settings, binaryMode } = {}) {
	const { install } = queue.findTools();
	if (install) throw new Error(`queue mode needs servers that are not installed: ${install}`);
	const runtime = n8n.ensureRuntime(); // first time on a machine: about 4 to 6 minutes
	const provider = await new LocalSunoProvider().start();
	let rig;
	try {
		rig = await queue.startQueueRig({ runtime, workers, concurrency, settings, binaryMode });
	} catch (error) {
		await provider.stop();
		throw error;
	}
	const world = {
		runtime,
		provider,
		rig,
		get main() {
			return rig.main;
		},
		worker: (name) => rig.workers.find((worker) => worker.name === name),
		credential: null,

		async stop() {
			try {
				await rig.stop();
			} finally {
				await provider.stop();
			}
		},

		/** Creates a workflow (every Suno node on the provider's credential); returns its id. */
		async createWorkflow(workflow, { publish = false } = {}) {
			for (const candidate of workflow.nodes) {
				if (candidate.type.startsWith(`${n8n.PACKAGE_NAME}.`))
					candidate.credentials = { sunoApi: world.credential };
			}
			const created = await rig.main.api('POST', '/workflows', { ...workflow, active: false });
			if (publish) {
				// Publishing (n8n 2.x) names the version to run: the one just saved.
				const { versionId } = await rig.main.api('GET', `/workflows/${created.id}`);
				const published = await rig.main.api('POST', `/workflows/${created.id}/activate`, {
					versionId,
				});
				if (!published?.active)
					throw new Error(`workflow ${created.id} was not published: ${JSON.stringify(published)}`);
				// In queue mode the main registers a published workflow's webhooks a moment later (a
				// command through Redis): wait until a CORS preflight lists each one's method.
				for (const hook of workflow.nodes.filter((n) => n.type === 'n8n-nodes-base.webhook')) {
					await world.until(`webhook ${hook.parameters.path} registered`, async () => {
						const response = await fetch(`${rig.main.baseUrl}/webhook/${hook.parameters.path}`, {
							method: 'OPTIONS',
							headers: { origin: 'http://127.0.0.1' },
						});
						await response.arrayBuffer();
						const methods = response.headers.get('access-control-allow-methods') ?? '';
						return methods.split(/,\s*/).includes(hook.parameters.httpMethod);
					});
				}
			}
			return created.id;
		},

		/** POSTs JSON to a production webhook of the main; returns {status, body, ms}. */
		async webhook(path, body) {
			const started = Date.now();
			const response = await fetch(`${rig.main.baseUrl}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			const text = await response.text();
			let parsed = text;
			try {
				parsed = JSON.parse(text);
			} catch {
				/* not JSON */
			}
			return { status: response.status, body: parsed, ms: Date.now() - started };
		},

		/** Starts a workflow as the editor's "Execute workflow" does; returns the execution id. */
		async runManually(workflowId) {
			const started = await rig.main.api('POST', `/workflows/${workflowId}/run`, {
				triggerToStartFrom: { name: MANUAL },
			});
			if (!started?.executionId)
				throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
			return String(started.executionId);
		},

		/** An execution as the main's REST API gives it, `data` parsed (n8n's run data). */
		async execution(id) {
			const execution = await rig.main.api('GET', `/executions/${id}`);
			return { ...execution, data: parseExecutionData(runtime, execution.data) };
		},

		/** Waits until the execution has ended; returns it. */
		async waitForExecution(id, { timeoutMs = 120000 } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const execution = await rig.main.api('GET', `/executions/${id}`);
				if (execution && FINAL.has(execution.status))
					return { ...execution, data: parseExecutionData(runtime, execution.data) };
				if (Date.now() > deadline)
					throw new Error(
						`execution ${id} did not end in ${timeoutMs} ms (status ${execution?.status})`,
					);
				await sleep(250);
			}
		},

		async stopExecution(id) {
			return await rig.main.api('POST', `/executions/${id}/stop`);
		},

		/** A file from n8n's binary store, by the id in an item's binary data, through the main. */
		async binary(id) {
			const response = await fetch(
				`${rig.main.baseUrl}/rest/binary-data?id=${encodeURIComponent(id)}&action=download`,
				{ headers: { cookie: rig.main.cookie, 'browser-id': 'suno' } },
			);
			if (!response.ok)
				throw new Error(`binary data ${id}: ${response.status} ${await response.text()}`);
			return Buffer.from(await response.arrayBuffer());
		},

		/** Execution ids each worker has started, from its log ("Worker started execution N"). */
		startedBy() {
			return Object.fromEntries(
				rig.workers.map((worker) => [
					worker.name,
					[...worker.log().matchAll(/Worker started execution (\d+) \(job/g)].map(
						(match) => match[1],
					),
				]),
			);
		},

		/** The workers whose logs say they started this execution. */
		ranBy(executionId) {
			return Object.entries(world.startedBy())
				.filter(([, ids]) => ids.includes(String(executionId)))
				.map(([name]) => name);
		},

		/** Waits until `check()` is truthy; returns its value. */
		async until(what, check, { timeoutMs = 30000, everyMs = 100 } = {}) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const value = await check();
				if (value) return value;
				if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
				await sleep(everyMs);
			}
		},
	};
	try {
		const credential = await rig.main.api('POST', '/credentials', {
			name: 'Suno (local provider)',
			type: 'sunoApi',
			data: { apiKey: provider.apiKey, provider: 'custom', baseUrl: provider.url },
		});
		world.credential = { id: credential.id, name: credential.name };
	} catch (error) {
		await world.stop();
		throw error;
	}
	return world;
}

module.exports = {
	availability,
	startQueueWorld,
	webhookWorkflow,
	manualWorkflow,
	sunoFetch,
	sunoGenerate,
	sleep,
};
