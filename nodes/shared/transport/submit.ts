/**
 * The one way a paid request (a submit, a persona, a WAV or MP4) is sent. It is repeated only when
 * the provider surely created nothing (`REPEAT_PAID`: a 429, a connection never made). Every other
 * failure is final, and its error says whether a task may exist and how to find it, so nobody pays
 * twice by running the node again blind. A gateway without the route of an extra operation is told
 * apart from a failure: it "does not offer" it, and nothing was created.
 */
import {
	NodeApiError,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestMethods,
	type JsonObject,
} from 'n8n-workflow';

import { isNoChannel, isQuotaRefusal, providerErrorOf, type ProviderSaid } from '../model/errors';
import type { PaidAnswer, PaidFile } from '../model/submit';
import { redact } from '../model/values';
import { httpFailure, isMissingRoute, notOffered } from './errors';
import { sendToGateway, type Gateway } from './request';
import {
	networkFailure,
	neverSent,
	REPEAT_PAID,
	triedNote,
	type ProviderResponse,
	type RequestPolicy,
} from './retry';

export interface Submitted {
	/** The task to wait for; null when the answer was the result itself (a persona, a file). */
	taskId: string | null;
	/** What the provider said with the ID (2026 gateways pass the upstream's message on). */
	providerMessage: string | null;
	/** When the submit that created the task was sent (ISO 8601). */
	submittedAt: string;
	/** The result itself, when there is no task. */
	result?: IDataObject;
	file?: PaidFile;
}

export interface PaidRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	policy: RequestPolicy;
	itemIndex: number;
	/** Reads a 2xx answer: a task ID, the result itself, or a problem quoted from it. */
	read: (response: ProviderResponse) => PaidAnswer;
	/** An operation some gateways lack (extras.ts), by name: their refusals say they do not offer it. */
	offering?: string;
	/** The answer may be a file: read it as bytes, and a redirect is where the file is. */
	binary?: boolean;
}

const REDIRECTS = [301, 302, 303, 307, 308];
/** The redirects that ask for the same request elsewhere: it was not handled where it was sent. */
const RESEND = [307, 308];
const isRedirect = (statusCode: number) => statusCode >= 300 && statusCode < 400;

/** Where a redirect points, made absolute; null for none or one that cannot be read. */
function locationOf(response: ProviderResponse, from: string): URL | null {
	const location = response.headers?.location;
	if (typeof location !== 'string' || !REDIRECTS.includes(response.statusCode)) return null;
	try {
		return new URL(location, from);
	} catch {
		return null;
	}
}

/** Whether `target` is one of the gateway's own API routes (never a file to download). */
function isGatewayRoute(target: URL, baseUrl: string): boolean {
	const base = new URL(baseUrl);
	const prefix = base.pathname.replace(/\/+$/, '');
	return target.origin === base.origin && target.pathname.startsWith(`${prefix}/suno/`);
}

/**
 * The same route with or without a trailing slash on the gateway's own host (gpt-best documents
 * `/suno/persona/create/`): the path to send it to again. Such a redirect means the request was
 * not handled: a POST only by 307/308 (a 302 or 303 may answer a POST that was), a GET by any. The key
 * stays at the gateway. Null for any other redirect.
 */
function slashRedirect(
	response: ProviderResponse,
	method: string,
	baseUrl: string,
	path: string,
): string | null {
	const target = locationOf(response, `${baseUrl}${path}`);
	const resend = method === 'GET' ? REDIRECTS : RESEND;
	if (!target || !resend.includes(response.statusCode) || !isGatewayRoute(target, baseUrl))
		return null;
	const prefix = new URL(baseUrl).pathname.replace(/\/+$/, '');
	const trimmed = (value: string) => value.replace(/\/+$/, '');
	if (target.search !== '' || trimmed(target.pathname) !== trimmed(`${prefix}${path}`)) return null;
	return target.pathname.slice(prefix.length);
}

/** A failed submit, knowing whether the provider may have created (and charged) a task. */
export class SubmitError extends NodeApiError {
	taskMayExist = false;
}

const nothingCreated = 'Nothing was created, so nothing was charged.';

const mayExist = (submittedAt: string) =>
	`A task may have been created (and charged) although its ID did not come back. It was not submitted again: look in your provider's task log for a task submitted at ${submittedAt}, and fetch it with Suno Fetch by its ID before you submit again.`;

type Failure = { message: string; description?: string; created: boolean };

/** A refusal the gateway makes before relaying anything, whatever the HTTP status it comes with. */
function refusalOf(said: ProviderSaid): Failure | null {
	const { code, message } = said;
	const is = (pattern: RegExp) => pattern.test(code ?? '') || pattern.test(message ?? '');
	if (isQuotaRefusal(said)) {
		// A code that only repeats the HTTP status ("code": 429) says less than the message.
		const named = code !== null && !/^\d+$/.test(code) ? code : (message ?? code);
		return {
			message: `Your balance at the provider is too low for this submit (${named}).`,
			description:
				'Top up your account at the provider (or raise this key’s limit), or use a key with quota left.',
			created: false,
		};
	}
	if (isNoChannel(said)) {
		return {
			message: `The provider has no Suno channel for this API key (${message}).`,
			description: 'Ask the provider which group or key offers Suno, or check the Base URL.',
			created: false,
		};
	}
	if (is(/^prompt_empty$/i)) {
		return {
			message: 'The provider refused the submit: the prompt is empty (prompt_empty).',
			description: 'Fill in the prompt, or check the expression that gives it.',
			created: false,
		};
	}
	if (is(/^task id is empty$/i)) {
		return {
			message:
				'The provider refused the extension: it needs the ID of the task that made the clip (task id is empty).',
			description: 'Fill in Origin Task ID.',
			created: false,
		};
	}
	if (is(/^task_origin_not_exist$/i)) {
		return {
			message:
				'The provider does not know the origin task for this API key (task_origin_not_exist).',
			description:
				'Origin Task ID must be the ID of the task that made the clip, submitted with this API key.',
			created: false,
		};
	}
	if (is(/^(task|clip)_not_exist$/i)) {
		return {
			message: `The provider does not know that clip for this API key (${message ?? code}).`,
			description:
				'Check the Clip ID: the clipId of a finished clip, made with this API key (uploaded clips and other accounts’ clips are refused).',
			created: false,
		};
	}
	return null;
}

/** Why the gateway refused a submit with an error status, as a user can act on it. */
function statusFailure(
	response: ProviderResponse,
	baseUrl: string,
	path: string,
	offering?: string,
): Failure {
	const { statusCode } = response;
	const lacking = offering === undefined ? null : notOffered(response, path, offering);
	if (lacking) return { ...lacking, created: false };
	const { code, message } = providerErrorOf(response.body);
	const refusal = refusalOf({ code, message });
	if (refusal) return refusal;
	const said = [code, message].filter(Boolean).join(': ');
	if (statusCode === 429) {
		// Most gateways mean a rate limit; claude360.xyz documents 429 as "insufficient balance".
		return {
			message: `The provider refused the submit with HTTP 429${said ? `: ${said}` : '.'}`,
			description:
				'Most gateways answer 429 for too many requests (lower Concurrency, or run again later); some for a balance too low, which waiting does not change: check your balance at the provider.',
			created: false,
		};
	}
	if (statusCode === 430) {
		return {
			message: `The provider is rate limiting submits (HTTP 430)${said ? `: ${said}` : '.'}`,
			description: 'Lower Concurrency, or run again later.',
			created: false,
		};
	}
	if (statusCode >= 500) {
		return {
			message: `The provider failed to submit the task (HTTP ${statusCode}${said ? `, ${said}` : ''}).`,
			created: true,
		};
	}
	// A 404 from the route itself ("Clip not found") is a refusal, not a wrong address.
	const routeAnswered = statusCode === 404 && said !== '' && !isMissingRoute(response);
	if (routeAnswered || (statusCode >= 400 && ![401, 403, 404, 405].includes(statusCode))) {
		return {
			message: `The provider refused the submit (HTTP ${statusCode})${said ? `: ${said}` : '.'}`,
			description: 'Check the fields the message names.',
			created: false,
		};
	}
	// A rejected key, a wrong route: the submit never reached Suno. A redirect may answer a request
	// that was handled (Express, PHP and Flask answer a POST with a 302 by default, as the standard
	// does with a 303), unless it asks for the same request elsewhere: a 307/308, or any redirect to
	// the same route at another address.
	return {
		...httpFailure(response, baseUrl, path),
		created:
			isRedirect(statusCode) &&
			!RESEND.includes(statusCode) &&
			!movedRoute(response, baseUrl, path),
	};
}

/**
 * A 301 or 302 to the same route at another address (https for http, another host, a trailing
 * slash), with no query: a router's answer, the request was not handled. (A 303 points to a
 * result.)
 */
function movedRoute(response: ProviderResponse, baseUrl: string, path: string): boolean {
	const here = new URL(`${baseUrl}${path}`);
	const target = locationOf(response, here.href);
	const trimmed = (value: string) => value.replace(/\/+$/, '');
	return (
		target !== null &&
		[301, 302].includes(response.statusCode) &&
		target.search === '' &&
		trimmed(target.pathname) === trimmed(here.pathname)
	);
}

export async function sendPaid(
	context: IExecuteFunctions,
	gateway: Gateway,
	request: PaidRequest,
): Promise<Submitted> {
	const { method, body, policy, itemIndex, offering } = request;
	const send = async (to: string) =>
		await sendToGateway(
			context,
			{ method, path: to, body, policy, binary: request.binary },
			REPEAT_PAID,
		);
	let { path } = request;
	let outcome = await send(path);
	const moved =
		'response' in outcome ? slashRedirect(outcome.response, method, gateway.baseUrl, path) : null;
	if (moved !== null && moved !== path) {
		path = moved;
		outcome = await send(path);
	}
	const submittedAt = new Date(outcome.sentAt).toISOString();
	const fail = (failure: Failure, httpCode?: string) => {
		const text = (value: string) => redact(value, gateway.apiKey);
		const description = [
			failure.description,
			failure.created ? mayExist(submittedAt) : nothingCreated,
			triedNote(outcome.attempts),
		]
			.filter(Boolean)
			.join(' ');
		const error = new SubmitError(
			context.getNode(),
			{ message: text(failure.message) } as JsonObject,
			{
				message: text(failure.message),
				description: text(description),
				httpCode,
				itemIndex,
			},
		);
		error.taskMayExist = failure.created;
		return error;
	};
	if ('error' in outcome) {
		const host = new URL(gateway.baseUrl).host;
		const hint = 'Check the base URL in the Suno API credential and that the provider is up.';
		const failure = networkFailure(outcome.error, host, policy, 'The provider', hint);
		throw fail({ ...failure, created: !neverSent(outcome.error) });
	}
	let { response } = outcome;
	const httpCode = String(response.statusCode);
	// A file's route may answer by redirecting to the file: that is its URL (downloaded without the
	// key). A redirect to another of the gateway's routes is not a file.
	const fileAt = request.binary ? locationOf(response, `${gateway.baseUrl}${path}`) : null;
	if (fileAt && !isGatewayRoute(fileAt, gateway.baseUrl)) {
		const body = JSON.stringify({ url: fileAt.href });
		response = { statusCode: 200, body, headers: { 'content-type': 'application/json' } };
	}
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw fail(statusFailure(response, gateway.baseUrl, path, offering), httpCode);
	}
	const lacking = offering === undefined ? null : notOffered(response, path, offering);
	if (lacking) throw fail({ ...lacking, created: false }, httpCode);
	const answer = request.read(response);
	if ('taskId' in answer) {
		// What the provider sent is passed on only masked, its task ID too (a gateway may echo the key).
		const providerMessage = answer.message === null ? null : redact(answer.message, gateway.apiKey);
		return { taskId: redact(answer.taskId, gateway.apiKey), providerMessage, submittedAt };
	}
	if ('result' in answer) {
		// A file URL holding the key would carry it to wherever the file lives: not passed on.
		const { file } = answer;
		if (file && 'url' in file && redact(file.url, gateway.apiKey) !== file.url) {
			const masked = redact(file.url, gateway.apiKey);
			const message = `The provider gave a file URL that holds your API key (${masked}); it is not passed on or downloaded, so the key does not leave the gateway.`;
			throw fail({ message, created: true }, httpCode);
		}
		// The provider's own object, passed on: never with the key in it.
		const result = JSON.parse(redact(JSON.stringify(answer.result), gateway.apiKey)) as IDataObject;
		return { taskId: null, providerMessage: null, submittedAt, result, file: answer.file };
	}
	// A 200 that refuses (one-api's `{success: false}`): as the same refusal with an error status.
	const refusal = refusalOf(providerErrorOf(response.body));
	if (refusal) throw fail(refusal, httpCode);
	const { code, message } = answer.problem;
	throw fail(
		{
			message: `The provider did not confirm the submit${code ? ` (${code})` : ''}: ${message}`,
			created: true,
		},
		httpCode,
	);
}
