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
	store: (body: StreamBody, contentType: string | null) => Promise<IBinaryData>,
): Promise<IBinaryData> {
	const host = new URL(url).host;
	const tooLarge = (size: number) =>
		`The ${what} is larger than Max File Size (${size > 0 ? `${(size / 1e6).toFixed(1)} MB > ` : ''}${maxBytes / 1e6} MB).`;
	let stored: IBinaryData | undefined;
	// Stop ends the download too: the request while it waits for the headers, the body after.
	const signal = context.getExecutionCancelSignal?.();

	const attempt = async (): Promise<Opened> => {
		const response = (await context.helpers.httpRequest({
			url,
			method: 'GET',
			encoding: 'stream',
			timeout: policy.timeoutMs,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			abortSignal: signal,
		})) as Opened;
		if (response.statusCode < 200 || response.statusCode >= 300) return response;
		const { body } = response;
		const header = response.headers?.['content-length'];
		const declared = header === undefined ? NaN : Number(header);
		if (Number.isFinite(declared) && declared > maxBytes) {
			body.destroy();
			throw new FileTooLarge(tooLarge(declared));
		}
		const type = response.headers?.['content-type'];
		const contentType = typeof type === 'string' ? type.split(';')[0].trim() : null;
		if (contentType !== null && NOT_A_FILE.test(contentType)) {
			body.destroy();
			throw new NotTheFile(
				`The file server answered with ${contentType}, not the ${what} (an expired or wrong link?).`,
			);
		}
		if (declared === 0) {
			body.destroy();
			throw new NotTheFile(`The file server answered with an empty ${what}.`);
		}
		// Count what passes without consuming it. Our 'data' listener would start the flow before the
		// binary store reads (and those chunks would be lost), so the stream is paused again; the
		// filesystem store pulls from it regardless, and a store that listens for 'data' (memory mode)
		// restarts it.
		let received = 0;
		let streamError: Error | undefined;
		body.on('error', (error) => (streamError ??= error));
		body.on('data', (chunk) => {
			received += chunk.length;
			if (received > maxBytes) body.destroy(new FileTooLarge(tooLarge(0)));
		});
		body.pause();
		body.on('newListener', (event) => {
			if (event === 'data') void Promise.resolve().then(() => body.resume());
		});
		const stop = () => body.destroy(new WaitCancelledError());
		if (signal?.aborted) stop();
		signal?.addEventListener('abort', stop, { once: true });
		stored = await store(body, contentType)
			.catch((error: Error) => {
				body.destroy();
				const cause = streamError ?? error;
				if (cause instanceof FileTooLarge || cause instanceof WaitCancelledError)
					return Promise.reject(cause);
				return Promise.reject(
					streamError
						? new BrokeOff(cause.message || 'the connection closed early')
						: new StoreFailed(cause.message),
				);
			})
			.finally(() => signal?.removeEventListener('abort', stop));
		if (received === 0) throw new NotTheFile(`The file server answered with an empty ${what}.`);
		return response;
	};

	const outcome = await withRetries(
		attempt,
		policy,
		signal,
		(response) => response.statusCode >= 200 && response.statusCode < 300,
		(response) => response.body.destroy(),
	);
	const fail = (
		detail: Omit<Explained, 'code'> & { code?: Explained['code']; httpCode?: string },
	) =>
		gatewayFailure(undefined, {
			code: 'DOWNLOAD_FAILED',
			...detail,
			itemIndex,
			description: [detail.description, triedNote(outcome.attempts)].filter(Boolean).join(' '),
		});
	if ('error' in outcome) {
		const { error } = outcome;
		if (error instanceof WaitCancelledError || signal?.aborted)
			throw fail({
				message: `Stopped while downloading the ${what}.`,
				description: `URL: ${url}`,
				code: 'STOPPED',
			});
		if (error instanceof FileTooLarge) {
			throw fail({
				message: error.message,
				description: `URL: ${url}. Raise Max File Size in the node's options to download it.`,
				code: 'FILE_TOO_LARGE',
			});
		}
		if (error instanceof BrokeOff)
			throw fail({
				message: `The download of the ${what} broke off: ${error.message}`,
				description: `URL: ${url}`,
			});
		if (error instanceof StoreFailed)
			throw fail({
				message: `Could not store the ${what}: ${error.message}`,
				description: `URL: ${url}`,
			});
		if (error instanceof NotTheFile)
			throw fail({ message: error.message, description: `URL: ${url}` });
		const failure = networkFailure(
			error,
			host,
			policy,
			`The file server for the ${what}`,
			`URL: ${url}`,
		);
		throw fail({ ...failure, code: 'DOWNLOAD_FAILED' });
	}
	const { response } = outcome;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		response.body.destroy();
		throw fail({
			message: `Could not download the ${what}: the file server answered HTTP ${response.statusCode}.`,
			description: `URL: ${url}`,
			httpCode: String(response.statusCode),
		});
	}
	return stored!;
}
