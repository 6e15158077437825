/**
 * Reads any provider answer: its body (parsed when it came as text) and its error envelope, which
 * every answer reader here shares; and a fetch answer into `Task[]`, the one place that knows the
 * dialects:
 *  - the new-api / one-hub envelope `{code: "success", data: task | task[] | null}`, whose task
 *    carries clips in `data` (an array for MUSIC, one `{id, text, title, status}` object for LYRICS);
 *  - the GoAPI/PiAPI envelope `{code: 200, data: {task_id, status, input, clips: {<id>: clip}}}`;
 *  - the bare clip list the Suno-API upstream answers a single fetch with.
 * One task's fields are read in clips.ts. Nothing here knows about n8n; of what is exported only
 * `parseBody` throws, with the message a user reads.
 */
import { looksLikeTask, normaliseTask } from './clips';
import { providerErrorOf } from './errors';
import type { ProviderObject, Task } from './task';
import { cut, isObject, NOT_JSON, parseJson, quoted } from './values';

/** Why a response holds no tasks: the provider's error envelope, or a body we cannot read. */
export interface ResponseProblem {
	message: string;
	code: string | null;
}

/** A body that cannot be read, with the message a user reads and the provider's code if any. */
export class Unreadable extends Error {
	constructor(
		message: string,
		readonly code: string | null = null,
	) {
		super(message);
	}
}

function isSuccessCode(code: unknown): boolean {
	if (code === undefined || code === null) return true;
	if (typeof code === 'number') return code === 200 || code === 0;
	if (typeof code === 'string')
		return ['success', 'ok', '200', '0', ''].includes(code.trim().toLowerCase());
	return false;
}

/**
 * The provider's error in an answer's envelope, or null when it reports success. Error shapes:
 * new-api's `{error: {…}}`, an envelope code other than success, one-api's `{success: false,
 * message}`, a bare `{error: "text"}`.
 */
export function envelopeProblem(parsed: ProviderObject): ResponseProblem | null {
	if (
		isObject(parsed.error) ||
		(typeof parsed.error === 'string' && parsed.error.trim() !== '') ||
		parsed.success === false ||
		!isSuccessCode(parsed.code)
	) {
		const { code, message } = providerErrorOf(parsed);
		return {
			message: message ?? `The provider answered with code "${code ?? String(parsed.code)}".`,
			code,
		};
	}
	return null;
}

/**
 * Bodies come as text from the transport (parsed here, off the request path), or already parsed.
 * An empty or non-JSON body throws, with the message a user reads.
 */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') throw new Unreadable('The provider answered with an empty body.');
	const parsed = parseJson(trimmed);
	if (parsed === NOT_JSON) {
		const preview = cut(trimmed, 120).replace(/\s+/g, ' ');
		throw new Unreadable(`The provider answered with something that is not JSON: "${preview}"`);
	}
	return parsed;
}

/** The body as JSON, or the problem that it is not (quoted for the user); it never throws. */
export function readJson(body: unknown): { json: unknown } | { problem: ResponseProblem } {
	try {
		return { json: parseBody(body) };
	} catch (error) {
		return { problem: { message: (error as Error).message, code: null } };
	}
}

/** The body as a JSON object, or the problem that it is not one. */
export function parseObject(
	body: unknown,
): { object: ProviderObject } | { problem: ResponseProblem } {
	const read = readJson(body);
	if ('problem' in read) return read;
	const parsed = read.json;
	// Quoted: a paid answer's task IDs may be in it (`["task_a"]`, `"task_a"`).
	const message = `The provider answered with JSON that is not an object: ${quoted(parsed)}`;
	return isObject(parsed) ? { object: parsed } : { problem: { message, code: null } };
}

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
