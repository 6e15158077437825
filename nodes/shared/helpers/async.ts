/**
 * Waiting that the execution's Stop button interrupts at once (built on n8n-workflow's `sleep`:
 * nodes may not use timers themselves), and work run a few at a time.
 */
import { sleep } from 'n8n-workflow';

export class WaitCancelledError extends Error {
	constructor() {
		super('The execution was stopped while waiting.');
		this.name = 'WaitCancelledError';
	}
}

/** n8n's sleep cannot be cancelled, so long waits sleep in slices: a stopped wait leaves at most one slice behind. */
const SLICE_MS = 1000;

export async function pause(ms: number, signal?: AbortSignal): Promise<void> {
	if (signal?.aborted) throw new WaitCancelledError();
	let onAbort: (() => void) | undefined;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(new WaitCancelledError());
		signal?.addEventListener('abort', onAbort, { once: true });
	});
	aborted.catch(() => undefined); // observed below; never an unhandled rejection
	try {
		for (let left = ms; left > 0; left -= SLICE_MS) {
			await Promise.race([sleep(Math.min(left, SLICE_MS)), aborted]);
		}
	} finally {
		if (onAbort) signal?.removeEventListener('abort', onAbort);
	}
}

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** Runs `work` over `inputs` with at most `limit` at a time; every outcome is kept, none thrown. */
export async function settleEach<I, T>(
	inputs: readonly I[],
	limit: number,
	work: (input: I) => Promise<T>,
): Promise<Array<Settled<T>>> {
	const results: Array<Settled<T>> = new Array(inputs.length);
	let next = 0;
	const worker = async () => {
		while (next < inputs.length) {
			const index = next++;
			try {
				results[index] = { ok: true, value: await work(inputs[index]) };
			} catch (error) {
				results[index] = { ok: false, error };
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, inputs.length)) }, worker));
	return results;
}

export function chunk<T>(values: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < values.length; start += size)
		chunks.push(values.slice(start, start + size));
	return chunks;
}
