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
	readSpelled,
	text,
	toIsoTime,
	toProgress,
	wordList,
	type Spellings,
} from './values';

/**
 * A clip's fields in either spelling: Suno's snake_case (`audio_url`, `model_name`) or the
 * camelCase of sunoapi.org's clips (`audioUrl`, `modelName`, `createTime`), which new-api's
 * official Suno channel serves as they are. A stream URL stands in while the file is not there yet.
 */
const CLIP_SPELLINGS: Spellings<Omit<Clip, 'raw'>> = {
	clipId: [text, 'id', 'clip_id', 'clipId'],
	title: [text, 'title'],
	clipStatus: [text, 'status', 'state'],
	audioUrl: [link, 'audio_url', 'audioUrl', 'stream_audio_url', 'streamAudioUrl'],
	videoUrl: [link, 'video_url', 'videoUrl'],
	imageUrl: [link, 'image_url', 'imageUrl'],
	imageLargeUrl: [link, 'image_large_url', 'imageLargeUrl'],
	lyrics: [text, 'metadata.prompt', 'prompt', 'lyric', 'text'],
	description: [text, 'metadata.gpt_description_prompt', 'gpt_description_prompt'],
	tags: [wordList, 'metadata.tags', 'tags'],
	duration: [numberOrNull, 'metadata.duration', 'duration'],
	model: [text, 'model_name', 'modelName', 'mv'],
	modelVersion: [text, 'major_model_version', 'majorModelVersion'],
	createdAt: [toIsoTime, 'created_at', 'create_time', 'createTime', 'createdAt'],
	errorMessage: [text, 'metadata.error_message', 'error_message', 'errorMessage'],
};

/** A task's own fields as the dialects spell them. */
const TASK_SPELLINGS: Spellings<{
	taskId: string | null;
	rawStatus: string | null;
	action: string | null;
	progress: number | null;
	failReason: string | null;
	submittedAt: string | null;
	startedAt: string | null;
	finishedAt: string | null;
}> = {
	taskId: [text, 'task_id', 'taskId', 'id'],
	rawStatus: [text, 'status', 'state'],
	action: [text, 'action'],
	progress: [toProgress, 'progress'],
	failReason: [text, 'fail_reason', 'error_message'],
	submittedAt: [toIsoTime, 'submit_time', 'metadata.created_at'],
	startedAt: [toIsoTime, 'start_time', 'metadata.started_at'],
	finishedAt: [toIsoTime, 'finish_time', 'metadata.ended_at'],
};

const LYRICS_SPELLINGS: Spellings<Omit<NonNullable<Task['lyrics']>, 'raw'>> = {
	title: [text, 'title'],
	text: [text, 'text'],
	status: [text, 'status'],
};

function normaliseClip(raw: ProviderObject): Clip {
	return { ...readSpelled(raw, CLIP_SPELLINGS), raw };
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
	const { taskId, rawStatus, action, progress, failReason, ...times } = readSpelled(
		raw,
		TASK_SPELLINGS,
	);
	const taskStatus = rawStatus !== null ? normaliseStatus(rawStatus) : statusFromClips(clips);
	const firstClipError = clips.find((clip) => clip.errorMessage !== null)?.errorMessage ?? null;
	const kind = lyricsObject ? 'LYRICS' : clips.length > 0 ? 'MUSIC' : null;

	return {
		taskId: taskId ?? fallbackId ?? '',
		action: action?.toUpperCase() ?? kind,
		taskStatus,
		rawStatus,
		progress,
		failReason: failReason ?? (taskStatus === 'FAILURE' ? firstClipError : null),
		...times,
		clips,
		lyrics: lyricsObject ? readLyrics(lyricsObject) : null,
		raw,
	};
}

function readLyrics(raw: ProviderObject): NonNullable<Task['lyrics']> {
	return { ...readSpelled(raw, LYRICS_SPELLINGS), raw };
}

export function looksLikeTask(value: ProviderObject): boolean {
	return 'task_id' in value || 'taskId' in value || ('status' in value && 'clips' in value);
}
