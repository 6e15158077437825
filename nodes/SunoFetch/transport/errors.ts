/** Failures as users read them: NodeApiErrors that say what to do, with the API key masked. */
import { NodeApiError, type IExecuteFunctions, type JsonObject } from 'n8n-workflow';

import { providerErrorOf } from '../model/normalise';
import type { ProviderResponse } from './retry';

/** Keys shorter than this are not real keys, and masking them would garble ordinary words. */
const MIN_SECRET_LENGTH = 6;

function redact(text: string, secret: string | undefined): string {
	return secret && secret.length >= MIN_SECRET_LENGTH ? text.split(secret).join('***') : text;
}

export function apiError(
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

export function httpFailure(response: ProviderResponse): { message: string; description?: string } {
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

