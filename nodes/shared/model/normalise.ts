/**
 * Reads any provider response into `Task[]`. The one place that knows the dialects:
 *  - the new-api / one-hub envelope `{code: "success", data: task | task[] | null}`, whose task
 *    carries clips in `data` (an array for MUSIC, one `{id, text, title, status}` object for LYRICS);
 *  - the GoAPI/PiAPI envelope `{code: 200, data: {task_id, status, input, clips: {<id>: clip}}}`;
 *  - the bare clip list the Suno-API upstream answers a single fetch with.
 * It tolerates numbers as strings, missing fields and unknown ones (kept in `raw`), and never knows
 * about n8n.
 */
import { providerErrorOf } from './errors';
import { normaliseStatus } from './status';
import type { Clip, ProviderObject, Task, TaskStatus } from './task';
import {
	isObject,
	link,
	NOT_JSON,
	numberOrNull,
	parseJson,
	text,
	toIsoTime,
	toProgress,
} from './values';

/** Why a response holds no tasks: the provider's error envelope, or a body we cannot read. */
export interface ResponseProblem {
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

function tagsText(value: unknown): string | null {
	if (Array.isArray(value)) {
		const joined = value.filter((tag) => typeof tag === 'string' && tag !== '').join(', ');
		return joined === '' ? null : joined;
	}
	return text(value);
}

/**
 * One clip in either spelling: Suno's snake_case (`audio_url`, `model_name`) or the camelCase of
 * sunoapi.org's clips (`audioUrl`, `modelName`, `createTime`), which new-api's official Suno
 * channel serves as they are. A stream URL stands in while the file is not there yet.
 */
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
		clipId: pick(raw.id, raw.clip_id, raw.clipId),
		title: pick(raw.title),
		clipStatus: pick(raw.status, raw.state),
		audioUrl:
			link(raw.audio_url) ??
			link(raw.audioUrl) ??
			link(raw.stream_audio_url) ??
			link(raw.streamAudioUrl),
		videoUrl: link(raw.video_url) ?? link(raw.videoUrl),
		imageUrl: link(raw.image_url) ?? link(raw.imageUrl),
		imageLargeUrl: link(raw.image_large_url) ?? link(raw.imageLargeUrl),
		lyrics: pick(meta.prompt, raw.prompt, raw.lyric, raw.text),
		description: pick(meta.gpt_description_prompt, raw.gpt_description_prompt),
		tags: tagsText(meta.tags) ?? tagsText(raw.tags),
		duration: numberOrNull(meta.duration) ?? numberOrNull(raw.duration),
		model: pick(raw.model_name, raw.modelName, raw.mv),
		modelVersion: pick(raw.major_model_version, raw.majorModelVersion),
		createdAt: toIsoTime(raw.created_at ?? raw.create_time ?? raw.createTime ?? raw.createdAt),
		errorMessage: pick(meta.error_message, raw.error_message, raw.errorMessage),
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

/**
 * Where a task keeps its clips (`clips`, else `data`) or its lyrics object. A field that holds no
 * clip (`[]`, `{}`, `""`, null) never hides clips in the other: some gateways send both.
 */
function clipsAndLyrics(raw: ProviderObject): {
	rawClips: ProviderObject[] | null;
	lyricsSource: ProviderObject | null;
} {
	const sources = [raw.clips, raw.data].map(decoded);
	const lists = sources.map(clipList);
	const rawClips =
		lists.find((list) => list !== null && list.length > 0) ??
		lists.find((list) => list !== null) ??
		null;
	if (rawClips !== null && rawClips.length > 0) return { rawClips, lyricsSource: null };
	const lyricsSource = sources.find((source, index) => isObject(source) && lists[index] === null);
	return lyricsSource
		? { rawClips: null, lyricsSource: lyricsSource as ProviderObject }
		: { rawClips, lyricsSource: null };
}

function normaliseTask(raw: ProviderObject, fallbackId: string | null): Task {
	const { rawClips, lyricsSource } = clipsAndLyrics(raw);
	const clips = rawClips ? rawClips.map(normaliseClip) : [];
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
		const preview = trimmed.slice(0, 120).replace(/\s+/g, ' ');
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
	return isObject(parsed)
		? { object: parsed }
		: {
				problem: { message: 'The provider answered with JSON that is not an object.', code: null },
			};
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
