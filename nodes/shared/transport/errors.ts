/**
 * What a user reads when a request fails, with a code to branch on (failure.ts): the words for
 * HTTP answers, routes a gateway lacks and network errors, and `gatewayFailure`, which makes them
 * the SunoFailure that is thrown, the key masked in all it says. Pure.
 */
import { SunoFailure, type FailureCode, type FailureDetail } from '../failure';
import { isNoChannel, isWebPage, providerErrorOf } from '../model/errors';
import { redact } from '../model/mask';
import { isRateLimit, networkCode, type ProviderResponse, type RequestPolicy } from './retry';

export interface Explained {
	message: string;
	description?: string;
	code: FailureCode;
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
export function httpFailure(response: ProviderResponse, baseUrl: string, path: string): Explained {
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
			code: 'REDIRECTED',
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return {
			message: `The provider rejected the API key (HTTP ${statusCode}): check the API key and the base URL in the Suno API credential.`,
			description: said,
			code: 'KEY_REJECTED',
		};
	}
	if (isRateLimit(statusCode)) {
		return {
			message: `The provider is rate limiting requests (HTTP ${statusCode}).`,
			description: said,
			code: 'RATE_LIMITED',
		};
	}
	if (statusCode === 404 || statusCode === 405) {
		// A gateway's "no such task" is told apart before this; any other 404 means the route is wrong.
		return {
			message: `The provider answered HTTP ${statusCode} for ${baseUrl}${path}: the Base URL or the route looks wrong.`,
			description: `Check the Base URL in the Suno API credential: ${baseUrl}/suno/fetch must be the gateway's Suno route.${said ? ` The server said: ${said}` : ''}`,
			code: 'WRONG_ROUTE',
		};
	}
	return {
		message: `The provider answered HTTP ${statusCode}${said ? `: ${said}` : '.'}`,
		description: statusCode >= 500 ? 'The provider had a problem; try again later.' : undefined,
		code: statusCode >= 500 ? 'PROVIDER_ERROR' : 'REFUSED',
	};
}

const WEB_PAGE_ROUTES = /^\/suno\/submit\/(music|lyrics)$/i;

/** What HTTP routers and proxies say for a path they lack, as opposed to the route's own 404. */
const NO_ROUTE =
	/invalid url|no route|page not found|^not found$|no such (route|path)|cannot (get|post)/i;

/**
 * A 404 or 405 from the gateway's HTTP router, not the route saying what it did not find (Suno's
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
): Explained | null {
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
		code: 'NOT_OFFERED',
	};
}

/** What a user reads when a request could not be completed at all. `what` names the server. */
export function networkFailure(
	error: unknown,
	host: string,
	policy: RequestPolicy,
	what: string,
	hint: string,
): Explained {
	const code = networkCode(error);
	const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT';
	// NodeApiError swaps messages holding a network code for a generic text; keep the code in the description.
	if (timedOut) {
		return {
			message: `${what} at ${host} did not answer within ${policy.timeoutMs / 1000} s.`,
			description: `${code}. Raise Request Timeout in the node's options if it is slow.`,
			code: 'TIMEOUT',
		};
	}
	return code === 'ERR_BAD_RESPONSE'
		? {
				message: `The answer of ${what.toLowerCase()} at ${host} broke off.`,
				description: `${code}: ${(error as Error).message ?? 'the connection closed early'}. ${hint}`,
				code: 'UNREACHABLE',
			}
		: {
				message: `Could not reach ${what.toLowerCase()} at ${host}.`,
				description: `${code ? `${code}: ` : ''}${(error as Error).message ?? 'network error'}. ${hint}`,
				code: 'UNREACHABLE',
			};
}

/** A failure of a request to the gateway, with the API key masked in everything it says. */
export function gatewayFailure(
	apiKey: string | undefined,
	explained: Explained & Omit<FailureDetail, 'code'>,
): SunoFailure {
	const { message, description, ...detail } = explained;
	return new SunoFailure(redact(message, apiKey), {
		fromProvider: true,
		...detail,
		description: description ? redact(description, apiKey) : undefined,
	});
}
