/**
 * The gateway as one run of a node sees it, built once per run: the base URL by the credential's
 * one rule, the key (only to mask it in errors), the request policy and, through the context, the
 * execution's cancel signal. Operations ask it for tasks and get parsed tasks back, or a
 * NodeApiError that says what to do. Nothing is kept between runs: many executions share one
 * process on a queue-mode worker.
 */
import {
	NodeOperationError,
	type IBinaryData,
	type IDataObject,
	type IExecuteFunctions,
} from 'n8n-workflow';

import { BaseUrlError, gatewayBaseUrl } from '../../credentials/SunoApi.credentials';
import { isTaskNotFound } from './model/errors';
import { normaliseResponse } from './model/normalise';
import type { Task } from './model/task';
import { downloadFile, type StreamBody } from './transport/download';
import { apiError } from './transport/errors';
import { CREDENTIAL_TYPE, gatewayRequest, type Gateway } from './transport/request';
import type { RequestPolicy } from './transport/retry';
import { submitTask, type Submitted } from './transport/submit';

/** The gateways' submit routes: `POST /suno/submit/{music|lyrics}`. */
export type SubmitRoute = 'music' | 'lyrics';

/**
 * An answer, read into tasks when called (or the NodeApiError the provider sent instead). Reading
 * waits until a round's other requests are sent: parsing on arrival would hold the next request.
 */
export type Answer = () => Task[];

export interface SunoClient {
	readonly baseUrl: string;
	/** `GET /suno/fetch/{id}`: the task (none when the gateway says it does not exist). */
	getTask(taskId: string): Promise<Answer>;
	/** `POST /suno/fetch`: the tasks the gateway knows among `taskIds` (it leaves out the others). */
	getTasks(taskIds: readonly string[], action: string): Promise<Answer>;
	/** `POST /suno/submit/{route}`, paid: sent again only when the provider surely created nothing. */
	submit(route: SubmitRoute, body: IDataObject, itemIndex: number): Promise<Submitted>;
	/** A clip's file into `store`, plain (never with the key), with the same retries. */
	download(
		url: string,
		file: { itemIndex: number; label: string; maxBytes: number },
		store: (body: StreamBody, contentType: string | null) => Promise<IBinaryData>,
	): Promise<IBinaryData>;
	/** The same client whose retries never wait for a Retry-After past `deadline` (epoch ms). */
	until(deadline: number): SunoClient;
}

export async function createClient(
	context: IExecuteFunctions,
	policy: RequestPolicy,
): Promise<SunoClient> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	let baseUrl: string;
	try {
		baseUrl = gatewayBaseUrl(credentials);
	} catch (error) {
		const description = error instanceof BaseUrlError ? error.description : undefined;
		throw new NodeOperationError(context.getNode(), (error as Error).message, { description });
	}
	return clientFor(context, { baseUrl, apiKey: credentials.apiKey as string | undefined }, policy);
}

function clientFor(
	context: IExecuteFunctions,
	gateway: Gateway,
	policy: RequestPolicy,
): SunoClient {
	/** The answer read into tasks, or the error the provider sent instead. */
	const tasksOf = (body: unknown, fallbackTaskId: string | null): Task[] => {
		const result = normaliseResponse(body, fallbackTaskId);
		if ('tasks' in result) return result.tasks;
		const { code, message } = result.problem;
		throw apiError(context, gateway.apiKey, {
			message: `The provider answered with an error${code ? ` (${code})` : ''}: ${message}`,
		});
	};
	return {
		baseUrl: gateway.baseUrl,
		async getTask(taskId) {
			const response = await gatewayRequest(context, gateway, {
				method: 'GET',
				path: `/suno/fetch/${encodeURIComponent(taskId)}`,
				policy,
				accept: ({ statusCode, body }) => isTaskNotFound(statusCode, body),
			});
			return () => (response.statusCode >= 300 ? [] : tasksOf(response.body, taskId));
		},
		async getTasks(taskIds, action) {
			const body = action === '' ? { ids: [...taskIds] } : { ids: [...taskIds], action };
			const response = await gatewayRequest(context, gateway, {
				method: 'POST',
				path: '/suno/fetch',
				body,
				policy,
			});
			return () => tasksOf(response.body, null);
		},
		async submit(route, body, itemIndex) {
			return await submitTask(context, gateway, {
				path: `/suno/submit/${route}`,
				body,
				policy,
				itemIndex,
			});
		},
		async download(url, file, store) {
			return await downloadFile(
				context,
				url,
				file.itemIndex,
				policy,
				file.maxBytes,
				file.label,
				store,
			);
		},
		until(deadline) {
			return clientFor(context, gateway, { ...policy, deadline });
		},
	};
}
