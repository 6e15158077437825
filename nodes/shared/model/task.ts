/**
 * The normalised model every provider dialect is read into. Nothing here knows about n8n.
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
