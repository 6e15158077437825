'use strict';
/**
 * A real n8n with this package installed, for the demo, the dev server and the e2e tests:
 * installs the runtime (scripts/install-n8n.sh), lays out a throw-away n8n user folder with the
 * built package installed as a community package, and runs n8n's CLI in it.
 */
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-suno-fetch';

/**
 * The n8n to run, as {node, n8n, n8nVersion}: `spawn(node, [n8n, ...args])` runs `n8n <args>`.
 * Which n8n is chosen by the environment alone: N8N_VERSION (default in scripts/install-n8n.sh)
 * and N8N_RUNTIME_DIR for the npm-installed n8n, which is installed with Node 24 if needed; or
 * N8N_DOCKER_IMAGE for n8n's Docker image (scripts/e2e-docker.sh).
 */
function ensureRuntime({ progress = 'inherit' } = {}) {
	if (process.env.N8N_DOCKER_IMAGE) return dockerRuntime(process.env.N8N_DOCKER_IMAGE);
	const dir = execFileSync('bash', [path.join(ROOT, 'scripts', 'install-n8n.sh')], {
		env: withoutNpmSettings(),
		// The install's progress lines go to the terminal; `pipe` keeps them (error.stderr) instead.
		stdio: ['ignore', 'pipe', progress],
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	return JSON.parse(fs.readFileSync(path.join(dir, 'runtime.json'), 'utf8'));
}

/** n8n in a Docker image: each command runs in a container (scripts/lib/n8n-docker.sh). */
function dockerRuntime(image) {
	const node = path.join(ROOT, 'scripts', 'lib', 'n8n-docker.sh');
	const n8nVersion = execFileSync(node, [image, '--version'], { encoding: 'utf8' }).trim();
	return { node, n8n: image, n8nVersion };
}

/** The n8n release line a runtime belongs to (1, 2, 3 …), for what differs between lines. */
function n8nMajor(runtime) {
	return Number(runtime.n8nVersion.split('.')[0]);
}

/** Copies the built package (package.json + dist) where n8n looks for installed community nodes. */
function installPackage(userFolder) {
	if (!fs.existsSync(path.join(ROOT, 'dist', 'nodes')))
		throw new Error('dist/ is missing: run npm run build first');
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
	fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
	const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
	fs.writeFileSync(
		path.join(nodesDir, 'package.json'),
		JSON.stringify(
			{ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } },
			null,
			2,
		),
	);
}

/** A fresh n8n user folder with the package installed. */
function createUserFolder(prefix = 'suno-n8n-') {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	installPackage(userFolder);
	return userFolder;
}

/**
 * The settings this project's .npmrc makes, as the npm_config_* names `npm run` gives them when it
 * hands them to every process it starts (npm run demo, npm test …), plus the project's folder.
 */
function projectNpmSettings() {
	const npmrc = fs.readFileSync(path.join(ROOT, '.npmrc'), 'utf8');
	const keys = npmrc
		.split('\n')
		.map((line) => line.split('=')[0].trim())
		.filter((key) => key && !key.startsWith('#') && !key.startsWith(';'));
	return new Set(
		[...keys, 'local-prefix'].map((key) => `npm_config_${key.replace(/-/g, '_')}`.toLowerCase()),
	);
}

/**
 * The environment without this project's npm settings: the n8n runtime's npm and n8n (which runs
 * npm for community packages) are not this project, and once obeyed its install-script policy.
 * The user's own npm settings (a registry, a cache, a proxy) stay.
 */
function withoutNpmSettings(env = process.env) {
	const project = projectNpmSettings();
	return Object.fromEntries(
		Object.entries(env).filter(([name]) => !project.has(name.toLowerCase())),
	);
}

/**
 * n8n 2 asks api.n8n.io for its MCP server registry and the verified community nodes unless told
 * not to; n8n 1 has neither, and refuses to start on a module name it does not know.
 */
function offlineSettings(runtime) {
	if (n8nMajor(runtime) < 2) return {};
	return { N8N_DISABLED_MODULES: 'mcp-registry', N8N_VERIFIED_PACKAGES_ENABLED: 'false' };
}

/** n8n's settings for a local, quiet, offline instance bound to 127.0.0.1. */
function n8nEnv(runtime, userFolder, extra = {}) {
	return {
		...withoutNpmSettings(),
		// Under Jest NODE_ENV is "test", which silences n8n's logger and with it `execute --rawOutput`.
		NODE_ENV: 'production',
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: 'suno-fetch-local-encryption-key',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		...offlineSettings(runtime),
		N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		DB_SQLITE_POOL_SIZE: '2',
		// `n8n execute --rawOutput` prints the run through the logger at level info.
		N8N_LOG_LEVEL: 'info',
		...extra,
	};
}

/** Runs `n8n <args>` to completion. */
function runN8n(runtime, userFolder, args, { env = {}, timeoutMs = 180000 } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.node, [runtime.n8n, ...args], {
			env: n8nEnv(runtime, userFolder, env),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(
				new Error(`n8n ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stdout}\n${stderr}`),
			);
		}, timeoutMs);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

async function mustRun(runtime, userFolder, args, options) {
	const result = await runN8n(runtime, userFolder, args, options);
	if (result.code !== 0)
		throw new Error(
			`n8n ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
		);
	return result;
}

function writeTemp(userFolder, name, data) {
	const file = path.join(userFolder, name);
	fs.writeFileSync(file, JSON.stringify(data, null, 2));
	return file;
}

/** Every extra operation the package knows, from the build: the local provider offers them all. */
function allExtraOperations() {
	const extras = require(path.join(ROOT, 'dist/nodes/shared/model/extras.js'));
	return Object.keys(extras.EXTRA_OPERATIONS);
}

/** Imports a Suno API credential (n8n encrypts it on import). */
async function importSunoCredential(
	runtime,
	userFolder,
	{
		id = 'sunolocal0000001',
		name = 'Suno (local provider)',
		apiKey,
		baseUrl,
		provider = 'custom',
		extraOperations = [],
	},
) {
	const data = { apiKey, provider, baseUrl: baseUrl ?? '', extraOperations };
	const file = writeTemp(userFolder, `credential-${id}.json`, [
		{ id, name, type: 'sunoApi', data },
	]);
	await mustRun(runtime, userFolder, ['import:credentials', `--input=${file}`]);
	return { id, name };
}

/** Our nodes, and the tool variants n8n makes of them for AI agents and the MCP Server Trigger. */
const SUNO_NODE_TYPES = ['sunoFetch', 'sunoGenerate', 'sunoFetchTool', 'sunoGenerateTool'].map(
	(name) => `${PACKAGE_NAME}.${name}`,
);

/** Imports a workflow, pointing every Suno Fetch and Suno Generate node (or tool) at the given credential. */
async function importWorkflow(runtime, userFolder, workflow, credential) {
	const copy = JSON.parse(JSON.stringify(workflow));
	for (const node of copy.nodes) {
		if (SUNO_NODE_TYPES.includes(node.type) && credential)
			node.credentials = { sunoApi: credential };
	}
	const file = writeTemp(userFolder, `workflow-${copy.id}.json`, [copy]);
	await mustRun(runtime, userFolder, ['import:workflow', `--input=${file}`]);
	return copy.id;
}

/**
 * Activates an imported workflow for the next `n8n start` (its triggers, such as an MCP Server
 * Trigger's endpoint): `publish:workflow` from n8n 2, `update:workflow --active=true` in 1.x.
 */
async function activateWorkflow(runtime, userFolder, workflowId) {
	const args =
		n8nMajor(runtime) >= 2
			? ['publish:workflow', `--id=${workflowId}`]
			: ['update:workflow', `--id=${workflowId}`, '--active=true'];
	await mustRun(runtime, userFolder, args);
}

/** `n8n execute --id … --rawOutput`: returns {code, run} where run is n8n's run data (or null). */
async function executeWorkflow(runtime, userFolder, workflowId, { env, timeoutMs } = {}) {
	const result = await runN8n(
		runtime,
		userFolder,
		['execute', `--id=${workflowId}`, '--rawOutput'],
		{
			env: { N8N_RUNNERS_BROKER_PORT: String(15000 + Math.floor(Math.random() * 10000)), ...env },
			timeoutMs,
		},
	);
	const run = parseRun(result.stdout);
	if (!result.signal) return { ...result, run };
	// n8n 1.123 and 2.41 sometimes crash (SIGSEGV) while exiting on a busy machine, after printing
	// the whole run: that run is n8n's result, and the exit code is the one n8n gives it (1 when the
	// workflow failed). Without a whole run, the crash is the result, with the end of the output.
	if (run?.data?.resultData) {
		console.warn(
			`n8n execute crashed (${result.signal}) after printing its whole run; using that run`,
		);
		return { ...result, code: run.data.resultData.error ? 1 : 0, run };
	}
	const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
	throw new Error(`n8n execute was ended by ${result.signal}; the end of its output:\n${tail}`);
}

/**
 * n8n prints start-up lines before the run's JSON and may log after it: the run is the text from
 * the first line that opens an object to the line that closes it.
 */
function parseRun(stdout) {
	const lines = stdout.split('\n');
	const start = lines.findIndex((line) => line === '{');
	if (start < 0) return null;
	const end = lines.indexOf('}', start);
	try {
		return JSON.parse(lines.slice(start, end + 1).join('\n'));
	} catch {
		return null;
	}
}

/** Output items of one node in an `n8n execute` run. */
function nodeItems(run, nodeName, output = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName] ?? [];
	return runs.flatMap((task) => (task.data?.main?.[output] ?? []).map((item) => item.json));
}

function readExample(name) {
	return JSON.parse(fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8'));
}

/**
 * Points a Read/Write Files from Disk node of an example at another folder: the examples write
 * to `=<folder>/{{ $binary.audio.fileName }}`, and only the folder changes.
 */
function setOutputFolder(workflow, nodeName, folder) {
	const node = workflow.nodes.find((candidate) => candidate.name === nodeName);
	if (!node) throw new Error(`the workflow "${workflow.name}" has no node "${nodeName}"`);
	const { fileName } = node.parameters;
	const at = fileName.indexOf('/{{');
	if (!fileName.startsWith('=') || at < 0)
		throw new Error(`"${nodeName}" does not write to <folder>/{{ … }}: ${fileName}`);
	node.parameters.fileName = `=${folder}${fileName.slice(at)}`;
	return workflow;
}

/**
 * Points an example at `folder` for its files, whichever way it names them: poll-and-store's
 * "Pending tasks" Set node holds the folder; the others write from "Save to disk".
 */
function useOutputFolder(workflow, folder) {
	const settings = workflow.nodes.find(
		(node) => node.name === 'Pending tasks' && node.parameters.assignments,
	);
	if (settings) settings.parameters.assignments.assignments[1].value = folder;
	else if (workflow.nodes.some((node) => node.name === 'Save to disk'))
		setOutputFolder(workflow, 'Save to disk', folder);
	return workflow;
}

module.exports = {
	ROOT,
	allExtraOperations,
	PACKAGE_NAME,
	ensureRuntime,
	n8nMajor,
	createUserFolder,
	installPackage,
	n8nEnv,
	withoutNpmSettings,
	runN8n,
	importSunoCredential,
	importWorkflow,
	activateWorkflow,
	executeWorkflow,
	nodeItems,
	readExample,
	setOutputFolder,
	useOutputFolder,
};
