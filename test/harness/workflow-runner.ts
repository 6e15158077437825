/**
 * Runs workflows through real n8n-core (WorkflowExecute), the way n8n runs a manual execution:
 * real parameter and expression resolution, real httpRequestWithAuthentication, pairing,
 * continueOnFail. Only what n8n's CLI adds is rebuilt here: a node-type registry and a credentials
 * helper that resolves our credential's generic `authenticate` (so the Authorization header is
 * really sent).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	Credentials,
	ExecuteContext,
	ExecutionLifecycleHooks,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	Expression,
	ICredentialsHelper,
	NodeHelpers,
	createEmptyRunExecutionData,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IRunExecutionData,
	type IWorkflowExecuteAdditionalData,
	type NodeExecutionHint,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { SunoApi } from '../../credentials/SunoApi.credentials';
import { SunoFetch } from '../../nodes/SunoFetch/SunoFetch.node';
import { SunoGenerate } from '../../nodes/SunoGenerate/SunoGenerate.node';

export const SUNO_NODE_TYPE = 'n8n-nodes-suno-fetch.sunoFetch';
export const GENERATE_NODE_TYPE = 'n8n-nodes-suno-fetch.sunoGenerate';
const SEED_NODE_TYPE = 'test.seedItems';

/** A start node that emits the items given in its `items` parameter, like a Manual Trigger with pinned data. */
class SeedItems implements INodeType {
	description = {
		displayName: 'Seed Items',
		name: 'seedItems',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Seed Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' } as INodeProperties,
		],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json) => ({ json }))];
	}
}

/**
 * The tool variant n8n makes of a node (`usableAsTool`): the same node under a type name ending in
 * "Tool", run as the AI Agent runs its tools, as a workflow node (the MCP Server Trigger's way is
 * in the e2e suite).
 */
function toolVariant(node: INodeType): INodeType {
	return {
		description: { ...node.description, name: `${node.description.name}Tool` },
		execute: node.execute,
	};
}

const nodeRegistry: Record<string, INodeType> = {
	[SUNO_NODE_TYPE]: new SunoFetch(),
	[GENERATE_NODE_TYPE]: new SunoGenerate(),
	[`${SUNO_NODE_TYPE}Tool`]: toolVariant(new SunoFetch()),
	[`${GENERATE_NODE_TYPE}Tool`]: toolVariant(new SunoGenerate()),
	[SEED_NODE_TYPE]: new SeedItems(),
};

const nodeTypes: INodeTypes = {
	getByName: (type) => nodeRegistry[type],
	getByNameAndVersion: (type, version) =>
		NodeHelpers.getVersionedNodeType(nodeRegistry[type], version),
	getKnownTypes: () => ({}),
};

const credentialTypes: Record<string, ICredentialType> = { sunoApi: new SunoApi() };

/** n8n resolves credential expressions with `$credentials` in scope; so do we. */
export function resolveCredentialValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	return Expression.resolveWithoutWorkflow(value.slice(1), { $credentials: credentials });
}

class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly store: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		for (const [name, value] of Object.entries(authenticate.properties.headers ?? {})) {
			headers[name] = resolveCredentialValue(value, credentials) as string;
		}
		return { ...requestOptions, headers };
	}

	async preAuthentication(): Promise<undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<undefined> {
		return undefined;
	}

	async getCredentials(details: INodeCredentialsDetails, type: string) {
		return new Credentials({ id: details.id, name: details.name }, type, '');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_details: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const found = this.store[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return { ...found };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

export interface SunoCredentialData {
	apiKey: string;
	provider?: string;
	baseUrl?: string;
	/** Extra operations the gateway offers (the credential's Extra Operations Offered). */
	extraOperations?: string[];
}

export interface RunOptions {
	/** Which of our nodes runs: Suno Fetch (the default) or Suno Generate, or its tool variant. */
	node?: keyof typeof NODES;
	/** Parameters of the node. */
	parameters: IDataObject;
	/** Input items (their json). Defaults to one empty item. */
	items?: IDataObject[];
	credentials: SunoCredentialData;
	/** Node setting "On Error": continue (continueOnFail) instead of stopping. */
	continueOnFail?: boolean;
	/** Node setting "On Error": Continue (using error output). */
	errorOutput?: boolean;
	/** Node setting "Retry On Fail" (n8n's default 3 tries, 1 s apart). */
	retryOnFail?: boolean;
	mode?: WorkflowExecuteMode;
	/** Presses "Stop execution" after this many ms. */
	cancelAfterMs?: number;
}

export interface RunResult {
	status: IRun['status'];
	/** Output items of our node (first output). */
	items: INodeExecutionData[];
	/** Its error output, with On Error → Continue (using error output). */
	errorItems: INodeExecutionData[];
	/** The node's error when the run failed. */
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject; node?: INode };
	hints: NodeExecutionHint[];
	run: IRun;
	/** Milliseconds n8n took to execute the workflow: not this harness's setup or its key scan. */
	ms: number;
}

const NODES = {
	fetch: { name: 'Suno Fetch', type: SUNO_NODE_TYPE },
	generate: { name: 'Suno Generate', type: GENERATE_NODE_TYPE },
	fetchTool: { name: 'Suno Fetch', type: `${SUNO_NODE_TYPE}Tool` },
	generateTool: { name: 'Suno Generate', type: `${GENERATE_NODE_TYPE}Tool` },
};

/**
 * n8n keeps binary data in memory unless a storage manager is set up; n8n's own default is the
 * filesystem mode, which this switches on (for the rest of the process) in a temporary folder.
 */
export async function useFilesystemBinaryMode(): Promise<string> {
	const folder = mkdtempSync(join(tmpdir(), 'suno-binary-'));
	const config = Container.get(BinaryDataConfig);
	config.mode = 'filesystem';
	config.localStoragePath = folder;
	await Container.get(BinaryDataService).init();
	return folder;
}

/** Runs checked for the API key so far, in this test file. */
export const secretScan = { runs: 0 };

/**
 * Every run of every test passes through here: its whole record — items, errors with their
 * descriptions, hints — must not hold the API key (keys shorter than 6 characters are not checked:
 * they would match ordinary words).
 */
function assertNoSecret(run: IRun, apiKey: string): void {
	if (apiKey.length < 6) return;
	secretScan.runs++;
	const record = JSON.stringify(run);
	// As the record's JSON spells it: a key holding `"` or `\` is escaped there.
	const spelled = JSON.stringify(apiKey).slice(1, -1);
	if (record.includes(spelled)) {
		const at = record.indexOf(spelled);
		throw new Error(
			`The API key leaked into the run: …${record.slice(Math.max(0, at - 80), at)}[KEY]…`,
		);
	}
}

export async function runSunoFetch(options: RunOptions): Promise<RunResult> {
	const { name: nodeName, type } = NODES[options.node ?? 'fetch'];
	const nodes: INode[] = [
		{
			id: 'seed',
			name: 'Seed Items',
			type: SEED_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { items: JSON.stringify(options.items ?? [{}]) },
		},
		{
			id: 'suno',
			name: nodeName,
			type,
			typeVersion: 1,
			position: [200, 0],
			parameters: options.parameters as INode['parameters'],
			credentials: { sunoApi: { id: '1', name: 'Suno account' } },
			...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
			...(options.errorOutput ? { onError: 'continueErrorOutput' as const } : {}),
			...(options.retryOnFail ? { retryOnFail: true, waitBetweenTries: 0 } : {}),
		},
	];
	const connections = {
		'Seed Items': { main: [[{ node: nodeName, type: 'main' as const, index: 0 }]] },
	};
	const workflow = new Workflow({
		id: 'wf-test',
		nodes,
		connections,
		nodeTypes,
		active: false,
		settings: {},
	});

	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'exec-1', {
		id: 'wf-test',
		name: 'test',
		nodes,
		connections,
		active: false,
		settings: {},
	} as never);
	const finished = new Promise<IRun>((resolve) =>
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)),
	);

	const credentialsHelper = new TestCredentialsHelper({
		sunoApi: { ...options.credentials } as ICredentialDataDecryptedObject,
	});
	const additionalData = {
		executionId: 'exec-1',
		hooks,
		credentialsHelper,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formWaitingBaseUrl: 'http://127.0.0.1/form-waiting',
		webhookBaseUrl: 'http://127.0.0.1/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1/webhook-test',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const runExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: null,
			nodeExecutionStack: [
				{ node: workflow.getNode('Seed Items')!, data: { main: [[{ json: {} }]] }, source: null },
			],
		},
	} as unknown as IRunExecutionData;

	const started = performance.now();
	const execution = new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	execution.catch(() => undefined); // a cancelled execution rejects; its run still arrives through the hook
	const stop =
		options.cancelAfterMs === undefined
			? undefined
			: setTimeout(() => execution.cancel(), options.cancelAfterMs);
	const run = await finished;
	const ms = performance.now() - started;
	if (stop) clearTimeout(stop);
	assertNoSecret(run, options.credentials.apiKey);
	const taskData = run.data.resultData.runData[nodeName]?.[0];
	return {
		status: run.status,
		items: taskData?.data?.main?.[0] ?? [],
		errorItems: taskData?.data?.main?.[1] ?? [],
		error: run.data.resultData.error as RunResult['error'],
		hints: taskData?.hints ?? [],
		run,
		ms,
	};
}

/**
 * The credential's Test button, as n8n's CLI runs it (CredentialsTester.runRequestTest): the test
 * request becomes the routing of a temporary declarative node, run by n8n-core's RoutingNode with
 * the credential applied. Resolves "OK" or the error message the editor would show.
 */
export async function runCredentialTest(
	data: SunoCredentialData,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const credential = credentialTypes.sunoApi;
	const tempType = {
		description: {
			...new SunoFetch().description,
			credentials: [{ name: 'sunoApi', required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: credential.test!.request },
				},
			],
		},
	} as unknown as INodeType;
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'test.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { sunoApi: { id: '1', name: 'Suno account' } },
	};
	const types: INodeTypes = {
		getByName: () => tempType,
		getByNameAndVersion: () => tempType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types,
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper({
			sunoApi: { ...data } as ICredentialDataDecryptedObject,
		}),
		restApiUrl: 'http://127.0.0.1/rest',
		variables: {},
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createEmptyRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const decrypted = {
		id: '1',
		name: 'Suno account',
		type: 'sunoApi',
		data: { ...data } as ICredentialDataDecryptedObject,
	};
	// Then the test's rules, as the CLI applies them: response codes on failure, body checks on success.
	const rules = credential.test!.rules ?? [];
	let response: INodeExecutionData[][] | undefined;
	try {
		response = await new RoutingNode(context, tempType, decrypted).runNode();
	} catch (error) {
		const status = (error as { cause?: { response?: { status?: number } } }).cause?.response
			?.status;
		if (status === undefined) return { status: 'Error', message: (error as Error).message };
		const rule = rules.find(
			(candidate) => candidate.type === 'responseCode' && candidate.properties.value === status,
		);
		return {
			status: 'Error',
			message: rule ? rule.properties.message : `Received HTTP status code: ${status}`,
		};
	}
	for (const rule of rules) {
		if (rule.type !== 'responseSuccessBody') continue;
		const body = response?.[0]?.[0]?.json as IDataObject | undefined;
		if (body?.[rule.properties.key] === rule.properties.value)
			return { status: 'Error', message: rule.properties.message };
	}
	return { status: 'OK', message: 'Connection tested successfully' };
}
