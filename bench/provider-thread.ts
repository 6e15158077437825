/**
 * The local provider in its own thread, so that its work (rendering and serialising tasks) does
 * not share the node's event loop, as a real provider on another machine would not.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

import {
	LocalSunoProvider,
	type LoggedRequest,
	type ProviderOptions,
	type TaskSpec,
} from '../test/provider/provider';

type Call = {
	id: number;
	method: 'createTasks' | 'reset' | 'setLatency' | 'setSubmitDuration' | 'stats' | 'stop';
	args: unknown[];
};
export interface ProviderStats {
	counters: LocalSunoProvider['counters'];
	log: Array<Pick<LoggedRequest, 'method' | 'path' | 'body' | 'at'>>;
}

if (!isMainThread && parentPort) {
	const port = parentPort;
	const provider = new LocalSunoProvider(workerData as ProviderOptions);
	void provider
		.start()
		.then(() => port.postMessage({ ready: true, url: provider.url, apiKey: provider.apiKey }));
	port.on('message', async ({ id, method, args }: Call) => {
		let result: unknown;
		if (method === 'createTasks')
			result = (args[0] as TaskSpec[]).map((spec) => provider.createTask(spec));
		if (method === 'reset') provider.reset();
		if (method === 'setLatency') provider.latencyMs = args[0] as number;
		if (method === 'setSubmitDuration')
			provider.submitDurationMs = args[0] as [number, number] | null;
		if (method === 'stats') {
			result = {
				counters: provider.counters,
				log: provider.log.map(({ method: m, path, body, at }) => ({ method: m, path, body, at })),
			};
		}
		if (method === 'stop') await provider.stop();
		port.postMessage({ id, result });
	});
}

export class ThreadedProvider {
	url = '';
	apiKey = '';
	private next = 0;
	private readonly pending = new Map<number, (value: unknown) => void>();

	private constructor(private readonly worker: Worker) {
		worker.on('message', (message: { id?: number; result?: unknown }) => {
			if (message.id === undefined) return;
			this.pending.get(message.id)?.(message.result);
			this.pending.delete(message.id);
		});
	}

	static async start(options: ProviderOptions = {}): Promise<ThreadedProvider> {
		const worker = new Worker(__filename, { workerData: options });
		const provider = new ThreadedProvider(worker);
		const ready = await new Promise<{ url: string; apiKey: string }>((resolve) =>
			worker.once('message', (message) => resolve(message)),
		);
		provider.url = ready.url;
		provider.apiKey = ready.apiKey;
		return provider;
	}

	private call<T>(method: Call['method'], ...args: unknown[]): Promise<T> {
		const id = this.next++;
		return new Promise<T>((resolve) => {
			this.pending.set(id, resolve as (value: unknown) => void);
			this.worker.postMessage({ id, method, args });
		});
	}

	createTasks(specs: TaskSpec[]) {
		return this.call<string[]>('createTasks', specs);
	}

	reset() {
		return this.call<void>('reset');
	}

	setLatency(ms: number) {
		return this.call<void>('setLatency', ms);
	}

	/** Submitted tasks finish at a random time `[min, max]` ms after their submit. */
	setSubmitDuration(range: [number, number] | null) {
		return this.call<void>('setSubmitDuration', range);
	}

	stats() {
		return this.call<ProviderStats>('stats');
	}

	async stop() {
		await this.call<void>('stop');
		await this.worker.terminate();
	}
}
