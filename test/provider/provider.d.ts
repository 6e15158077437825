export interface LoggedRequest {
	method: string;
	path: string;
	rawPath: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	at: number;
}

export interface Fault {
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	drop?: boolean;
	dropMidBody?: boolean;
	hang?: boolean;
	slowBodyMs?: number;
	/** Media only: the real file's headers and first n bytes, then the connection destroyed. */
	breakAfterBytes?: number;
	times?: number;
}

export interface ProviderOptions {
	apiKey?: string;
	flavour?: 'newapi' | 'onehub';
	advance?: 'poll' | number;
	latencyMs?: number;
	idStyle?: 'uuid' | 'task';
	mediaBytes?: number;
}

export interface TaskSpec {
	action?: 'MUSIC' | 'LYRICS';
	id?: string;
	title?: string;
	tags?: string;
	prompt?: string;
	fail?: boolean;
	finishAfter?: number;
	clips?: number;
	finishAt?: number;
	holdAt?: 'NOT_START' | 'QUEUED' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE';
}

export declare class LocalSunoProvider {
	constructor(options?: ProviderOptions);
	apiKey: string;
	flavour: 'newapi' | 'onehub';
	advance: 'poll' | number;
	latencyMs: number;
	url: string;
	mediaSize: number;
	mediaFaults: Fault[];
	mediaChunked: boolean;
	pathPrefix: string;
	caseInsensitiveIds: boolean;
	log: LoggedRequest[];
	counters: {
		requests: number;
		fetchBatch: number;
		fetchSingle: number;
		submit: number;
		media: number;
		idsFetched: number;
	};
	tasks: Map<string, unknown>;
	start(port?: number): Promise<this>;
	stop(): Promise<void>;
	reset(): void;
	addTask(task: { task_id: string } & Record<string, unknown>): string;
	createTask(spec?: TaskSpec): string;
	seedDemo(): string[];
	addMedia(name: string): string;
	setRoute(
		method: string,
		path: string,
		response: { status?: number; body: unknown; headers?: Record<string, string> },
	): void;
	injectFault(fault: Fault): void;
}

export declare const DEMO_TASKS: Array<TaskSpec & { id: string }>;

export declare function mediaBytes(name: string, size: number): Buffer;
