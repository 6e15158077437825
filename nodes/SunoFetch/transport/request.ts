/**
 * The provider's API: base URL from the credential, bearer auth via the credential's
 * `authenticate`, retries and deadlines (retry.ts), and every failure a NodeApiError that names
 * what to do (errors.ts).
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
} from 'n8n-workflow';

import { isTaskNotFound, normaliseResponse } from '../model/normalise';
import type { Task } from '../model/task';
import { apiError, httpFailure } from './errors';
import {
	networkFailure,
	triedNote,
	withinDeadline,
	withRetries,
	type ProviderResponse,
	type RequestPolicy,
} from './retry';

export const CREDENTIAL_TYPE = 'sunoApi';

interface SunoCredentials {
	apiKey?: string;
	provider?: string;
	baseUrl?: string;
}

/** The credential's base URL, checked: http(s), no user or password, query, fragment or path (a trailing slash is fine). */
function resolveBaseUrl(
	this: IExecuteFunctions,
	credentials: SunoCredentials,
	itemIndex: number,
): string {
	const chosen = credentials.provider === 'custom' ? credentials.baseUrl : credentials.provider;
	const raw = String(chosen ?? '').trim();
	const fail = (problem: string) =>
		new NodeOperationError(this.getNode(), `The credential's Base URL ${problem}`, {
			itemIndex,
			description:
				'Open the Suno API credential and enter the gateway address only, for example https://api.cometapi.com.',
		});
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw fail(`"${raw}" is not a valid URL.`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw fail(`must start with http:// or https:// (it is "${url.protocol}").`);
	}
	if (url.username !== '' || url.password !== '') {
		throw fail('must not contain a user name or password; put the key in the API Key field.');
	}
	if (url.search !== '' || url.hash !== '') {
		throw fail('must not contain a query (?…) or fragment (#…).');
	}
	const path = url.pathname.replace(/\/+$/, '');
	if (/\/v1$/i.test(path)) {
		throw fail(`ends with /v1: remove it. The node calls /suno/fetch on the gateway itself (https://api.example.com, not https://api.example.com/v1).`);
	}
	if (path !== '') {
		throw fail(`must not have a path ("${path}"): enter the gateway address only; the node adds /suno/fetch itself.`);
	}
	return url.origin;
}

interface Connection {
	baseUrl: string;
	apiKey: string | undefined;
}

/**
 * The checked base URL and the key (for masking), once per node run: every request of a run uses
 * the same credential, and n8n's authenticated request reads it again for the header anyway.
 */
const connections = new WeakMap<IExecuteFunctions, Connection>();

async function connectionOf(this: IExecuteFunctions, itemIndex: number): Promise<Connection> {
	const known = connections.get(this);
	if (known) return known;
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE, itemIndex)) as SunoCredentials;
	const connection = { baseUrl: resolveBaseUrl.call(this, credentials, itemIndex), apiKey: credentials.apiKey };
	connections.set(this, connection);
	return connection;
}

/**
 * One authenticated request to the provider, with retries. Returns the response when its status
 * is 2xx or `accept` allows it; throws a NodeApiError otherwise.
 */
export async function sunoApiRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	itemIndex: number,
	options: {
		body?: IDataObject;
		accept?: (response: ProviderResponse) => boolean;
		policy: RequestPolicy;
	},
): Promise<ProviderResponse> {
	const { policy } = options;
	const { baseUrl, apiKey } = await connectionOf.call(this, itemIndex);
	const isWanted = (response: ProviderResponse) =>
		(response.statusCode >= 200 && response.statusCode < 300) || Boolean(options.accept?.(response));
	const outcome = await withRetries(
		async () =>
			await withinDeadline(
				this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
					method,
					url: `${baseUrl}${path}`,
					body: options.body,
					json: true,
					// Kept as text and parsed when read, after the round's other requests are sent.
					encoding: 'text',
					timeout: policy.timeoutMs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				}) as Promise<ProviderResponse>,
				policy.timeoutMs,
			),
		policy,
		this.getExecutionCancelSignal?.(),
		isWanted,
	);
	const fail = (detail: { message: string; description?: string; httpCode?: string }) =>
		apiError.call(this, itemIndex, apiKey, {
			...detail,
			description: [detail.description, triedNote(outcome.attempts)].filter(Boolean).join(' '),
		});
	if ('error' in outcome) {
		const host = new URL(baseUrl).host;
		const hint = 'Check the base URL in the Suno API credential and that the provider is up.';
		throw fail(networkFailure(outcome.error, host, policy, 'The provider', hint));
	}
	if (isWanted(outcome.response)) return outcome.response;
	throw fail({ ...httpFailure(outcome.response), httpCode: String(outcome.response.statusCode) });
}

/** A provider response to tasks, or a NodeApiError saying what the provider sent instead. */
export async function readTasks(
	this: IExecuteFunctions,
	body: unknown,
	itemIndex: number,
	fallbackTaskId: string | null,
): Promise<Task[]> {
	const result = normaliseResponse(body, fallbackTaskId);
	if ('tasks' in result) return result.tasks;
	const { code, message } = result.problem;
	const { apiKey } = await connectionOf.call(this, itemIndex);
	throw apiError.call(this, itemIndex, apiKey, {
		message: `The provider answered with an error${code ? ` (${code})` : ''}: ${message}`,
	});
}

/** The body that stands for "no such task": an envelope holding no tasks. */
const NO_TASKS = { code: 'success', data: null };

/**
 * `GET /suno/fetch/{id}`: the response body, still to be read with `readTasks` (so that the next
 * request need not wait for it). An unknown id gives a body with no tasks.
 */
export async function requestTask(
	this: IExecuteFunctions,
	taskId: string,
	itemIndex: number,
	policy: RequestPolicy,
): Promise<unknown> {
	const response = await sunoApiRequest.call(this, 'GET', `/suno/fetch/${encodeURIComponent(taskId)}`, itemIndex, {
		accept: ({ statusCode, body }) => isTaskNotFound(statusCode, body),
		policy,
	});
	return response.statusCode >= 300 ? NO_TASKS : response.body;
}

/** `POST /suno/fetch` for many ids (the provider leaves out ids it does not know): the response body. */
export async function requestTasks(
	this: IExecuteFunctions,
	taskIds: readonly string[],
	action: string,
	itemIndex: number,
	policy: RequestPolicy,
): Promise<unknown> {
	const body: IDataObject = { ids: [...taskIds] };
	if (action !== '') body.action = action;
	return (await sunoApiRequest.call(this, 'POST', '/suno/fetch', itemIndex, { body, policy })).body;
}

