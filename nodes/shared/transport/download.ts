/**
 * Clip files from their CDN: plain requests (the API key must never travel there), streamed, with
 * the same retries as API calls and a size cap.
 */
import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { WaitCancelledError } from '../helpers/async';
import { gatewayFailure, networkFailure, type Explained } from './errors';
import { triedNote, withRetries, type ProviderResponse, type RequestPolicy } from './retry';

/** A readable body as `httpRequest` returns it with `encoding: 'stream'`. */
export interface StreamBody {
	on(event: 'data', listener: (chunk: { length: number }) => void): unknown;
	on(event: 'error', listener: (error: Error) => void): unknown;
	on(event: 'newListener', listener: (event: string | symbol) => void): unknown;
	pause(): unknown;
	resume(): unknown;
	destroy(error?: Error): unknown;
}

/** Over Max File Size: final, never retried (it has no network code). */
class FileTooLarge extends Error {}

/** The body broke off after the headers. The code makes `withRetries` try the whole download again. */
class BrokeOff extends Error {
	readonly code = 'ERR_BAD_RESPONSE';
}

/** Store failed for its own reasons (not the stream's): final. */
class StoreFailed extends Error {}

/** A 200 answer that is not the file (an expired link's web page, an empty body): final. */
class NotTheFile extends Error {}

/** Answers that are a page or a message, never a song, a cover or a video. */
const NOT_A_FILE = /^(text\/|application\/(json|xml|xhtml))/i;

type Opened = ProviderResponse & { body: StreamBody };
/** A 2xx answer carries what the store kept of its body. */
type Fetched = Opened & { stored?: IBinaryData };
type Store = (body: StreamBody, contentType: string | null) => Promise<IBinaryData>;

/** One file to fetch, as every step of its download needs it. */
interface Download {
	context: IExecuteFunctions;
	url: string;
	host: string;
	itemIndex: number;
	policy: RequestPolicy;
	maxBytes: number;
	what: string;
	signal: AbortSignal | undefined;
}

/** What a failed download tells the user, before the attempts are noted. */
type Detail = Omit<Explained, 'code'> & { code?: Explained['code']; httpCode?: string };

/** What has passed through a body so far. */
interface Meter {
	received: number;
	error?: Error;
}

const isSuccess = (statusCode: number) => statusCode >= 200 && statusCode < 300;

const tooLarge = (job: Download, size: number) =>
	`The ${job.what} is larger than Max File Size (${size > 0 ? `${(size / 1e6).toFixed(1)} MB > ` : ''}${job.maxBytes / 1e6} MB).`;

/**
 * Downloads a clip's file into `store` (n8n's binary store, which consumes the stream), with the
 * same retries as API requests. A body that breaks off after the headers is retried too, as a
 * whole download: the failed store call kept nothing. The stream errors once more than `maxBytes`
 * arrive, and that is final.
 */
export async function downloadFile(
	context: IExecuteFunctions,
	url: string,
	itemIndex: number,
	policy: RequestPolicy,
	maxBytes: number,
	what: string,
	store: Store,
): Promise<IBinaryData> {
	const host = new URL(url).host;
	// Stop ends the download too: the request while it waits for the headers, the body after.
	const signal = context.getExecutionCancelSignal?.();
	const job: Download = { context, url, host, itemIndex, policy, maxBytes, what, signal };
	const outcome = await withRetries(
		() => attempt(job, store),
		policy,
		signal,
		(response) => isSuccess(response.statusCode),
		(response) => response.body.destroy(),
	);
	if ('error' in outcome) throw downloadFailure(job, explain(job, outcome.error), outcome.attempts);
	const { response } = outcome;
	if (!isSuccess(response.statusCode)) {
		response.body.destroy();
		const detail = {
			message: `Could not download the ${what}: the file server answered HTTP ${response.statusCode}.`,
			description: `URL: ${url}`,
			httpCode: String(response.statusCode),
		};
		throw downloadFailure(job, detail, outcome.attempts);
	}
	return response.stored!;
}

/** One try: the request, then the body into `store`. An answer that is not 2xx comes back unread. */
async function attempt(job: Download, store: Store): Promise<Fetched> {
	const response = await open(job);
	if (!isSuccess(response.statusCode)) return response;
	const contentType = checkHeaders(job, response);
	const meter = watch(job, response.body);
	const stored = await storeWatched(job, response.body, contentType, meter, store);
	if (meter.received === 0)
		throw new NotTheFile(`The file server answered with an empty ${job.what}.`);
	return { ...response, stored };
}

/** The plain request (no key), answered with the headers and a stream. */
async function open(job: Download): Promise<Opened> {
	return (await job.context.helpers.httpRequest({
		url: job.url,
		method: 'GET',
		encoding: 'stream',
		timeout: job.policy.timeoutMs,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		abortSignal: job.signal,
	})) as Opened;
}

/** The file's content type; throws (and closes the body) when the headers say it is not the file. */
function checkHeaders(job: Download, response: Opened): string | null {
	const { body } = response;
	const header = response.headers?.['content-length'];
	const declared = header === undefined ? NaN : Number(header);
	if (Number.isFinite(declared) && declared > job.maxBytes) {
		body.destroy();
		throw new FileTooLarge(tooLarge(job, declared));
	}
	const type = response.headers?.['content-type'];
	const contentType = typeof type === 'string' ? type.split(';')[0].trim() : null;
	if (contentType !== null && NOT_A_FILE.test(contentType)) {
		body.destroy();
		throw new NotTheFile(
			`The file server answered with ${contentType}, not the ${job.what} (an expired or wrong link?).`,
		);
	}
	if (declared === 0) {
		body.destroy();
		throw new NotTheFile(`The file server answered with an empty ${job.what}.`);
	}
	return contentType;
}

/**
 * Counts what passes without consuming it, and ends the body past Max File Size. Our 'data'
 * listener would start the flow before the binary store reads (and those chunks would be lost), so
 * the stream is paused again; the filesystem store pulls from it regardless, and a store that
 * listens for 'data' (memory mode) restarts it.
 */
function watch(job: Download, body: StreamBody): Meter {
	const meter: Meter = { received: 0 };
	body.on('error', (error) => (meter.error ??= error));
	body.on('data', (chunk) => {
		meter.received += chunk.length;
		if (meter.received > job.maxBytes) body.destroy(new FileTooLarge(tooLarge(job, 0)));
	});
	body.pause();
	body.on('newListener', (event) => {
		if (event === 'data') void Promise.resolve().then(() => body.resume());
	});
	return meter;
}

/** Hands the body to `store`; Stop ends the body, and a failure says whose it was. */
async function storeWatched(
	job: Download,
	body: StreamBody,
	contentType: string | null,
	meter: Meter,
	store: Store,
): Promise<IBinaryData> {
	const { signal } = job;
	const stop = () => body.destroy(new WaitCancelledError());
	if (signal?.aborted) stop();
	signal?.addEventListener('abort', stop, { once: true });
	return await store(body, contentType)
		.catch((error: Error) => {
			body.destroy();
			return Promise.reject(whyStoreFailed(meter.error, error));
		})
		.finally(() => signal?.removeEventListener('abort', stop));
}

/** A size cap or a Stop as it is; else the stream's break (retried) or the store's own failure. */
function whyStoreFailed(streamError: Error | undefined, error: Error): Error {
	const cause = streamError ?? error;
	if (cause instanceof FileTooLarge || cause instanceof WaitCancelledError) return cause;
	return streamError
		? new BrokeOff(cause.message || 'the connection closed early')
		: new StoreFailed(cause.message);
}

/** What the user reads for the error that ended the last try. */
function explain(job: Download, error: unknown): Detail {
	const { url, what } = job;
	const description = `URL: ${url}`;
	if (error instanceof WaitCancelledError || job.signal?.aborted)
		return { message: `Stopped while downloading the ${what}.`, description, code: 'STOPPED' };
	if (error instanceof FileTooLarge) {
		return {
			message: error.message,
			description: `URL: ${url}. Raise Max File Size in the node's options to download it.`,
			code: 'FILE_TOO_LARGE',
		};
	}
	if (error instanceof BrokeOff)
		return { message: `The download of the ${what} broke off: ${error.message}`, description };
	if (error instanceof StoreFailed)
		return { message: `Could not store the ${what}: ${error.message}`, description };
	if (error instanceof NotTheFile) return { message: error.message, description };
	const failed = networkFailure(
		error,
		job.host,
		job.policy,
		`The file server for the ${what}`,
		description,
	);
	return { ...failed, code: 'DOWNLOAD_FAILED' };
}

/**
 * The error thrown, noting how many times the download was tried. No key to mask: a file URL that
 * holds it is refused before any download (client.ts).
 */
function downloadFailure(job: Download, detail: Detail, attempts: number) {
	return gatewayFailure(undefined, {
		code: 'DOWNLOAD_FAILED',
		...detail,
		itemIndex: job.itemIndex,
		description: [detail.description, triedNote(attempts)].filter(Boolean).join(' '),
	});
}
