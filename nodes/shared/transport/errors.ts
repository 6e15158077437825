/** Failures as users read them: NodeApiErrors that say what to do, with the API key masked. */
import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { providerErrorOf } from '../model/errors';
import type { ProviderResponse } from './retry';

/** Keys shorter than this are not real keys, and masking them would garble ordinary words. */
const MIN_SECRET_LENGTH = 6;

export function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= MIN_SECRET_LENGTH ? text.split(secret).join('***') : text;
}

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
		return {
			message: `The provider answered with a redirect (HTTP ${statusCode}) to ${target}; it was not followed.`,
			description: `The API key is only ever sent to the Base URL (${baseUrl}). If the redirect points to your gateway's real address, enter that address as the Base URL in the Suno API credential.`,
		};
	}
	if (statusCode === 401 || statusCode === 403) {
		return {
			message: `The provider rejected the API key (HTTP ${statusCode}): check the API key and the base URL in the Suno API credential.`,
			description: said,
		};
	}
	if (statusCode === 429) {
		return { message: 'The provider is rate limiting requests (HTTP 429).', description: said };
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
