/** What a gateway's error answer says, from any of the error shapes the gateways use. */
import { isObject, NOT_JSON, parseJson, text } from './values';

/** What a provider's error answer says: its code and message, each null when absent. */
export interface ProviderSaid {
	code: string | null;
	message: string | null;
}

/** The provider's own error message from any of the error shapes the gateways use. */
export function providerErrorOf(body: unknown): ProviderSaid {
	const parsed = typeof body === 'string' ? parseJson(body.trim()) : body;
	if (!isObject(parsed)) return { code: null, message: null };
	const inner = isObject(parsed.error) ? parsed.error : parsed;
	return {
		code: text(inner.code) ?? text(inner.type),
		message: text(inner.message) ?? text(inner.msg) ?? text(inner.detail) ?? text(parsed.error),
	};
}

/**
 * The gateway saying "no such task": new-api answers an unknown single id with 400, one-hub with
 * 404, both with the code `task_not_exist`; Suno-API with "task not exist". Any other 400 or 404
 * (an HTML page, a proxy's "no route") is not about the task.
 */
export function isTaskNotFound(statusCode: number, body: unknown): boolean {
	if (statusCode !== 400 && statusCode !== 404) return false;
	const { code, message } = providerErrorOf(body);
	return (
		/^task[_ ]not[_ ]exists?$/i.test(code ?? '') ||
		/^task[_ ]not[_ ]exists?$/i.test((message ?? '').trim())
	);
}

/**
 * The gateway saying the account's or the key's quota is spent: new-api's `quota_not_enough`
 * (before 2026) and `insufficient_user_quota` (since), `pre_consume_token_quota_failed`, and the
 * key's own limit ("该令牌额度已用尽", answered with 401), and a balance too low ("余额不足",
 * "insufficient balance": claude360.xyz answers it with 429). Waiting does not help, and nothing
 * was created.
 */
export function isQuotaRefusal({ code, message }: ProviderSaid): boolean {
	return (
		/^(quota_not_enough|insufficient_user_quota|pre_consume_token_quota_failed|insufficient_quota)$/i.test(
			code ?? '',
		) ||
		/额度(已用尽|不足)|余额不足|quota is not enough|insufficient (user )?(quota|balance)|balance (is )?(insufficient|not enough|too low)/i.test(
			message ?? '',
		)
	);
}

/** new-api answering that no channel serves the model for this key's group: nothing was relayed. */
export function isNoChannel({ message }: ProviderSaid): boolean {
	return /无可用渠道|no available channel|no channel available/i.test(message ?? '');
}

/**
 * An HTML page where an API answer was due (a dashboard, a proxy's page): a body that reads as one,
 * or one typed text/html that is not JSON. What parses as JSON is the gateway's answer, whatever its
 * type says: a paid request answered so may have made something.
 */
export function isWebPage(response: { body: unknown; headers?: Record<string, unknown> }): boolean {
	// The transport keeps a body as bytes only when it is a file (request.ts): text is a string.
	const { body } = response;
	if (typeof body !== 'string') return false;
	if (/^\s*<(!doctype|html|head|body)/i.test(body)) return true;
	const type = response.headers?.['content-type'];
	return (
		typeof type === 'string' &&
		/text\/html/i.test(type) &&
		body.trim() !== '' &&
		parseJson(body.trim()) === NOT_JSON
	);
}
