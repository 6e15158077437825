/**
 * The one way a paid request (a submit) is sent. It is repeated only when the provider surely
 * created nothing (`REPEAT_PAID`: a 429, a connection never made). Every other failure is final,
 * and its error says whether a task may exist and how to find it, so nobody pays twice by running
 * the node again blind.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { providerErrorOf } from '../model/errors';
import { readSubmitAnswer } from '../model/submit';
import { apiError, httpFailure } from './errors';
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
	taskId: string;
	/** What the provider said with the ID (2026 gateways pass the upstream's message on). */
	providerMessage: string | null;
	/** When the submit was sent (ISO 8601). */
	submittedAt: string;
}

const nothingCreated = 'Nothing was created, so nothing was charged.';

const mayExist = (submittedAt: string) =>
	`A task may have been created (and charged) although its ID did not come back. It was not submitted again: look in your provider's task log for a task submitted at ${submittedAt}, and fetch it with Suno Fetch by its ID before you submit again.`;

/** Why the gateway refused a submit, as a user can act on it; `created` when a task may exist. */
function submitFailure(
	response: ProviderResponse,
	baseUrl: string,
	path: string,
): { message: string; description?: string; created: boolean } {
	const { statusCode } = response;
	const { code, message } = providerErrorOf(response.body);
	const said = [code, message].filter(Boolean).join(': ');
	const is = (pattern: RegExp) => pattern.test(code ?? '') || pattern.test(message ?? '');
	if (is(/^(quota_not_enough|insufficient_user_quota|pre_consume_token_quota_failed)$/i)) {
		return {
			message: `Your balance at the provider is too low for this submit (${code ?? message}).`,
			description: 'Top up your account at the provider, or use a key with quota left.',
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
	if (statusCode === 429) {
		return {
			message: `The provider is rate limiting submits (HTTP 429)${said ? `: ${said}` : '.'}`,
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
	if (statusCode >= 400 && statusCode < 500 && ![401, 403, 404, 405].includes(statusCode)) {
		return {
			message: `The provider refused the submit (HTTP ${statusCode})${said ? `: ${said}` : '.'}`,
			description: 'Check the fields the message names.',
			created: false,
		};
	}
	// Redirects, a rejected key, a wrong route: the submit never reached Suno.
	const failure = httpFailure(response, baseUrl, path);
	return { ...failure, created: false };
}

export async function submitTask(
	context: IExecuteFunctions,
	gateway: Gateway,
	request: { path: string; body: IDataObject; policy: RequestPolicy; itemIndex: number },
): Promise<Submitted> {
	const { path, body, policy, itemIndex } = request;
	const submittedAt = new Date().toISOString();
	const outcome = await sendToGateway(context, { method: 'POST', path, body, policy }, REPEAT_PAID);
	const fail = (detail: {
		message: string;
		description?: string;
		created: boolean;
		httpCode?: string;
	}) =>
		apiError(context, gateway.apiKey, {
			message: detail.message,
			description: [
				detail.description,
				detail.created ? mayExist(submittedAt) : nothingCreated,
				triedNote(outcome.attempts),
			]
				.filter(Boolean)
				.join(' '),
			httpCode: detail.httpCode,
			itemIndex,
		});
	if ('error' in outcome) {
		const host = new URL(gateway.baseUrl).host;
		const hint = 'Check the base URL in the Suno API credential and that the provider is up.';
		const created = !neverSent(outcome.error);
		const failure = networkFailure(outcome.error, host, policy, 'The provider', hint);
		throw fail({ ...failure, created });
	}
	const { response } = outcome;
	if (response.statusCode >= 200 && response.statusCode < 300) {
		const answer = readSubmitAnswer(response.body);
		if ('taskId' in answer)
			return { taskId: answer.taskId, providerMessage: answer.message, submittedAt };
		const { code, message } = answer.problem;
		throw fail({
			message: `The provider did not confirm the submit${code ? ` (${code})` : ''}: ${message}`,
			created: true,
			httpCode: String(response.statusCode),
		});
	}
	throw fail({
		...submitFailure(response, gateway.baseUrl, path),
		httpCode: String(response.statusCode),
	});
}
