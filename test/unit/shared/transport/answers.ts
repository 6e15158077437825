/** Gateway answers as the transport hands them to the rules, for the transport's unit tests. */
import type { ProviderResponse } from '../../../../nodes/shared/transport/retry';

export const BASE = 'https://gw.example';

export const answer = (
	statusCode: number,
	body: unknown = '',
	headers: Record<string, unknown> = {},
): ProviderResponse => ({ statusCode, body, headers });
