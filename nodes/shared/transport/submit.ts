/**
 * The one way a paid request (a submit, a persona, a WAV or MP4) is sent: its route and the reader
 * of its answer (`routeOf`), then the request, repeated only when the provider surely created
 * nothing (`REPEAT_PAID`: a 429, a connection never made). Every other failure is final, and its
 * error says whether a task may exist and how to find it, so nobody pays twice by running the node
 * again blind. A gateway without the route of an extra operation is told apart from a failure: it
 * "does not offer" it, and nothing was created. What each answer means is paid.ts's.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { SunoFailure } from '../failure';
import { providerErrorOf } from '../model/errors';
import type { ResponseProblem } from '../model/normalise';
import { readFileAnswer, readPersonaAnswer } from '../model/results';
import {
	POST_ROUTES,
	readSubmitAnswer,
	type PaidAnswer,
	type PaidCall,
	type PaidFile,
} from '../model/submit';
import { masked, maskOf, redact } from '../model/mask';
import { gatewayFailure, networkFailure, notOffered } from './errors';
import {
	isGatewayRoute,
	locationOf,
	refusalOf,
	slashRedirect,
	statusFailure,
	type PaidFailure,
} from './paid';
import { sendToGateway, type Gateway } from './request';
import {
	neverSent,
	REPEAT_PAID,
	triedNote,
	type Attempt,
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
	call: PaidCall;
	policy: RequestPolicy;
	itemIndex: number;
	/** An extra operation's name (model/extras.ts): a refusal says the gateway does not offer it. */
	offering?: string;
}

/** How a paid call is sent, and how its 2xx answer is read: a task ID, the result, or a problem. */
interface PaidRoute {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	/** The answer may be a file: read it as bytes, and a redirect is where the file is. */
	binary?: boolean;
	read: (response: ProviderResponse) => PaidAnswer;
}

function routeOf(call: PaidCall): PaidRoute {
	if ('clipId' in call) {
		const { route, clipId } = call;
		return {
			method: 'GET',
			path: `/suno/act/${route}/${encodeURIComponent(clipId)}`,
			binary: true,
			read: (response) => readFileAnswer(route, clipId, response),
		};
	}
	return {
		method: 'POST',
		path: POST_ROUTES[call.route],
		body: call.body,
		read: call.route === 'persona' ? readPersonaAnswer : ({ body }) => readSubmitAnswer(body),
	};
}

/** The error a paid request fails with, saying whether a task may exist and how to find it. */
type Fail = (failure: PaidFailure) => SunoFailure;

const nothingCreated = 'Nothing was created, so nothing was charged.';

const mayExist = (submittedAt: string) =>
	`A task may have been created (and charged) although its ID did not come back. It was not submitted again: look in your provider's task log for a task submitted at ${submittedAt}, and fetch it with Suno Fetch by its ID before you submit again.`;

export async function sendPaid(
	context: IExecuteFunctions,
	gateway: Gateway,
	request: PaidRequest,
): Promise<Submitted> {
	const { offering, policy } = request;
	const route = routeOf(request.call);
	const { outcome, path } = await sendFollowingSlash(context, gateway, route, policy);
	const submittedAt = new Date(outcome.sentAt).toISOString();
	const failure = (httpCode?: string) =>
		failureFor(gateway, request.itemIndex, submittedAt, outcome.attempts, httpCode);
	if ('error' in outcome) throw failure()(unreached(outcome.error, gateway, policy));
	const fail = failure(String(outcome.response.statusCode));
	try {
		return answerOf(outcome.response, { gateway, route, path, offering }, submittedAt, fail);
	} catch (error) {
		// An answer that breaks the reading (nested past the call stack…) came after the request went out.
		const message = `The provider's answer could not be read (${(error as Error).message}).`;
		throw error instanceof SunoFailure
			? error
			: fail({ message, code: 'UNCONFIRMED', created: true });
	}
}

/** A paid request's answer: its task, its result, or why it confirms none. */
function answerOf(
	answered: ProviderResponse,
	sent: { gateway: Gateway; route: PaidRoute; path: string; offering?: string },
	submittedAt: string,
	fail: Fail,
): Submitted {
	const { gateway, route, path, offering } = sent;
	const response = route.binary ? fileRedirectAsAnswer(answered, gateway.baseUrl, path) : answered;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw fail(statusFailure(response, gateway.baseUrl, path, offering));
	}
	const lacking = offering === undefined ? null : notOffered(response, path, offering);
	if (lacking) throw fail({ ...lacking, created: false });
	const answer = route.read(response);
	if ('taskId' in answer) {
		// What the provider sent is passed on only masked, its task ID too (a gateway may echo the key).
		const providerMessage = answer.message === null ? null : redact(answer.message, gateway.apiKey);
		return { taskId: redact(answer.taskId, gateway.apiKey), providerMessage, submittedAt };
	}
	if ('result' in answer) return resultOf(answer, gateway.apiKey, submittedAt, fail);
	throw unconfirmed(answer.problem, response, fail);
}

/**
 * Sends the request once (with the retries `REPEAT_PAID` allows), and again where the gateway's
 * HTTP router redirected it for a trailing slash, which says it was not handled: the outcome, and
 * the path it answers for.
 */
async function sendFollowingSlash(
	context: IExecuteFunctions,
	gateway: Gateway,
	route: PaidRoute,
	policy: RequestPolicy,
): Promise<{ outcome: Attempt<ProviderResponse>; path: string }> {
	const { method, body, binary } = route;
	const send = async (to: string) =>
		await sendToGateway(context, { method, path: to, body, policy, binary }, REPEAT_PAID);
	let { path } = route;
	let outcome = await send(path);
	const moved =
		'response' in outcome ? slashRedirect(outcome.response, method, gateway.baseUrl, path) : null;
	if (moved !== null && moved !== path) {
		path = moved;
		outcome = await send(path);
	}
	return { outcome, path };
}

/** How this request fails: its notes on a task that may exist, its tries, the HTTP status if any. */
function failureFor(
	gateway: Gateway,
	itemIndex: number,
	submittedAt: string,
	attempts: number,
	httpCode: string | undefined,
): Fail {
	return ({ created, ...failure }) => {
		const notes = [created ? mayExist(submittedAt) : nothingCreated, triedNote(attempts)];
		const description = [failure.description, ...notes].filter(Boolean).join(' ');
		return gatewayFailure(gateway.apiKey, {
			...failure,
			description,
			httpCode,
			itemIndex,
			taskMayExist: created,
		});
	};
}

/** No answer came: a task was created only if the request may have reached the provider. */
function unreached(error: unknown, gateway: Gateway, policy: RequestPolicy): PaidFailure {
	const host = new URL(gateway.baseUrl).host;
	const hint = 'Check the base URL in the Suno API credential and that the provider is up.';
	const failure = networkFailure(error, host, policy, 'The provider', hint);
	return { ...failure, created: !neverSent(error) };
}

/**
 * A file's route may answer by redirecting to the file: that is its URL (downloaded without the
 * key), read as an answer that gives it. A redirect to another of the gateway's routes is not a file.
 */
function fileRedirectAsAnswer(
	response: ProviderResponse,
	baseUrl: string,
	path: string,
): ProviderResponse {
	const fileAt = locationOf(response, `${baseUrl}${path}`);
	if (!fileAt || isGatewayRoute(fileAt, baseUrl)) return response;
	const body = JSON.stringify({ url: fileAt.href });
	return { statusCode: 200, body, headers: { 'content-type': 'application/json' } };
}

/** The result itself (a persona, a file), passed on without the key in it. */
function resultOf(
	answer: Extract<PaidAnswer, { result: unknown }>,
	apiKey: string | undefined,
	submittedAt: string,
	fail: Fail,
): Submitted {
	// A file URL holding the key would carry it to wherever the file lives: not passed on.
	const { file } = answer;
	if (file && 'url' in file && redact(file.url, apiKey) !== file.url) {
		const shown = redact(file.url, apiKey);
		const message = `The provider gave a file URL that holds your API key (${shown}); it is not passed on or downloaded, so the key does not leave the gateway.`;
		throw fail({ message, code: 'KEY_IN_URL', created: true });
	}
	// The provider's own object, passed on: never with the key in it (masked in each text, not in
	// its JSON, where a key holding `"` or `\` is escaped and went unmasked).
	const result = masked(answer.result, maskOf(apiKey)) as IDataObject;
	return { taskId: null, providerMessage: null, submittedAt, result, file: answer.file };
}

/** A 2xx answer without a task ID or a result: a refusal in a 200, or an unconfirmed submit. */
function unconfirmed(
	problem: ResponseProblem,
	response: ProviderResponse,
	fail: Fail,
): SunoFailure {
	// A 200 that refuses (one-api's `{success: false}`): as the same refusal with an error status.
	const refusal = refusalOf(providerErrorOf(response.body));
	if (refusal) return fail(refusal);
	const { code, message } = problem;
	return fail({
		message: `The provider did not confirm the submit${code ? ` (${code})` : ''}: ${message}`,
		code: 'UNCONFIRMED',
		created: true,
	});
}
