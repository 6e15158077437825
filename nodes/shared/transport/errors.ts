/** Failures as users read them: NodeApiErrors that say what to do, with the API key masked. */
import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { isNoChannel, isWebPage, providerErrorOf } from '../model/errors';
import { redact } from '../model/values';
import { isRateLimit, type ProviderResponse } from './retry';

export function apiError(
	context: IExecuteFunctions,
	apiKey: string | undefined,
	detail: { message: string; description?: string; httpCode?: string; itemIndex?: number },
): NodeApiError {
	const message = redact(detail.message, apiKey);
	const description = detail.description ? redact(detail.description, apiKey) : undefined;
	return new NodeApiError(context.getNode(), { message } as JsonObject, {
		message,
		description,
		httpCode: detail.httpCode,
		itemIndex: detail.itemIndex,
	});
}

/** The origin a Location points to; null when it cannot be read. */
function originOf(location: string, base: string): string | null {
	try {
		return new URL(location, base).origin;
	} catch {
		return null;
	}
}

function absoluteOrQuoted(location: string, base: string): string {
	try {
		return new URL(location, base).href;
	} catch {
		return `"${location}"`;
	}
}

/** What a user reads when the gateway answered `path` with an error status. */
export function httpFailure(
	response: ProviderResponse,
	baseUrl: string,
	path: string,
): { message: string; description?: string } {
	const { statusCode } = response;
	const { code, message } = providerErrorOf(response.body);
	const said = message ?? code ?? undefined;
	if (statusCode >= 300 && statusCode < 400) {
		const location = response.headers?.location;
		const target =
			typeof location === 'string'
				? absoluteOrQuoted(location, `${baseUrl}${path}`)
				: 'another address';
		const sameHost =
			typeof location === 'string' &&
			originOf(location, `${baseUrl}${path}`) === new URL(baseUrl).origin;
		return {
			message: `The provider answered with a redirect (HTTP ${statusCode}) to ${target}; it was not followed.`,
			description: sameHost
				? `The gateway sends this request elsewhere on its own host (${baseUrl}), which the node does not follow: ask the provider about this route.`
				: `The API key is only ever sent to the Base URL (${baseUrl}). If the redirect points to your gateway's real address, enter that address as the Base URL in the Suno API credential.`,
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return {
			message: `The provider rejected the API key (HTTP ${statusCode}): check the API key and the base URL in the Suno API credential.`,
			description: said,
		};
	}
	if (isRateLimit(statusCode)) {
		return {
			message: `The provider is rate limiting requests (HTTP ${statusCode}).`,
			description: said,
		};
	}
	if (statusCode === 404 || statusCode === 405) {
		// A gateway's "no such task" is told apart before this; any other 404 means the route is wrong.
		return {
			message: `The provider answered HTTP ${statusCode} for ${baseUrl}${path}: the Base URL or the route looks wrong.`,
			description: `Check the Base URL in the Suno API credential: ${baseUrl}/suno/fetch must be the gateway's Suno route.${said ? ` The server said: ${said}` : ''}`,
		};
	}
	return {
		message: `The provider answered HTTP ${statusCode}${said ? `: ${said}` : '.'}`,
		description: statusCode >= 500 ? 'The provider had a problem; try again later.' : undefined,
	};
}

const WEB_PAGE_ROUTES = /^\/suno\/submit\/(music|lyrics)$/i;

/** What routers and proxies say for a path they do not have, as opposed to the route's own 404. */
const NO_ROUTE =
	/invalid url|no route|page not found|^not found$|no such (route|path)|cannot (get|post)/i;

/**
 * A 404 or 405 that is the gateway's router, not the route saying what it did not find (Suno's
 * `{"detail": "Clip not found"}` is the route answering).
 */
export function isMissingRoute(response: ProviderResponse): boolean {
	if (response.statusCode !== 404 && response.statusCode !== 405) return false;
	const { code, message } = providerErrorOf(response.body);
	const said = message ?? code;
	return said === null || NO_ROUTE.test(said.trim()) || isWebPage(response);
}

/**
 * A gateway answering an extra operation as one that lacks it: its web page (new-api's dashboard
 * answers 200 on routes it does not have), its router's 404/405, no channel for the operation's
 * model, or an unknown action: nothing was created. Null for any other answer (a web page with a
 * 5xx is a failure on the way, after which something may exist).
 */
export function notOffered(
	response: ProviderResponse,
	path: string,
	offering: string,
): { message: string; description: string } | null {
	const { statusCode } = response;
	const said = providerErrorOf(response.body);
	// The route exists: it does not know the clip or task asked for.
	if (/^(task|clip)_not_exist$/i.test(said.code ?? said.message ?? '')) return null;
	const page =
		isWebPage(response) &&
		!WEB_PAGE_ROUTES.test(path) &&
		((statusCode >= 200 && statusCode < 300) || statusCode === 404 || statusCode === 405);
	const reason = page
		? `it answered ${path} with a web page (HTTP ${statusCode}), as a gateway does for a route it does not have`
		: isMissingRoute(response)
			? `it answered HTTP ${statusCode} for ${path}`
			: isNoChannel(said)
				? `it has no channel for it (${said.message})`
				: /invalid_action/i.test(`${said.code} ${said.message}`)
					? `it refused the action (${said.message ?? said.code})`
					: null;
	if (reason === null) return null;
	return {
		message: `This gateway does not offer ${offering}: ${reason}.`,
		description: `Untick ${offering} under Extra Operations Offered in the Suno API credential, or ask the provider whether another base URL or group offers it.`,
	};
}
