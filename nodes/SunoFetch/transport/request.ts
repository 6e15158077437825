/**
 * The one module that talks HTTP to the provider: base URL from the credential, bearer auth via
 * the credential's `authenticate`, timeouts, and every failure turned into a NodeApiError that
 * names what to do. Nothing here ever puts the API key into a message.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { pause } from '../helpers/pause';
import { isTaskNotFound, normaliseResponse, providerErrorOf } from '../model/normalise';
import type { Task } from '../model/task';

export const CREDENTIAL_TYPE = 'sunoApi';

/** How hard to try: fetching only reads, so repeating a request is always safe. */
export interface RequestPolicy {
	/** Retries after the first attempt for 429, 5xx and network errors; other 4xx never. */
	retries: number;
	timeoutMs: number;
}

export const DEFAULT_POLICY: RequestPolicy = { retries: 3, timeoutMs: 60_000 };

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** A Retry-After longer than this is not worth holding the workflow for. */
const RETRY_AFTER_CAP_MS = 120_000;
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_BAD_RESPONSE', // the answer broke off mid-body ("stream has been aborted")
]);

interface SunoCredentials {
	apiKey?: string;
	provider?: string;
	baseUrl?: string;
}

interface ProviderResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

/** Capped exponential backoff with jitter: 0.5–1× of base·2^attempt. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function retryAfterMs(value: unknown, now = Date.now()): number | null {
	const header = Array.isArray(value) ? value[0] : value;
	if (typeof header !== 'string' && typeof header !== 'number') return null;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function isRetryableStatus(statusCode: number): boolean {
	return statusCode === 429 || statusCode >= 500;
}

function networkCode(error: unknown): string | undefined {
	const failure = error as { cause?: { code?: string }; code?: string };
	return failure.cause?.code ?? failure.code;
}

/** The credential's base URL, checked: http(s), no user or password, query, fragment or path (a trailing slash is fine). */
export function resolveBaseUrl(
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

/** Keys shorter than this are not real keys, and masking them would garble ordinary words. */
const MIN_SECRET_LENGTH = 6;

function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= MIN_SECRET_LENGTH ? text.split(secret).join('***') : text;
}

function apiError(
	this: IExecuteFunctions,
	itemIndex: number,
	apiKey: string | undefined,
	detail: { message: string; description?: string; httpCode?: string },
): NodeApiError {
	const message = redact(detail.message, apiKey);
	const description = detail.description ? redact(detail.description, apiKey) : undefined;
	return new NodeApiError(this.getNode(), { message } as JsonObject, {
		message,
		description,
		httpCode: detail.httpCode,
		itemIndex,
	});
}

function httpFailure(response: ProviderResponse): { message: string; description?: string } {
	const { code, message } = providerErrorOf(response.body);
	const said = message ?? code ?? undefined;
	if (response.statusCode === 401 || response.statusCode === 403) {
		return {
			message: `The provider rejected the API key (HTTP ${response.statusCode}): check the API key and the base URL in the Suno API credential.`,
			description: said,
		};
	}
	if (response.statusCode === 429) {
		return { message: 'The provider is rate limiting requests (HTTP 429).', description: said };
	}
	return {
		message: `The provider answered HTTP ${response.statusCode}${said ? `: ${said}` : '.'}`,
		description: response.statusCode >= 500 ? 'The provider had a problem; try again later.' : undefined,
	};
}

/**
 * A request's timeout only notices a silent connection; a body that trickles in forever would not
 * trip it. This bounds the whole answer: past `ms`, the attempt fails as a timeout.
 */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
	const done = new AbortController();
	const deadline = pause(ms, done.signal).then(
		() => Promise.reject(Object.assign(new Error(`no complete answer within ${ms} ms`), { code: 'ETIMEDOUT' })),
		() => new Promise<never>(() => undefined), // the work finished first: this side never settles
	);
	try {
		return await Promise.race([work, deadline]);
	} finally {
		done.abort();
	}
}

type Attempt<R> = { response: R; attempts: number } | { error: unknown; attempts: number };

/**
 * Sends until the answer is final: 429 (after its Retry-After), 5xx and network errors are tried
 * again, up to `policy.retries` times, with capped exponential backoff and jitter; anything else
 * is final. `discard` releases a response that will be retried (a download's open stream).
 */
async function withRetries<R extends ProviderResponse>(
	send: () => Promise<R>,
	policy: RequestPolicy,
	signal: AbortSignal | undefined,
	isFinal: (response: R) => boolean,
	discard: (response: R) => void = () => undefined,
): Promise<Attempt<R>> {
	for (let attempt = 0; ; attempt++) {
		const canRetry = attempt < policy.retries && !signal?.aborted;
		let response: R;
		try {
			response = await send();
		} catch (error) {
			const code = networkCode(error);
			if (!canRetry || code === undefined || !RETRYABLE_NETWORK_CODES.has(code)) {
				return { error, attempts: attempt + 1 };
			}
			await pause(backoffMs(attempt), signal);
			continue;
		}
		if (isFinal(response) || !canRetry || !isRetryableStatus(response.statusCode)) {
			return { response, attempts: attempt + 1 };
		}
		discard(response);
		const asked = response.statusCode === 429 ? retryAfterMs(response.headers?.['retry-after']) : null;
		await pause(asked === null ? backoffMs(attempt) : Math.min(asked, RETRY_AFTER_CAP_MS), signal);
	}
}

/** What a user reads when a request could not be completed at all. `what` names the server. */
function networkFailure(error: unknown, host: string, policy: RequestPolicy, what: string, hint: string) {
	const code = networkCode(error);
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
	// NodeApiError swaps messages holding a network code for a generic text; keep the code in the description.
	if (timedOut) {
		return {
			message: `${what} at ${host} did not answer within ${policy.timeoutMs / 1000} s.`,
			description: `${code}. Raise Request Timeout in the node's options if it is slow.`,
		};
	}
	return code === 'ERR_BAD_RESPONSE'
		? {
				message: `The answer of ${what.toLowerCase()} at ${host} broke off.`,
				description: `${code}: ${(error as Error).message ?? 'the connection closed early'}. ${hint}`,
			}
		: {
				message: `Could not reach ${what.toLowerCase()} at ${host}.`,
				description: `${code ? `${code}: ` : ''}${(error as Error).message ?? 'network error'}. ${hint}`,
			};
}

const triedNote = (attempts: number) => (attempts > 1 ? `Tried ${attempts} times.` : undefined);

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
		policy?: RequestPolicy;
	} = {},
): Promise<ProviderResponse> {
	const policy = options.policy ?? DEFAULT_POLICY;
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE, itemIndex)) as SunoCredentials;
	const baseUrl = resolveBaseUrl.call(this, credentials, itemIndex);
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
		apiError.call(this, itemIndex, credentials.apiKey, {
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
	const { apiKey } = (await this.getCredentials(CREDENTIAL_TYPE, itemIndex)) as SunoCredentials;
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

/** A readable body as `httpRequest` returns it with `encoding: 'stream'`. */
interface StreamBody {
	on(event: 'data', listener: (chunk: { length: number }) => void): unknown;
	on(event: 'newListener', listener: (event: string | symbol) => void): unknown;
	pause(): unknown;
	resume(): unknown;
	destroy(error?: Error): unknown;
}

export interface DownloadedFile {
	body: StreamBody;
	contentType: string | null;
}

/**
 * Opens a clip's file for download as a stream, with the same retries as API requests. A plain
 * request: the files sit on a CDN, and the API key must never travel there. The stream errors
 * (and so does whatever consumes it) once more than `maxBytes` arrive.
 */
export async function openDownload(
	this: IExecuteFunctions,
	url: string,
	itemIndex: number,
	policy: RequestPolicy,
	maxBytes: number,
	what: string,
): Promise<DownloadedFile> {
	const host = new URL(url).host;
	const outcome = await withRetries(
		async () =>
			(await this.helpers.httpRequest({
				url,
				method: 'GET',
				encoding: 'stream',
				timeout: policy.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as ProviderResponse & { body: StreamBody },
		policy,
		this.getExecutionCancelSignal?.(),
		(response) => response.statusCode >= 200 && response.statusCode < 300,
		(response) => response.body.destroy(),
	);
	const fail = (detail: { message: string; description?: string; httpCode?: string }) =>
		apiError.call(this, itemIndex, undefined, {
			...detail,
			description: [detail.description, triedNote(outcome.attempts)].filter(Boolean).join(' '),
		});
	if ('error' in outcome) {
		throw fail(networkFailure(outcome.error, host, policy, `The file server for the ${what}`, `URL: ${url}`));
	}
	const { response } = outcome;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		response.body.destroy();
		throw fail({
			message: `Could not download the ${what}: the file server answered HTTP ${response.statusCode}.`,
			description: `URL: ${url}`,
			httpCode: String(response.statusCode),
		});
	}
	const tooLarge = (size: number) =>
		`The ${what} is larger than Max File Size (${size > 0 ? `${(size / 1e6).toFixed(1)} MB > ` : ''}${maxBytes / 1e6} MB).`;
	const declared = Number(response.headers?.['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		response.body.destroy();
		throw fail({ message: tooLarge(declared), description: `URL: ${url}. Raise Max File Size in the node's options to download it.` });
	}
	// Count what passes without consuming it. Our 'data' listener would start the flow before the
	// binary store reads (and those chunks would be lost), so the stream is paused again; the
	// filesystem store pulls from it regardless, and a store that listens for 'data' (memory mode)
	// restarts it.
	let received = 0;
	const { body } = response;
	body.on('data', (chunk) => {
		received += chunk.length;
		if (received > maxBytes) body.destroy(new Error(tooLarge(0)));
	});
	body.pause();
	body.on('newListener', (event) => {
		if (event === 'data') void Promise.resolve().then(() => body.resume());
	});
	const type = response.headers?.['content-type'];
	return { body: response.body, contentType: typeof type === 'string' ? type.split(';')[0].trim() : null };
}
