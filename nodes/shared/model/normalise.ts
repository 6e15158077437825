/**
 * Reads any provider response into `Task[]`. The one place that knows the dialects:
 *  - the new-api / one-hub envelope `{code: "success", data: task | task[] | null}`, whose task
 *    carries clips in `data` (an array for MUSIC, one `{id, text, title, status}` object for LYRICS);
 *  - the GoAPI/PiAPI envelope `{code: 200, data: {task_id, status, input, clips: {<id>: clip}}}`;
 *  - the bare clip list the Suno-API upstream answers a single fetch with.
 * It tolerates numbers as strings, missing fields and unknown ones (kept in `raw`), and never knows
 * about n8n.
 */
import type { Clip, ProviderObject, Task, TaskStatus } from './task';

/** Why a response holds no tasks: the provider's error envelope, or a body we cannot read. */
interface ResponseProblem {
	message: string;
	code: string | null;
}

type ReadResult = { tasks: Task[] } | { problem: ResponseProblem };

class Unreadable extends Error {
	constructor(
		message: string,
		readonly code: string | null = null,
	) {
		super(message);
	}
}

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

function isObject(value: unknown): value is ProviderObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** A file URL; a blank one (`" "`) is no URL, not the gateway's own address. */
function link(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function numberOrNull(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value);
		return Number.isFinite(parsed) ? parsed : null;
	}
	return null;
}

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Unix seconds (or milliseconds, or an ISO string) to ISO 8601; 0 means "not yet" and is null. */
export function toIsoTime(value: unknown): string | null {
	if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value; // already what Date would give
	if (value === 0 || value === null || value === undefined || value === '') return null;
	const seconds = numberOrNull(value);
	if (seconds !== null) {
		if (seconds <= 0) return null;
		const ms = seconds < 1e11 ? seconds * 1000 : seconds;
		const date = new Date(ms);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	if (typeof value === 'string' && value.trim() !== '') {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	return null;
}

/** "0%", "100%", 100 or "55" to a number 0–100; anything else is null. */
export function toProgress(value: unknown): number | null {
	const parsed = numberOrNull(typeof value === 'string' ? value.replace('%', '') : value);
	if (parsed === null) return null;
	return Math.min(100, Math.max(0, parsed));
}

function tagsText(value: unknown): string | null {
	if (Array.isArray(value)) {
		const joined = value.filter((tag) => typeof tag === 'string' && tag !== '').join(', ');
		return joined === '' ? null : joined;
	}
	return text(value);
}

function normaliseClip(raw: ProviderObject): Clip {
	const meta = isObject(raw.metadata) ? raw.metadata : {};
	const pick = (...values: unknown[]) => {
		for (const value of values) {
			const found = text(value);
			if (found !== null) return found;
		}
		return null;
	};
	return {
		clipId: pick(raw.id, raw.clip_id),
		title: pick(raw.title),
		clipStatus: pick(raw.status, raw.state),
		audioUrl: link(raw.audio_url),
		videoUrl: link(raw.video_url),
		imageUrl: link(raw.image_url),
		imageLargeUrl: link(raw.image_large_url),
		lyrics: pick(meta.prompt, raw.prompt, raw.lyric, raw.text),
		description: pick(meta.gpt_description_prompt, raw.gpt_description_prompt),
		tags: tagsText(meta.tags) ?? tagsText(raw.tags),
		duration: numberOrNull(meta.duration) ?? numberOrNull(raw.duration),
		model: pick(raw.model_name, raw.mv),
		modelVersion: pick(raw.major_model_version),
		createdAt: toIsoTime(raw.created_at ?? raw.create_time),
		errorMessage: pick(meta.error_message, raw.error_message),
		raw,
	};
}

/** A clip with every field empty: what an item of a task without clips carries. */
export const NO_CLIP: Clip = normaliseClip({});

/** A clip list as an array or as a map keyed by clip id. */
function clipList(value: unknown): ProviderObject[] | null {
	if (Array.isArray(value)) return value.filter(isObject);
	if (isObject(value) && Object.values(value).every(isObject) && !('text' in value)) {
		return Object.values(value) as ProviderObject[];
	}
	return null;
}

/** Suno-API's rule for a task status when only its clips are known. */
function statusFromClips(clips: Clip[]): TaskStatus {
	const states = clips.map((clip) => normaliseStatus(clip.clipStatus));
	if (states.length === 0) return 'UNRECOGNIZED';
	if (states.includes('FAILURE')) return 'FAILURE';
	if (states.every((state) => state === 'SUCCESS')) return 'SUCCESS';
	return states.find((state) => state !== 'SUCCESS') ?? 'UNRECOGNIZED';
}

/** A clip list some gateways keep as stored JSON text (`"data": "[{…}]"`), as that list. */
function decoded(value: unknown): unknown {
	if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
	const parsed = parseJson(value.trim());
	return parsed === NOT_JSON ? value : parsed;
}

function normaliseTask(raw: ProviderObject, fallbackId: string | null): Task {
	const clipSource = decoded(raw.clips !== undefined && raw.clips !== null ? raw.clips : raw.data);
	const rawClips = clipList(clipSource);
	const clips = rawClips ? rawClips.map(normaliseClip) : [];
	const lyricsSource = !rawClips && isObject(clipSource) ? clipSource : null;
	// PiAPI lyrics tasks put title/text on the task itself.
	const lyricsObject = lyricsSource ?? (typeof raw.text === 'string' ? raw : null);

	const rawStatus = text(raw.status) ?? text(raw.state);
	const taskStatus = rawStatus !== null ? normaliseStatus(rawStatus) : statusFromClips(clips);
	const actionWord = text(raw.action)?.toUpperCase() ?? null;
	const action = actionWord ?? (lyricsObject ? 'LYRICS' : clips.length > 0 ? 'MUSIC' : null);
	const firstClipError = clips.find((clip) => clip.errorMessage !== null)?.errorMessage ?? null;
	const meta = isObject(raw.metadata) ? raw.metadata : {};

	return {
		taskId: text(raw.task_id) ?? text(raw.taskId) ?? text(raw.id) ?? fallbackId ?? '',
		action,
		taskStatus,
		rawStatus,
		progress: toProgress(raw.progress),
		failReason:
			text(raw.fail_reason) ??
			text(raw.error_message) ??
			(taskStatus === 'FAILURE' ? firstClipError : null),
		submittedAt: toIsoTime(raw.submit_time ?? meta.created_at),
		startedAt: toIsoTime(raw.start_time ?? meta.started_at),
		finishedAt: toIsoTime(raw.finish_time ?? meta.ended_at),
		clips,
		lyrics: lyricsObject
			? {
					title: text(lyricsObject.title),
					text: text(lyricsObject.text),
					status: text(lyricsObject.status),
					raw: lyricsObject,
				}
			: null,
		raw,
	};
}

function looksLikeTask(value: ProviderObject): boolean {
	return 'task_id' in value || 'taskId' in value || ('status' in value && 'clips' in value);
}

function isSuccessCode(code: unknown): boolean {
	if (code === undefined) return true;
	if (typeof code === 'number') return code === 200 || code === 0;
	if (typeof code === 'string') return ['success', '200', '0'].includes(code.trim().toLowerCase());
	return false;
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/** Bodies come as text from the transport (parsed here, off the request path), or already parsed. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') throw new Unreadable('The provider answered with an empty body.');
	const parsed = parseJson(trimmed);
	if (parsed === NOT_JSON) {
		const preview = trimmed.slice(0, 120).replace(/\s+/g, ' ');
		throw new Unreadable(`The provider answered with something that is not JSON: "${preview}"`);
	}
	return parsed;
}

/** The provider's own error message from any of the error shapes the gateways use. */
export function providerErrorOf(body: unknown): { code: string | null; message: string | null } {
	const parsed = typeof body === 'string' ? parseJson(body.trim()) : body;
	if (!isObject(parsed)) return { code: null, message: null };
	const inner = isObject(parsed.error) ? parsed.error : parsed;
	return {
		code: text(inner.code) ?? text(inner.type),
		message: text(inner.message) ?? text(inner.msg) ?? text(inner.detail) ?? text(parsed.error),
	};
}

/**
 * The gateway saying "no such task": new-api answers an unknown single id with 400, one-hub with
 * 404, both with the code `task_not_exist`; Suno-API with "task not exist". Any other 400 or 404
 * (an HTML page, a proxy's "no route") is not about the task.
 */
export function isTaskNotFound(statusCode: number, body: unknown): boolean {
	if (statusCode !== 400 && statusCode !== 404) return false;
	const { code, message } = providerErrorOf(body);
	return (
		/^task[_ ]not[_ ]exists?$/i.test(code ?? '') ||
		/^task[_ ]not[_ ]exists?$/i.test((message ?? '').trim())
	);
}

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
	// Error shapes: new-api's `{error: {…}}`, an envelope code other than success, one-api's
	// `{success: false, message}`, a bare `{error: "text"}`.
	if (
		isObject(parsed.error) ||
		typeof parsed.error === 'string' ||
		parsed.success === false ||
		!isSuccessCode(parsed.code)
	) {
		const { code, message } = providerErrorOf(parsed);
		throw new Unreadable(
			message ?? `The provider answered with code "${code ?? String(parsed.code)}".`,
			code,
		);
	}
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
