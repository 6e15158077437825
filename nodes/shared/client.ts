/**
 * The gateway as one run of a node sees it, built once per run: the base URL by the one base-URL
 * rule (settings/baseUrl.ts), the key (only to mask it), the extras the credential ticks, the
 * request policy and, through the context, the execution's cancel signal. Every request a run
 * makes goes through it: task reads (answered as tasks read on demand), paid calls
 * (transport/submit.ts), lyrics timing and clip files; each fails with a SunoFailure that says
 * what to do. Nothing is kept between runs: many executions share one process on a queue-mode
 * worker.
 */
import type { IBinaryData, ICredentialDataDecryptedObject, IExecuteFunctions } from 'n8n-workflow';

import { SunoFailure, type FailureCode } from './failure';
import { isNoChannel, isTaskNotFound, providerErrorOf } from './model/errors';
import { EXTRA_OPERATIONS, offers, type ExtraOperation } from './model/extras';
import { normaliseResponse } from './model/normalise';
import type { PaidCall } from './model/submit';
import type { Task } from './model/task';
import { readTiming, type Timing } from './model/timing';
import { maskOf, redact } from './model/mask';
import { parseJson } from './model/values';
import { BaseUrlError, gatewayBaseUrl } from './settings/baseUrl';
import { downloadFile, type StreamBody } from './transport/download';
import { gatewayFailure, notOffered } from './transport/errors';
import { CREDENTIAL_TYPE, gatewayRequest, type Gateway } from './transport/request';
import type { RequestPolicy } from './transport/retry';
import { sendPaid, type Submitted } from './transport/submit';

/**
 * An answer, read into tasks when called; it throws the SunoFailure for an error the provider
 * answered with instead. Reading waits until a round's other requests are sent (collect.ts):
 * parsing on arrival would hold the next request.
 */
export type Answer = () => Task[];

export interface SunoClient {
	readonly baseUrl: string;
	/** `GET /suno/fetch/{id}`: the task (none when the gateway says it does not exist). */
	getTask(taskId: string): Promise<Answer>;
	/** `POST /suno/fetch`: the tasks the gateway knows among `taskIds` (it leaves out the others). */
	getTasks(taskIds: readonly string[], action: string): Promise<Answer>;
	/** Whether this gateway offers `operation`: documented by its provider, or ticked in the credential. */
	offers(operation: ExtraOperation): boolean;
	/** A paid request, sent again only when the provider surely created nothing. */
	submit(call: PaidCall, itemIndex: number, extra?: ExtraOperation): Promise<Submitted>;
	/** `GET /suno/act/timing/{clip_id}`: the clip's aligned lyrics, or an error naming the clip. */
	timing(clipId: string): Promise<Timing>;
	/** A clip's file into `store`, plain (never with the key), with the same retries. */
	download(
		url: string,
		file: { itemIndex: number; label: string; maxBytes: number },
		store: (body: StreamBody, contentType: string | null) => Promise<IBinaryData>,
	): Promise<IBinaryData>;
	/** The same client whose retries never wait for a Retry-After past `deadline` (epoch ms). */
	until(deadline: number): SunoClient;
	/** `text` with the API key masked: what the provider sends is passed on only so. */
	mask(text: string): string;
}

/**
 * The credential's Extra Operations Offered: a list as the editor saves it, or text from an
 * expression (`concatenate, cover` or a JSON list), by key or by name in any case.
 */
function tickedExtras(given: unknown): ExtraOperation[] {
	let values: unknown[] = Array.isArray(given) ? given : [];
	if (typeof given === 'string') {
		const parsed = parseJson(given.trim());
		values = Array.isArray(parsed) ? parsed : given.split(/[,;\n]+/);
	}
	const wanted = values.map((value) => String(value).replace(/\s+/g, '').toLowerCase());
	return (Object.keys(EXTRA_OPERATIONS) as ExtraOperation[]).filter((operation) =>
		[operation, EXTRA_OPERATIONS[operation].name].some((label) =>
			wanted.includes(label.replace(/\s+/g, '').toLowerCase()),
		),
	);
}

/** The credential's base URL, or why it cannot be used. */
function baseUrlOf(credentials: ICredentialDataDecryptedObject): string | SunoFailure {
	try {
		return gatewayBaseUrl(credentials);
	} catch (error) {
		const description = error instanceof BaseUrlError ? error.description : undefined;
		return new SunoFailure((error as Error).message, { code: 'INVALID_CREDENTIAL', description });
	}
}

/**
 * The credential's key as a mask, for what fails before the client exists (a run-wide setting
 * holding the key); no mask when the credential cannot be read.
 */
export async function credentialMask(
	context: IExecuteFunctions,
): Promise<(text: string) => string> {
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		return maskOf(credentials.apiKey as string | undefined);
	} catch {
		return (text) => text;
	}
}

export async function createClient(
	context: IExecuteFunctions,
	policy: RequestPolicy,
): Promise<SunoClient> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = baseUrlOf(credentials);
	if (baseUrl instanceof SunoFailure) throw baseUrl;
	const ticked = tickedExtras(credentials.extraOperations);
	const gateway = { baseUrl, apiKey: credentials.apiKey as string | undefined, ticked };
	return clientFor(context, gateway, policy);
}

/** What every request of the run shares. */
interface Bound {
	context: IExecuteFunctions;
	gateway: Gateway & { ticked: string[] };
	policy: RequestPolicy;
}

function clientFor(context: IExecuteFunctions, gateway: Bound['gateway'], policy: RequestPolicy) {
	const bound: Bound = { context, gateway, policy };
	const client: SunoClient = {
		baseUrl: gateway.baseUrl,
		async getTask(taskId) {
			const response = await gatewayRequest(context, gateway, {
				method: 'GET',
				path: `/suno/fetch/${encodeURIComponent(taskId)}`,
				policy,
				accept: ({ statusCode, body }) => isTaskNotFound(statusCode, body),
			});
			return () => (response.statusCode >= 300 ? [] : tasksOf(bound, response.body, taskId));
		},
		async getTasks(taskIds, action) {
			const body = action === '' ? { ids: [...taskIds] } : { ids: [...taskIds], action };
			const request = { method: 'POST' as const, path: '/suno/fetch', body, policy };
			const response = await gatewayRequest(context, gateway, request);
			return () => tasksOf(bound, response.body, null);
		},
		offers: (operation) => offers(operation, gateway.baseUrl, gateway.ticked),
		submit: async (call, itemIndex, extra) => await submit(bound, call, itemIndex, extra),
		timing: async (clipId) => await timing(bound, clipId),
		download: async (url, file, store) => await download(bound, url, file, store),
		until: (deadline) => clientFor(context, gateway, { ...policy, deadline }),
		mask: maskOf(gateway.apiKey),
	};
	return client;
}

/** The answer read into tasks, or the error the provider sent instead. */
function tasksOf({ gateway }: Bound, body: unknown, fallbackTaskId: string | null): Task[] {
	const result = normaliseResponse(body, fallbackTaskId);
	if ('tasks' in result) return result.tasks;
	const { code, message } = result.problem;
	throw gatewayFailure(gateway.apiKey, {
		message: `The provider answered with an error${code ? ` (${code})` : ''}: ${message}`,
		code: 'PROVIDER_ERROR',
	});
}

async function submit(
	{ context, gateway, policy }: Bound,
	call: PaidCall,
	itemIndex: number,
	extra?: ExtraOperation,
): Promise<Submitted> {
	const offering = extra === undefined ? undefined : EXTRA_OPERATIONS[extra].name;
	return await sendPaid(context, gateway, { call, policy, itemIndex, offering });
}

/** `GET /suno/act/timing/{clip_id}`: the clip's aligned lyrics, or a failure naming the clip. */
async function timing({ context, gateway, policy }: Bound, clipId: string): Promise<Timing> {
	const path = `/suno/act/timing/${encodeURIComponent(clipId)}`;
	const response = await gatewayRequest(context, gateway, {
		method: 'GET',
		path,
		policy,
		// Read here: an unknown clip, an unfinished one, a gateway without the route (a rejected
		// key and a rate limit are not the route's: request.ts).
		accept: ({ statusCode, body }) =>
			(statusCode >= 400 && statusCode < 500) ||
			(statusCode === 503 && isNoChannel(providerErrorOf(body))),
	});
	const { statusCode } = response;
	const fail = (message: string, description?: string, code: FailureCode = 'REFUSED') =>
		gatewayFailure(gateway.apiKey, { message, description, code, httpCode: String(statusCode) });
	const lacking = notOffered(response, path, EXTRA_OPERATIONS.lyricsTiming.name);
	if (lacking) throw fail(lacking.message, lacking.description, lacking.code);
	// Some gateways say "task_not_exist" with HTTP 200 on this route (suno-extras.md §8).
	if (isTaskNotFound(statusCode < 300 ? 400 : statusCode, response.body)) {
		throw fail(
			`The provider does not know clip ${clipId}.`,
			'Check the Clip ID: the clipId of a Suno Fetch or Suno Generate item, made with this API key.',
			'TASK_NOT_FOUND',
		);
	}
	if (statusCode >= 300) {
		const { code, message } = providerErrorOf(response.body);
		const said = [code, message].filter(Boolean).join(': ');
		throw fail(
			`Suno gave no timing for clip ${clipId} (HTTP ${statusCode}${said ? `: ${said}` : ''}).`,
			'Timing exists only for a finished clip (at some providers only for chirp-auk clips). Wait for its task first (Suno Fetch with Wait for Completion), then ask again.',
		);
	}
	// The words are the provider's text, passed on: never with the key in them.
	const body = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
	const read = readTiming(redact(body, gateway.apiKey));
	if ('problem' in read) {
		const message = `The provider's timing for clip ${clipId} could not be read: ${read.problem.message}`;
		throw fail(message, undefined, 'PROVIDER_ERROR');
	}
	return read;
}

/** A clip's file, plain (never with the key), unless its URL holds the key. */
async function download(
	{ context, gateway, policy }: Bound,
	url: string,
	file: { itemIndex: number; label: string; maxBytes: number },
	store: (body: StreamBody, contentType: string | null) => Promise<IBinaryData>,
): Promise<IBinaryData> {
	// A file URL holding the key would carry it to wherever the file lives.
	if (gateway.apiKey && redact(url, gateway.apiKey) !== url) {
		throw gatewayFailure(gateway.apiKey, {
			message: `The provider gave a URL for the ${file.label} that holds your API key (${url}); it was not downloaded, so the key does not leave the gateway.`,
			code: 'KEY_IN_URL',
			itemIndex: file.itemIndex,
		});
	}
	const { itemIndex, maxBytes, label } = file;
	return await downloadFile(context, url, itemIndex, policy, maxBytes, label, store);
}
