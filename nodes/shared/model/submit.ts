/**
 * A submit's answer (suno-api.md §1.8) read into the task ID it created: before 2026 the gateway
 * passes the upstream's `{code: "success", data: "<upstream id>"}` through; since then it answers
 * `{code, message, data: "task_…"}`. Some relays wrap the id as `{task_id}` or `{id}`. Anything
 * else is a problem, quoted, never a guess. Pure; nothing here knows about n8n.
 */
import { envelopeProblem, parseObject, type ResponseProblem } from './envelope';
import { isObject, text } from './values';

export type SubmitAnswer =
	| { taskId: string; message: string | null }
	| { problem: ResponseProblem };

/** A file that came with a paid answer: where to download it, or its bytes. */
export type PaidFile = { url: string } | { bytes: Buffer; mimeType: string };

/** A paid request's answer: a task to wait for, the result itself, or a problem quoted from it. */
export type PaidAnswer = SubmitAnswer | { result: { [key: string]: unknown }; file?: PaidFile };

/**
 * The task ID in an answer's `data`: the value itself, or its `task_id`, `taskId` or `id` (a long
 * number arrives as text, every digit kept: values.ts). Null when there is none.
 */
function taskIdIn(data: unknown): string | null {
	const id = isObject(data)
		? (text(data.task_id) ?? text(data.taskId) ?? text(data.id))
		: text(data);
	return id === null || id.trim() === '' ? null : id.trim();
}

export function readSubmitAnswer(body: unknown): SubmitAnswer {
	const read = parseObject(body);
	if ('problem' in read) return read;
	const parsed = read.object;
	const problem = envelopeProblem(parsed);
	const taskId = taskIdIn(parsed.data);
	if (problem) {
		// An error that still names an id: say so, the task may be real.
		const named = taskId ? ` The answer names the task ID ${taskId}.` : '';
		return { problem: { ...problem, message: `${problem.message}${named}` } };
	}
	if (taskId === null) {
		const preview = JSON.stringify(parsed).slice(0, 200);
		return {
			problem: { message: `The provider's answer holds no task ID: ${preview}`, code: null },
		};
	}
	return { taskId, message: text(parsed.message) };
}
