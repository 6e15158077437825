/**
 * Clip files from their CDN: plain requests (the API key must never travel there), streamed, with
 * the same retries as API calls and a size cap.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { apiError } from './errors';
import { networkFailure, triedNote, withRetries, type ProviderResponse, type RequestPolicy } from './retry';

/** A readable body as `httpRequest` returns it with `encoding: 'stream'`. */
interface StreamBody {
	on(event: 'data', listener: (chunk: { length: number }) => void): unknown;
	on(event: 'newListener', listener: (event: string | symbol) => void): unknown;
	pause(): unknown;
	resume(): unknown;
	destroy(error?: Error): unknown;
}

export interface DownloadedFile {
	body: StreamBody;
	contentType: string | null;
}

/**
 * Opens a clip's file for download as a stream, with the same retries as API requests. A plain
 * request: the files sit on a CDN, and the API key must never travel there. The stream errors
 * (and so does whatever consumes it) once more than `maxBytes` arrive.
 */
export async function openDownload(
	this: IExecuteFunctions,
	url: string,
	itemIndex: number,
	policy: RequestPolicy,
	maxBytes: number,
	what: string,
): Promise<DownloadedFile> {
	const host = new URL(url).host;
	const outcome = await withRetries(
		async () =>
			(await this.helpers.httpRequest({
				url,
				method: 'GET',
				encoding: 'stream',
				timeout: policy.timeoutMs,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			})) as ProviderResponse & { body: StreamBody },
		policy,
		this.getExecutionCancelSignal?.(),
		(response) => response.statusCode >= 200 && response.statusCode < 300,
		(response) => response.body.destroy(),
	);
	const fail = (detail: { message: string; description?: string; httpCode?: string }) =>
		apiError.call(this, itemIndex, undefined, {
			...detail,
			description: [detail.description, triedNote(outcome.attempts)].filter(Boolean).join(' '),
		});
	if ('error' in outcome) {
		throw fail(networkFailure(outcome.error, host, policy, `The file server for the ${what}`, `URL: ${url}`));
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
	const tooLarge = (size: number) =>
		`The ${what} is larger than Max File Size (${size > 0 ? `${(size / 1e6).toFixed(1)} MB > ` : ''}${maxBytes / 1e6} MB).`;
	const declared = Number(response.headers?.['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		response.body.destroy();
		throw fail({ message: tooLarge(declared), description: `URL: ${url}. Raise Max File Size in the node's options to download it.` });
	}
	// Count what passes without consuming it. Our 'data' listener would start the flow before the
	// binary store reads (and those chunks would be lost), so the stream is paused again; the
	// filesystem store pulls from it regardless, and a store that listens for 'data' (memory mode)
	// restarts it.
	let received = 0;
	const { body } = response;
	body.on('data', (chunk) => {
		received += chunk.length;
		if (received > maxBytes) body.destroy(new Error(tooLarge(0)));
	});
	body.pause();
	body.on('newListener', (event) => {
		if (event === 'data') void Promise.resolve().then(() => body.resume());
	});
	const type = response.headers?.['content-type'];
	return { body: response.body, contentType: typeof type === 'string' ? type.split(';')[0].trim() : null };
}
