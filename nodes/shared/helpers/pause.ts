/**
 * Waiting that the execution's Stop button interrupts at once. Built on n8n-workflow's `sleep`
 * (nodes may not use timers themselves) and the execution's cancel signal.
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
