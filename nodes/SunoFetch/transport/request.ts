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

import {
	isTaskNotFound,
	normaliseResponse,
	providerErrorOf,
} from '../model/normalise';
import type { Task } from '../model/task';

export const CREDENTIAL_TYPE = 'sunoApi';

const REQUEST_TIMEOUT_MS = 60_000;

interface SunoCredentials {
	apiKey?: string;
	provider?: string;
	baseUrl?: string;
}

interface ProviderResponse {
	statusCode: number;
	body: unknown;
}

/** The credential's base URL, checked: http(s), no credentials, query or fragment, no trailing slash. */
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
	return url.toString().replace(/\/+$/, '');
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
 * One authenticated request. Returns the response when its status is 2xx or `accept` allows it;
 * throws a NodeApiError otherwise.
 */
export async function sunoApiRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	itemIndex: number,
	options: { body?: IDataObject; accept?: (response: ProviderResponse) => boolean } = {},
): Promise<ProviderResponse> {
	const credentials = (await this.getCredentials(CREDENTIAL_TYPE, itemIndex)) as SunoCredentials;
	const baseUrl = resolveBaseUrl.call(this, credentials, itemIndex);
	let response: ProviderResponse;
	try {
		response = await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, {
			method,
			url: `${baseUrl}${path}`,
			body: options.body,
			json: true,
			timeout: REQUEST_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
	} catch (error) {
		const cause = error as { cause?: { code?: string }; code?: string; message?: string };
		const code = cause.cause?.code ?? cause.code;
		// NodeApiError swaps messages holding a network code for a generic text; keep the code in the description.
		throw apiError.call(this, itemIndex, credentials.apiKey, {
			message: `Could not reach the provider at ${new URL(baseUrl).host}.`,
			description: `${code ? `${code}: ` : ''}${cause.message ?? 'network error'}. Check the base URL in the Suno API credential and that the provider is up.`,
		});
	}
	const ok = response.statusCode >= 200 && response.statusCode < 300;
	if (!ok && !options.accept?.(response)) {
		throw apiError.call(this, itemIndex, credentials.apiKey, {
			...httpFailure(response),
			httpCode: String(response.statusCode),
		});
	}
	return response;
}

async function readTasks(
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

/** `GET /suno/fetch/{id}`; an unknown id gives no task (the caller reports it as NOT_FOUND). */
export async function fetchTask(this: IExecuteFunctions, taskId: string, itemIndex: number): Promise<Task[]> {
	const response = await sunoApiRequest.call(
		this,
		'GET',
		`/suno/fetch/${encodeURIComponent(taskId)}`,
		itemIndex,
		{ accept: ({ statusCode, body }) => isTaskNotFound(statusCode, body) },
	);
	if (response.statusCode >= 300) return [];
	return await readTasks.call(this, response.body, itemIndex, taskId);
}

/** `POST /suno/fetch` for many ids; the provider leaves out ids it does not know. */
export async function fetchTasks(
	this: IExecuteFunctions,
	taskIds: readonly string[],
	action: string,
	itemIndex: number,
): Promise<Task[]> {
	const body: IDataObject = { ids: [...taskIds] };
	if (action !== '') body.action = action;
	const response = await sunoApiRequest.call(this, 'POST', '/suno/fetch', itemIndex, { body });
	return await readTasks.call(this, response.body, itemIndex, null);
}
