/** Any provider's status word in our vocabulary (see task.ts for what each state means). */
import type { TaskStatus } from './task';

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
