/**
 * Reads any provider response into `Task[]`. The one place that knows the dialects:
 *  - the new-api / one-hub envelope `{code: "success", data: task | task[] | null}`, whose task
 *    carries clips in `data` (an array for MUSIC, one `{id, text, title, status}` object for LYRICS);
 *  - the GoAPI/PiAPI envelope `{code: 200, data: {task_id, status, input, clips: {<id>: clip}}}`;
 *  - the bare clip list the Suno-API upstream answers a single fetch with.
 * One task's fields are read in clips.ts, the envelope's error in envelope.ts. None of them knows
 * about n8n.
 */
import { looksLikeTask, normaliseTask } from './clips';
import { envelopeProblem, parseBody, Unreadable, type ResponseProblem } from './envelope';
import type { Task } from './task';
import { isObject } from './values';

type ReadResult = { tasks: Task[] } | { problem: ResponseProblem };

/**
 * Any fetch response to tasks, or the problem that stops it being read; it never throws.
 * `fallbackTaskId` names the task when the provider sends only its clips (single fetch on a
 * Suno-API upstream).
 */
export function normaliseResponse(body: unknown, fallbackTaskId: string | null = null): ReadResult {
	try {
		return { tasks: tasksIn(body, fallbackTaskId) };
	} catch (error) {
		const code = error instanceof Unreadable ? error.code : null;
		return { problem: { message: (error as Error).message, code } };
	}
}

function tasksIn(body: unknown, fallbackTaskId: string | null): Task[] {
	const parsed = parseBody(body);
	if (Array.isArray(parsed)) return normaliseData(parsed, fallbackTaskId);
	if (!isObject(parsed)) {
		throw new Unreadable('The provider answered with JSON that is not an object.');
	}
	const problem = envelopeProblem(parsed);
	if (problem) throw new Unreadable(problem.message, problem.code);
	if (!('data' in parsed)) {
		if (looksLikeTask(parsed)) return [normaliseTask(parsed, fallbackTaskId)];
		throw new Unreadable('The provider answered without a "data" field.');
	}
	return normaliseData(parsed.data, fallbackTaskId);
}

function normaliseData(data: unknown, fallbackTaskId: string | null): Task[] {
	if (data === null || data === undefined) return [];
	if (Array.isArray(data)) {
		const objects = data.filter(isObject);
		if (objects.length !== data.length) {
			throw new Unreadable(
				'The provider answered with a task list that holds entries that are not tasks.',
			);
		}
		if (objects.length > 0 && !objects.some(looksLikeTask)) {
			// A bare clip list: one task whose id we only know from the request.
			return fallbackTaskId ? [normaliseTask({ data: objects }, fallbackTaskId)] : [];
		}
		return objects.filter(looksLikeTask).map((task) => normaliseTask(task, null));
	}
	if (isObject(data)) {
		if (looksLikeTask(data)) return [normaliseTask(data, fallbackTaskId)];
		// A bare lyrics object `{id, text, title, status}`.
		if (fallbackTaskId && 'text' in data) return [normaliseTask({ data }, fallbackTaskId)];
	}
	throw new Unreadable('The provider answered with a "data" field that holds no tasks.');
}
