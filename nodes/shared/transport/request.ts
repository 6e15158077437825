/**
 * One authenticated request to the gateway, with retries and deadlines (retry.ts), and every
 * failure a SunoFailure that says what to do (errors.ts). The URL is relative: the credential's
 * `authenticate` puts the gateway's base URL in front, so the key can only go there, and no
 * redirect is followed for the same reason.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import { gatewayFailure, httpFailure, networkFailure, type Explained } from './errors';
import {
	REPEAT_READ,
	triedNote,
	withinDeadline,
	withRetries,
	type Attempt,
	type ProviderResponse,
	type RepeatRule,
	type RequestPolicy,
} from './retry';

export const CREDENTIAL_TYPE = 'sunoApi';

/** Where requests go and what must never show in an error. */
export interface Gateway {
	baseUrl: string;
	apiKey: string | undefined;
}

export interface GatewayRequest {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	policy: RequestPolicy;
	/**
	 * An answer that is not 2xx but still the route's own (an unknown task's 400/404); never one
	 * about the key or the rate.
	 */
	accept?: (response: ProviderResponse) => boolean;
	/** The answer may be a file: its body comes as a Buffer, whatever its type. */
	binary?: boolean;
}

/**
 * The gateway's answers about the request itself rather than its subject: the key (401, 403) and
 * the rate (429). No route reads them as its own: they are retried or reported alike everywhere.
 */
const ABOUT_THE_REQUEST = new Set([401, 403, 429]);

const isWantedBy = (request: GatewayRequest) => (response: ProviderResponse) =>
	(response.statusCode >= 200 && response.statusCode < 300) ||
	(!ABOUT_THE_REQUEST.has(response.statusCode) && Boolean(request.accept?.(response)));

/** Sends `request` as often as `repeat` allows: the final answer, or the error that ended it. */
export async function sendToGateway(
	context: IExecuteFunctions,
	request: GatewayRequest,
	repeat: RepeatRule,
): Promise<Attempt<ProviderResponse>> {
	const { method, path, body, policy } = request;
	const outcome = await withRetries(
		async () =>
			await withinDeadline(
				context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, {
					method,
					url: path,
					disableFollowRedirect: true,
					body,
					json: !request.binary,
					encoding: request.binary ? 'arraybuffer' : 'text',
					timeout: policy.timeoutMs,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
				}) as Promise<ProviderResponse>,
				policy.timeoutMs,
			),
		policy,
		context.getExecutionCancelSignal?.(),
		isWantedBy(request),
		undefined,
		repeat,
	);
	// A file answer stays bytes; any other answer (JSON, an error, a web page) is read as text,
	// whatever type it claims to be.
	if (request.binary && 'response' in outcome && Buffer.isBuffer(outcome.response.body)) {
		const { body, headers } = outcome.response;
		const type = String(headers?.['content-type'] ?? '');
		const text = /^\s*[{[<"]/.test(body.toString('latin1', 0, 64));
		if (!/^(audio|video)\/|octet-stream/i.test(type) || text || outcome.response.statusCode >= 300)
			outcome.response.body = body.toString('utf8');
	}
	return outcome;
}

/** A read (tasks, lyrics timing): its answer, or a SunoFailure that says what to do. */
export async function gatewayRequest(
	context: IExecuteFunctions,
	gateway: Gateway,
	request: GatewayRequest,
): Promise<ProviderResponse> {
	const { path, policy } = request;
	const isWanted = isWantedBy(request);
	const outcome = await sendToGateway(context, request, REPEAT_READ);
	const fail = (explained: Explained & { httpCode?: string }) =>
		gatewayFailure(gateway.apiKey, {
			...explained,
			description: [explained.description, triedNote(outcome.attempts)].filter(Boolean).join(' '),
		});
	if ('error' in outcome) {
		const host = new URL(gateway.baseUrl).host;
		const hint = 'Check the base URL in the Suno API credential and that the provider is up.';
		throw fail(networkFailure(outcome.error, host, policy, 'The provider', hint));
	}
	if (isWanted(outcome.response)) return outcome.response;
	const { response } = outcome;
	throw fail({
		...httpFailure(response, gateway.baseUrl, path),
		httpCode: String(response.statusCode),
	});
}
