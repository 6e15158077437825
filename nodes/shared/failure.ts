/**
 * The one failure type of the package. Every layer throws a `SunoFailure`; only the engine's
 * boundary (engine/n8nErrors.ts) turns it into n8n's errors and error items. Pure: nothing here
 * knows about n8n.
 */

/**
 * What went wrong, as an IF node after On Error → Continue can branch on it. Stable: a code is
 * never renamed (README "Errors"); new ones may be added.
 */
export const FAILURE_CODES = {
	INVALID_PARAMETER: 'a field of the node has a value it cannot use',
	INVALID_CREDENTIAL: 'the Suno API credential cannot be used (its base URL)',
	NOT_OFFERED: 'the gateway does not offer this operation; nothing was sent or created',
	KEY_REJECTED: 'the provider rejected the API key (HTTP 401/403)',
	RATE_LIMITED: 'the provider is rate limiting requests (HTTP 429/430)',
	QUOTA_EXHAUSTED: 'the balance or the key’s quota at the provider is too low',
	NO_CHANNEL: 'the provider has no Suno channel for this key or model',
	REFUSED: 'the provider refused the request as asked (a field, a clip, a task)',
	WRONG_ROUTE: 'the provider has no such route: the base URL looks wrong',
	REDIRECTED: 'the provider answered with a redirect, which is not followed',
	PROVIDER_ERROR: 'the provider failed (HTTP 5xx) or answered with an error',
	UNREACHABLE: 'the provider or file server could not be reached, or the answer broke off',
	TIMEOUT: 'no answer within Request Timeout',
	UNCONFIRMED: 'a paid request was sent but its answer did not confirm a task',
	TASK_NOT_FOUND: 'the provider does not know the task or clip ID',
	TASK_UNFINISHED: 'the task was still unfinished when Max Wait ran out (On Timeout = Fail)',
	DOWNLOAD_FAILED: 'a clip’s file could not be downloaded or stored',
	FILE_TOO_LARGE: 'a file is larger than Max File Size',
	KEY_IN_URL: 'the provider put the API key in a URL, which is not passed on',
	STOPPED: 'the execution was stopped',
	UNEXPECTED: 'an error the node did not expect: please report it',
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

export interface FailureDetail {
	code: FailureCode;
	description?: string;
	/** The HTTP status of the provider's answer, when there was one. */
	httpCode?: string;
	itemIndex?: number;
	/** A paid request only: the provider may have created (and charged) a task, its ID unknown. */
	taskMayExist?: boolean;
	/** The paid task this failure is about, when it was created. */
	taskId?: string;
	/** The failure is the provider's answer (n8n shows it as an API error). */
	fromProvider?: boolean;
}

export class SunoFailure extends Error {
	readonly code: FailureCode;
	readonly description?: string;
	readonly httpCode?: string;
	readonly itemIndex?: number;
	readonly taskMayExist?: boolean;
	readonly taskId?: string;
	readonly fromProvider: boolean;

	constructor(message: string, detail: FailureDetail) {
		super(message);
		this.name = 'SunoFailure';
		this.code = detail.code;
		this.description = detail.description;
		this.httpCode = detail.httpCode;
		this.itemIndex = detail.itemIndex;
		this.taskMayExist = detail.taskMayExist;
		this.taskId = detail.taskId;
		this.fromProvider = detail.fromProvider ?? detail.httpCode !== undefined;
	}

	/** The same failure with more said, or for another item: failures are never changed in place. */
	with(changes: Partial<FailureDetail> & { message?: string }): SunoFailure {
		const { message = this.message, ...detail } = changes;
		return new SunoFailure(message, { ...this.detail(), ...detail });
	}

	/** The failure with `notes` after its description, each as a sentence. */
	noting(...notes: Array<string | undefined>): SunoFailure {
		return this.with({ description: describedWith(this, ...notes) });
	}

	/** The failure with `mask` applied to what it says: a field's value quoted may hold the key. */
	maskedBy(mask: (text: string) => string): SunoFailure {
		const description = this.description === undefined ? undefined : mask(this.description);
		return this.with({ message: mask(this.message), description });
	}

	private detail(): FailureDetail {
		const { code, description, httpCode, itemIndex, taskMayExist, taskId, fromProvider } = this;
		return { code, description, httpCode, itemIndex, taskMayExist, taskId, fromProvider };
	}
}

/** `error` as a SunoFailure: itself, or an unexpected error kept with its message. */
export function asFailure(error: unknown, fallback: FailureCode = 'UNEXPECTED'): SunoFailure {
	if (error instanceof SunoFailure) return error;
	const { message, description, httpCode } = error as {
		message?: string;
		description?: unknown;
		httpCode?: unknown;
	};
	return new SunoFailure(String(message ?? error), {
		code: fallback,
		description: typeof description === 'string' ? description : undefined,
		httpCode: typeof httpCode === 'string' ? httpCode : undefined,
	});
}

/** An error's own description as a sentence, then `notes`. */
export function describedWith(error: unknown, ...notes: Array<string | undefined>): string {
	const said = (error as { description?: string }).description?.trim();
	const sentence = said && !/[.!?]$/.test(said) ? `${said}.` : said;
	return [sentence, ...notes].filter(Boolean).join(' ');
}
