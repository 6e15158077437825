/**
 * What a paid request's answer means, as pure rules: which refusals and redirects say nothing was
 * created, which failures may have created (and charged) a task, and the trailing-slash redirect
 * of the gateway's HTTP router that asks for the same request again. submit.ts sends; this file
 * only reads answers.
 */
import type { FailureCode } from '../failure';
import { isNoChannel, isQuotaRefusal, providerErrorOf, type ProviderSaid } from '../model/errors';
import { httpFailure, isMissingRoute, notOffered } from './errors';
import type { ProviderResponse } from './retry';

const REDIRECTS = [301, 302, 303, 307, 308];
/** The redirects that ask for the same request elsewhere: it was not handled where it was sent. */
const RESEND = [307, 308];
const isRedirect = (statusCode: number) => statusCode >= 300 && statusCode < 400;

/** Where a redirect points, made absolute; null for none or one that cannot be read. */
export function locationOf(response: ProviderResponse, from: string): URL | null {
	const location = response.headers?.location;
	if (typeof location !== 'string' || !REDIRECTS.includes(response.statusCode)) return null;
	try {
		return new URL(location, from);
	} catch {
		return null;
	}
}

/** Whether `target` is one of the gateway's own API routes (never a file to download). */
export function isGatewayRoute(target: URL, baseUrl: string): boolean {
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
export function slashRedirect(
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

/** Why a paid request failed, as a user can act on it, and whether it may have created a task. */
export interface PaidFailure {
	message: string;
	description?: string;
	code: FailureCode;
	created: boolean;
}

/** A refusal the gateway makes before relaying anything, whatever the HTTP status it comes with. */
export function refusalOf(said: ProviderSaid): PaidFailure | null {
	const { code, message } = said;
	const is = (pattern: RegExp) => pattern.test(code ?? '') || pattern.test(message ?? '');
	if (isQuotaRefusal(said)) {
		// A code that only repeats the HTTP status ("code": 429) says less than the message.
		const named = code !== null && !/^\d+$/.test(code) ? code : (message ?? code);
		return {
			message: `Your balance at the provider is too low for this submit (${named}).`,
			description:
				'Top up your account at the provider (or raise this key’s limit), or use a key with quota left.',
			code: 'QUOTA_EXHAUSTED',
			created: false,
		};
	}
	if (isNoChannel(said)) {
		return {
			message: `The provider has no Suno channel for this API key (${message}).`,
			description: 'Ask the provider which group or key offers Suno, or check the Base URL.',
			code: 'NO_CHANNEL',
			created: false,
		};
	}
	if (is(/^prompt_empty$/i)) {
		return {
			message: 'The provider refused the submit: the prompt is empty (prompt_empty).',
			description: 'Fill in the prompt, or check the expression that gives it.',
			code: 'REFUSED',
			created: false,
		};
	}
	if (is(/^task id is empty$/i)) {
		return {
			message:
				'The provider refused the extension: it needs the ID of the task that made the clip (task id is empty).',
			description: 'Fill in Origin Task ID.',
			code: 'REFUSED',
			created: false,
		};
	}
	if (is(/^task_origin_not_exist$/i)) {
		return {
			message:
				'The provider does not know the origin task for this API key (task_origin_not_exist).',
			description:
				'Origin Task ID must be the ID of the task that made the clip, submitted with this API key.',
			code: 'TASK_NOT_FOUND',
			created: false,
		};
	}
	if (is(/^(task|clip)_not_exist$/i)) {
		return {
			message: `The provider does not know that clip for this API key (${message ?? code}).`,
			description:
				'Check the Clip ID: the clipId of a finished clip, made with this API key (uploaded clips and other accounts’ clips are refused).',
			code: 'TASK_NOT_FOUND',
			created: false,
		};
	}
	return null;
}

/** Why the gateway refused a submit with an error status, as a user can act on it. */
export function statusFailure(
	response: ProviderResponse,
	baseUrl: string,
	path: string,
	offering?: string,
): PaidFailure {
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
			code: 'RATE_LIMITED',
			created: false,
		};
	}
	if (statusCode === 430) {
		return {
			message: `The provider is rate limiting submits (HTTP 430)${said ? `: ${said}` : '.'}`,
			description: 'Lower Concurrency, or run again later.',
			code: 'RATE_LIMITED',
			created: false,
		};
	}
	if (statusCode >= 500) {
		return {
			message: `The provider failed to submit the task (HTTP ${statusCode}${said ? `, ${said}` : ''}).`,
			code: 'PROVIDER_ERROR',
			created: true,
		};
	}
	// A 404 from the route itself ("Clip not found") is a refusal, not a wrong address.
	const routeAnswered = statusCode === 404 && said !== '' && !isMissingRoute(response);
	if (routeAnswered || (statusCode >= 400 && ![401, 403, 404, 405].includes(statusCode))) {
		return {
			message: `The provider refused the submit (HTTP ${statusCode})${said ? `: ${said}` : '.'}`,
			description: 'Check the fields the message names.',
			code: 'REFUSED',
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
 * slash), with no query: an HTTP router's answer, the request was not handled. (A 303 points to a
 * result; so does a redirect to the very address posted to, as after a handled form.)
 */
export function movedRoute(response: ProviderResponse, baseUrl: string, path: string): boolean {
	const here = new URL(`${baseUrl}${path}`);
	const target = locationOf(response, here.href);
	const trimmed = (value: string) => value.replace(/\/+$/, '');
	return (
		target !== null &&
		[301, 302].includes(response.statusCode) &&
		target.search === '' &&
		target.href !== here.href &&
		trimmed(target.pathname) === trimmed(here.pathname)
	);
}
