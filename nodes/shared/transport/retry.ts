/**
 * How requests are repeated and bounded, for API calls and file downloads alike. Reading is always
 * safe to repeat; a submit costs money, so it is repeated only when the provider surely created
 * nothing (`REPEAT_PAID`).
 */
import { pause } from '../helpers/async';
import { isQuotaRefusal, providerErrorOf } from '../model/errors';

/** How hard to try for one request. */
export interface RequestPolicy {
	/** Retries after the first attempt for 429, 5xx and network errors; other 4xx never. */
	retries: number;
	timeoutMs: number;
	/** When set (epoch ms), no Retry-After is waited past it: the answer so far is final instead. */
	deadline?: number;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** A Retry-After longer than this is not worth holding the workflow for. */
const RETRY_AFTER_CAP_MS = 120_000;
const RETRYABLE_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'ESOCKETTIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'ERR_BAD_RESPONSE', // the answer broke off mid-body ("stream has been aborted")
]);

export interface ProviderResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

/** Capped exponential backoff with jitter: 0.5–1× of base·2^attempt. */
function backoffMs(attempt: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(ceiling * (0.5 + Math.random() * 0.5));
}

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
function retryAfterMs(value: unknown, now = Date.now()): number | null {
	const header = Array.isArray(value) ? value[0] : value;
	if (typeof header !== 'string' && typeof header !== 'number') return null;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/**
 * A gateway's "too many requests": 429, and 430 where 429 means something else (claude360.xyz
 * answers 429 for a balance too low and 430 for its rate limit).
 */
export const isRateLimit = (statusCode: number) => statusCode === 429 || statusCode === 430;

/** Which failures a request may be sent again after. */
export interface RepeatRule {
	status: (response: ProviderResponse) => boolean;
	networkCodes: ReadonlySet<string>;
	/** A Retry-After past the cap: wait the cap and try again (reads), or stop here (paid). */
	retryAfterPastCap: boolean;
}

/** Reads (fetches, downloads): any rate limit, server error or network error. */
export const REPEAT_READ: RepeatRule = {
	status: ({ statusCode }) => isRateLimit(statusCode) || statusCode >= 500,
	networkCodes: RETRYABLE_NETWORK_CODES,
	retryAfterPastCap: true,
};

/**
 * Paid requests (submits): only a 429, which the gateway answers before it relays anything, and a
 * connection that was never made. After a 5xx, a timeout or a connection broken once the request
 * went out, a task may exist: sending again could pay twice. A 429 that says the quota is spent
 * will not pass by waiting, and a Retry-After past the cap is not cut short.
 */
export const REPEAT_PAID: RepeatRule = {
	status: ({ statusCode, body }) =>
		isRateLimit(statusCode) && !isQuotaRefusal(providerErrorOf(body)),
	networkCodes: new Set(['ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']),
	retryAfterPastCap: false,
};

/** Whether the request surely never reached the server (so nothing was created). */
export const neverSent = (error: unknown) => REPEAT_PAID.networkCodes.has(networkCode(error) ?? '');

export function networkCode(error: unknown): string | undefined {
	const failure = error as { cause?: { code?: string }; code?: string };
	return failure.cause?.code ?? failure.code;
}

/**
 * A request's timeout only notices a silent connection; a body that trickles in forever would not
 * trip it. This bounds the whole answer: past `ms`, the attempt fails as a timeout.
 */
export async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
	const done = new AbortController();
	const deadline = pause(ms, done.signal).then(
		() =>
			Promise.reject(
				Object.assign(new Error(`no complete answer within ${ms} ms`), { code: 'ETIMEDOUT' }),
			),
		() => new Promise<never>(() => undefined), // the work finished first: this side never settles
	);
	try {
		return await Promise.race([work, deadline]);
	} finally {
		done.abort();
	}
}

const fitsDeadline = (delayMs: number, policy: RequestPolicy) =>
	policy.deadline === undefined || Date.now() + delayMs <= policy.deadline;

/** The final answer or error, how many attempts it took, and when the last one was sent (epoch ms). */
export type Attempt<R> =
	| { response: R; attempts: number; sentAt: number }
	| { error: unknown; attempts: number; sentAt: number };

/**
 * Sends until the answer is final: what `repeat` allows (for reads 429 after its Retry-After, 5xx
 * and network errors) is tried again, up to `policy.retries` times, with capped exponential backoff
 * and jitter; anything else is final. `discard` releases a response that will be retried (a
 * download's open stream).
 */
export async function withRetries<R extends ProviderResponse>(
	send: () => Promise<R>,
	policy: RequestPolicy,
	signal: AbortSignal | undefined,
	isFinal: (response: R) => boolean,
	discard: (response: R) => void = () => undefined,
	repeat: RepeatRule = REPEAT_READ,
): Promise<Attempt<R>> {
	for (let attempt = 0; ; attempt++) {
		const canRetry = attempt < policy.retries && !signal?.aborted;
		const sentAt = Date.now();
		const final = { attempts: attempt + 1, sentAt };
		let response: R;
		try {
			response = await send();
		} catch (error) {
			const code = networkCode(error);
			const delay = backoffMs(attempt);
			if (!canRetry || code === undefined || !repeat.networkCodes.has(code)) {
				return { error, ...final };
			}
			await pause(delay, signal);
			continue;
		}
		if (isFinal(response) || !canRetry || !repeat.status(response)) return { response, ...final };
		const asked = isRateLimit(response.statusCode)
			? retryAfterMs(response.headers?.['retry-after'])
			: null;
		// A short backoff may run past the deadline; a Retry-After that the time left cannot honour ends here.
		if (asked !== null && !fitsDeadline(asked, policy)) return { response, ...final };
		if (asked !== null && asked > RETRY_AFTER_CAP_MS && !repeat.retryAfterPastCap)
			return { response, ...final };
		const delay = asked === null ? backoffMs(attempt) : Math.min(asked, RETRY_AFTER_CAP_MS);
		discard(response);
		await pause(delay, signal);
	}
}

export const triedNote = (attempts: number) =>
	attempts > 1 ? `Tried ${attempts} times.` : undefined;
