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

import { BaseUrlError, gatewayBaseUrl as baseUrlOf } from '../../../credentials/SunoApi.credentials';
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
	const credentials = await this.getCredentials(CREDENTIAL_TYPE, itemIndex);
	let baseUrl: string;
	try {
		baseUrl = baseUrlOf(credentials);
	} catch (error) {
		const description = error instanceof BaseUrlError ? error.description : undefined;
		throw new NodeOperationError(this.getNode(), (error as Error).message, { itemIndex, description });
	}
	const connection = { baseUrl, apiKey: credentials.apiKey as string | undefined };
	connections.set(this, connection);
	return connection;
}

/** The gateway's base URL for this run, by the credential's one rule. */
export async function gatewayBaseUrl(this: IExecuteFunctions): Promise<string> {
	return (await connectionOf.call(this, 0)).baseUrl;
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
					// Relative: the credential's `authenticate` puts the gateway's base URL in front,
					// so the key can only go there; redirects are not followed for the same reason.
					url: path,
					disableFollowRedirect: true,
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
	throw fail({ ...httpFailure(outcome.response, baseUrl, path), httpCode: String(outcome.response.statusCode) });
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

