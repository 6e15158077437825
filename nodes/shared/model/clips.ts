/**
 * One task and its clips, read from any provider's object for it: Suno's snake_case clips or
 * sunoapi.org's camelCase ones, clips in `clips` or `data` (as a list, a map keyed by id, or stored
 * JSON text), a lyrics object, numbers as strings, missing fields and unknown ones (kept in `raw`).
 */
import {
	normaliseStatus,
	type Clip,
	type ProviderObject,
	type Task,
	type TaskStatus,
} from './task';
import {
	isObject,
	link,
	NOT_JSON,
	numberOrNull,
	parseJson,
	text,
	toIsoTime,
	toProgress,
	wordList,
} from './values';

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
		tags: wordList(meta.tags) ?? wordList(raw.tags),
		duration: numberOrNull(meta.duration) ?? numberOrNull(raw.duration),
		model: pick(raw.model_name, raw.modelName, raw.mv),
		modelVersion: pick(raw.major_model_version, raw.majorModelVersion),
		// Each spelling in turn: a blank or zero one is no time, and must not hide the next.
		createdAt:
			toIsoTime(raw.created_at) ??
			toIsoTime(raw.create_time) ??
			toIsoTime(raw.createTime) ??
			toIsoTime(raw.createdAt),
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

export function normaliseTask(raw: ProviderObject, fallbackId: string | null): Task {
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
		submittedAt: toIsoTime(raw.submit_time) ?? toIsoTime(meta.created_at),
		startedAt: toIsoTime(raw.start_time) ?? toIsoTime(meta.started_at),
		finishedAt: toIsoTime(raw.finish_time) ?? toIsoTime(meta.ended_at),
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

export function looksLikeTask(value: ProviderObject): boolean {
	return 'task_id' in value || 'taskId' in value || ('status' in value && 'clips' in value);
}
