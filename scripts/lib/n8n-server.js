'use strict';
/**
 * A real `n8n start` on 127.0.0.1, driven through the REST API its editor uses: the owner account,
 * data tables, manual runs of a workflow ("Execute workflow" in the editor) and their results.
 *
 * Why not `n8n execute`: in n8n 2.41 that command loads n8n's modules but never initialises them
 * (only `start`, `worker` and `webhook` call `ModuleRegistry.initModules`), so the Data Table node
 * stops there with "Attempted to use Data table node but the module is disabled". Workflows with
 * a Data Table node run here instead, as they do for a user.
 */
const { spawn } = require('node:child_process');
const path = require('node:path');

const n8n = require('./n8n.js');

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Suno',
	lastName: 'Owner',
	password: 'Passw0rd-suno-local',
};

/** Execution statuses after which nothing changes any more. */
const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/**
 * Starts n8n in `userFolder` (workflows and credentials imported before are there), sets up the
 * owner account and returns a client for its REST API. `port` is the editor's; the task runners'
 * broker listens on the next one.
 */
async function startServer(
	runtime,
	userFolder,
	{ env = {}, readyTimeoutMs = 120000, port = 20000 + Math.floor(Math.random() * 20000) } = {},
) {
	const baseUrl = `http://127.0.0.1:${port}`;
	const child = spawn(runtime.node, [runtime.n8n, 'start'], {
		env: n8n.n8nEnv(runtime, userFolder, {
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(port + 1),
			...env,
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const keep = (chunk) => (output = (output + chunk).slice(-20000));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise((resolve) => child.once('exit', resolve));
	let alive = true;
	exited.then(() => (alive = false));

	const server = {
		baseUrl,
		/** The `n8n start` process, for a caller that must be able to end it whatever happens. */
		pid: child.pid,
		cookie: '',
		/** The last 20 kB n8n printed, for error messages. */
		get output() {
			return output;
		},
		async stop() {
			if (alive) child.kill('SIGTERM');
			await exited;
		},
		/** A REST call as the owner; returns the answer's `data`, or throws with the status and body. */
		async api(method, route, body) {
			const response = await fetch(`${baseUrl}/rest${route}`, {
				method,
				headers: {
					'content-type': 'application/json',
					cookie: server.cookie,
					'browser-id': 'suno',
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok)
				throw new Error(`n8n answered ${method} ${route} with ${response.status}: ${text}`);
			return text ? JSON.parse(text).data : undefined;
		},
		/** The owner's personal project, where imported workflows and new data tables live. */
		async personalProjectId() {
			return (await server.api('GET', '/projects/personal')).id;
		},
		/** Creates a data table as the editor's "Create data table" does; returns its id. */
		async createDataTable(name, columns) {
			const projectId = await server.personalProjectId();
			const table = await server.api('POST', `/projects/${projectId}/data-tables`, {
				name,
				columns: columns.map((column) =>
					typeof column === 'string' ? { name: column, type: 'string' } : column,
				),
			});
			return table.id;
		},
		/** The rows of a data table (the first 100), oldest first. */
		async dataTableRows(tableId) {
			const projectId = await server.personalProjectId();
			const page = await server.api(
				'GET',
				`/projects/${projectId}/data-tables/${tableId}/rows?take=100&sortBy=id:asc`,
			);
			return page.data;
		},
		/** Adds rows to a data table, as typing them into the editor's table does. */
		async insertDataTableRows(tableId, rows) {
			const projectId = await server.personalProjectId();
			await server.api('POST', `/projects/${projectId}/data-tables/${tableId}/insert`, {
				data: rows,
				returnType: 'count', // n8n 1.x requires it; 2.x defaults to it
			});
		},
		/** Changes a stored workflow's nodes, as editing them in the editor and saving does. */
		async updateWorkflowNodes(workflowId, change) {
			const workflow = await server.api('GET', `/workflows/${workflowId}`);
			await server.api('PATCH', `/workflows/${workflowId}`, {
				versionId: workflow.versionId,
				nodes: workflow.nodes.map(change),
			});
		},
		/**
		 * Runs a workflow once, as "Execute workflow" on `triggerName` does in the editor, and waits
		 * for the end. Returns {status, run} where `run.data` is the run data `n8n execute` prints.
		 */
		async runWorkflow(workflowId, triggerName, { timeoutMs = 180000 } = {}) {
			// n8n 1.x runs the workflow the editor sends (`workflowData`); 2.x loads the stored one
			// and ignores it.
			const workflowData = await server.api('GET', `/workflows/${workflowId}`);
			const started = await server.api('POST', `/workflows/${workflowId}/run`, {
				workflowData,
				triggerToStartFrom: { name: triggerName },
			});
			if (!started?.executionId)
				throw new Error(`n8n did not start workflow ${workflowId}: ${JSON.stringify(started)}`);
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const execution = await server.api('GET', `/executions/${started.executionId}`);
				if (execution && FINAL.has(execution.status)) {
					return {
						status: execution.status,
						executionId: started.executionId,
						run: { status: execution.status, data: parseExecutionData(runtime, execution.data) },
					};
				}
				if (Date.now() > deadline)
					throw new Error(`execution ${started.executionId} did not end in ${timeoutMs} ms`);
				await new Promise((resolve) => setTimeout(resolve, 250));
			}
		},
	};

	/** Waits until `route` answers 2xx: n8n listens (and its readiness says ok) before it is usable. */
	async function waitUntilOk(route, deadline) {
		for (;;) {
			if (!alive) throw new Error(`n8n start exited before it was ready\n${output}`);
			try {
				if ((await fetch(`${baseUrl}${route}`)).ok) return;
			} catch {
				/* not listening yet */
			}
			if (Date.now() > deadline)
				throw new Error(`n8n did not become ready in ${readyTimeoutMs} ms\n${output}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	try {
		const deadline = Date.now() + readyTimeoutMs;
		await waitUntilOk('/healthz/readiness', deadline);
		// n8n 1.x says ready once its database is, and mounts the REST API seconds later.
		await waitUntilOk('/rest/settings', deadline);
		const setup = await fetch(`${baseUrl}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'browser-id': 'suno' },
			body: JSON.stringify(OWNER),
		});
		if (!setup.ok) throw new Error(`owner setup answered ${setup.status}: ${await setup.text()}`);
		server.cookie = setup.headers
			.getSetCookie()
			.map((value) => value.split(';')[0])
			.join('; ');
		return server;
	} catch (error) {
		await server.stop();
		throw error;
	}
}

/**
 * The REST API sends an execution's data in `flatted` form (it may hold cycles): read with n8n's
 * own flatted, or this project's (a dev tool's dependency) when n8n runs in a Docker image.
 */
function parseExecutionData(runtime, text) {
	const flatted = require(
		require.resolve('flatted', { paths: [path.dirname(path.dirname(runtime.n8n)), n8n.ROOT] }),
	);
	return typeof text === 'string' ? flatted.parse(text) : text;
}

module.exports = { startServer, parseExecutionData, OWNER };
