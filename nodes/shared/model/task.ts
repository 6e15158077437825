/**
 * The normalised model every provider dialect is read into: a task, its clips and states, the
 * providers' status words in those states, and which returned task answers which asked id.
 * Nothing here knows about n8n.
 */

/**
 * Task states after normalisation. `UNKNOWN` is the gateways' own final word (new-api's
 * TaskStatusUnknown, terminal in Suno-API: the task will not change again). `UNRECOGNIZED` and
 * `NOT_FOUND` are ours: a status word we do not know (or none at all), and an id the provider did
 * not return.
 */
export const TASK_STATUSES = [
	'NOT_START',
	'SUBMITTED',
	'QUEUED',
	'IN_PROGRESS',
	'SUCCESS',
	'FAILURE',
	'UNKNOWN',
	'UNRECOGNIZED',
	'NOT_FOUND',
] as const;

export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * States after which polling again cannot change the answer. `UNRECOGNIZED` is not one: a word we
 * do not know may still move on, so a wait keeps polling it until Max Wait.
 */
const FINISHED_STATUSES: ReadonlySet<TaskStatus> = new Set([
	'SUCCESS',
	'FAILURE',
	'UNKNOWN',
	'NOT_FOUND',
]);

export type ProviderObject = { [key: string]: unknown };

export interface Clip {
	clipId: string | null;
	title: string | null;
	clipStatus: string | null;
	audioUrl: string | null;
	videoUrl: string | null;
	imageUrl: string | null;
	imageLargeUrl: string | null;
	lyrics: string | null;
	description: string | null;
	tags: string | null;
	duration: number | null;
	model: string | null;
	modelVersion: string | null;
	createdAt: string | null;
	errorMessage: string | null;
	/** The clip exactly as the provider sent it. */
	raw: ProviderObject;
}

export interface Task {
	taskId: string;
	action: string | null;
	taskStatus: TaskStatus;
	/** The provider's own status word, before normalisation. */
	rawStatus: string | null;
	progress: number | null;
	failReason: string | null;
	submittedAt: string | null;
	startedAt: string | null;
	finishedAt: string | null;
	clips: Clip[];
	/** LYRICS tasks carry one lyrics object instead of clips. */
	lyrics: {
		title: string | null;
		text: string | null;
		status: string | null;
		raw: ProviderObject;
	} | null;
	/** The task as sent, clip list included (`data` or `clips`). */
	raw: ProviderObject;
}

/** The fields an operation adds to each item of its finished task (a stem's name, a model check). */
export type Annotate = (task: Task, clip: Clip | null) => ProviderObject;

export function isFinished(status: TaskStatus): boolean {
	return FINISHED_STATUSES.has(status);
}

/**
 * A task the provider did not return: it does not exist, or belongs to another account (or, after
 * a wait, `failReason` says how long it was asked for).
 */
export function notFoundTask(
	taskId: string,
	failReason = `Task ${taskId} was not found: the provider does not know it for this API key (wrong id, or a task of another account).`,
): Task {
	return {
		taskId,
		action: null,
		taskStatus: 'NOT_FOUND',
		rawStatus: null,
		progress: null,
		failReason,
		submittedAt: null,
		startedAt: null,
		finishedAt: null,
		clips: [],
		lyrics: null,
		raw: { task_id: taskId },
	};
}

/** Any provider's status word in our vocabulary. */
const STATUS_WORDS: Record<string, TaskStatus> = {
	not_start: 'NOT_START',
	not_started: 'NOT_START',
	created: 'NOT_START',
	submitted: 'SUBMITTED',
	queued: 'QUEUED',
	queue: 'QUEUED',
	queueing: 'QUEUED',
	pending: 'QUEUED',
	waiting: 'QUEUED',
	in_progress: 'IN_PROGRESS',
	processing: 'IN_PROGRESS',
	streaming: 'IN_PROGRESS',
	running: 'IN_PROGRESS',
	generating: 'IN_PROGRESS',
	// sunoapi.org's (served by new-api's official Suno channel): the lyrics, then the first clip, are done.
	text_success: 'IN_PROGRESS',
	first_success: 'IN_PROGRESS',
	success: 'SUCCESS',
	succeeded: 'SUCCESS',
	successful: 'SUCCESS',
	complete: 'SUCCESS',
	completed: 'SUCCESS',
	finished: 'SUCCESS',
	done: 'SUCCESS',
	failure: 'FAILURE',
	failed: 'FAILURE',
	fail: 'FAILURE',
	error: 'FAILURE',
	cancelled: 'FAILURE',
	canceled: 'FAILURE',
	timeout: 'FAILURE',
	unknown: 'UNKNOWN',
};

/** Maps any provider's status word to our vocabulary; a word we do not know is `UNRECOGNIZED`. */
export function normaliseStatus(word: unknown): TaskStatus {
	if (typeof word !== 'string' || word.trim() === '') return 'UNRECOGNIZED';
	const key = word
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	if (key in STATUS_WORDS) return STATUS_WORDS[key];
	// sunoapi.org style: CREATE_TASK_FAILED, GENERATE_AUDIO_FAILED, SENSITIVE_WORD_ERROR …
	if (/_(failed|error)$/.test(key)) return 'FAILURE';
	return 'UNRECOGNIZED';
}

/**
 * The returned task for each asked id: the exact id, else the same id in another case (gateways
 * on MySQL match ids without regard to case and answer with their own spelling) unless another
 * asked id is that task's exact spelling. Providers may repeat a task or add one nobody asked for:
 * the first copy counts, the rest are ignored. A single GET answered with one task under another id
 * (the gateway's own id for it) is that task.
 */
export function matchTasks(
	askedIds: readonly string[],
	received: readonly Task[],
	single: boolean,
): Map<string, Task> {
	const exact = new Map<string, Task>();
	const folded = new Map<string, Task>();
	for (const task of received) {
		if (!exact.has(task.taskId)) exact.set(task.taskId, task);
		if (!folded.has(task.taskId.toLowerCase())) folded.set(task.taskId.toLowerCase(), task);
	}
	const claimed = new Set(askedIds.map((id) => exact.get(id)).filter(Boolean));
	const matched = new Map<string, Task>();
	for (const id of askedIds) {
		const other = folded.get(id.toLowerCase());
		const found = exact.get(id) ?? (other && !claimed.has(other) ? other : undefined);
		matched.set(id, found ?? (single && received.length === 1 ? received[0] : notFoundTask(id)));
	}
	return matched;
}
