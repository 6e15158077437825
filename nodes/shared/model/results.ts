/**
 * The answers of the paid operations that do not (always) make a task: a persona, answered at once
 * without an envelope, and a clip's WAV or MP4, whose answer no provider documents well
 * (suno-extras.md §7, §9). Each shape seen is accepted; anything else is a problem that quotes
 * what came back, never a guess. Pure; nothing here knows about n8n.
 */
import { MIME_TYPES, urlExtension } from './files';
import { envelopeProblem, readJson } from './normalise';
import type { PaidAnswer } from './submit';
import { isObject, link, quoted, text } from './values';

type Answered = { body: unknown; headers?: Record<string, unknown> };

/** `POST /suno/persona/create`: Suno's persona object (a relay may wrap it in the envelope). */
export function readPersonaAnswer({ body }: Answered): PaidAnswer {
	const read = readJson(body);
	if ('problem' in read) return read;
	const outer = read.json;
	const persona = isObject(outer) && isObject(outer.data) ? outer.data : outer;
	if (isObject(outer) && outer !== persona) {
		const problem = envelopeProblem(outer);
		if (problem) return { problem };
	}
	const id = isObject(persona) ? text(persona.id) : null;
	if (!isObject(persona) || id === null) {
		return {
			problem: {
				message: `The provider's answer holds no persona ID: ${quoted(outer)}`,
				code: null,
			},
		};
	}
	const clips = Array.isArray(persona.persona_clips) ? persona.persona_clips : [];
	return {
		result: {
			personaId: id,
			name: text(persona.name),
			description: text(persona.description),
			rootClipId: text(persona.root_clip_id),
			clipIds: clips
				.map((entry) => (isObject(entry) && isObject(entry.clip) ? text(entry.clip.id) : null))
				.filter((clipId): clipId is string => clipId !== null),
			isPublic: typeof persona.is_public === 'boolean' ? persona.is_public : null,
			persona,
		},
	};
}

export type FileType = 'wav' | 'mp4';

/**
 * Keys that name the file, most specific first. Another `…url` key counts only when its URL names
 * the right file type: a clip object's `audio_url` (an MP3) or `image_url` is not the WAV.
 */
const URL_KEYS: Record<FileType, string[]> = {
	wav: ['wav_file_url', 'wav_url', 'file_url', 'url'],
	mp4: ['mp4_file_url', 'mp4_url', 'file_url', 'video_url', 'mp4', 'url'],
};

/** A URL that names no file type we know, or this one. */
const mayBe = (url: string, type: FileType) => {
	const named = urlExtension(url);
	return named === null || named === type;
};

/** The file's own signature: a WAV starts `RIFF….WAVE`, an MP4 has `ftyp` at byte 4. */
const SIGNATURES: Record<FileType, (bytes: Buffer) => boolean> = {
	wav: (bytes) =>
		bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WAVE',
	mp4: (bytes) => bytes.toString('latin1', 4, 8) === 'ftyp',
};

/** The task IDs gateways give (a UUID, 32 hex, `task_…`): any other word ("processing") is not one. */
const TASK_ID =
	/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|task_[0-9a-z]{16,})$/i;

const isHttpUrl = (value: string) => /^https?:\/\/\S+$/i.test(value);

function urlIn(object: Record<string, unknown>, type: FileType): string | null {
	const named = (key: string) => {
		const value = link(object[key]);
		return value !== null && isHttpUrl(value) ? value : null;
	};
	for (const key of URL_KEYS[type]) {
		const url = named(key);
		if (url !== null && mayBe(url, type)) return url;
	}
	for (const key of Object.keys(object).filter((name) => /url/i.test(name))) {
		const url = named(key);
		if (url !== null && urlExtension(url) === type) return url;
	}
	return null;
}

/**
 * `GET /suno/act/{wav|mp4}/{clip_id}`: the file's URL (as `data`, in an object under `data`, or at
 * the top level), a task ID to wait for, or the file's bytes.
 */
export function readFileAnswer(type: FileType, clipId: string, response: Answered): PaidAnswer {
	const contentType = response.headers?.['content-type'];
	const mimeType = typeof contentType === 'string' ? contentType.split(';')[0].trim() : '';
	const result = (fileUrl: string | null) => ({ clipId, fileType: type, fileUrl });
	if (Buffer.isBuffer(response.body)) {
		// The transport keeps only a file's answer as bytes: it must be the file asked for.
		const bytes = response.body;
		if (!SIGNATURES[type](bytes)) {
			const start = bytes.toString('latin1', 0, 16).replace(/[^\x20-\x7e]/g, '.');
			return {
				problem: {
					message: `The provider answered with a file that is not a ${type.toUpperCase()} (${mimeType || 'no type'}, ${bytes.length} bytes starting "${start}").`,
					code: null,
				},
			};
		}
		return { result: result(null), file: { bytes, mimeType: MIME_TYPES[type] } };
	}
	const read = readJson(response.body);
	if ('problem' in read) return read;
	const { json } = read;
	const unreadable = {
		problem: {
			message: `The provider's answer holds no ${type.toUpperCase()} file, URL or task ID the node can use: ${quoted(json)}`,
			code: null,
		},
	};
	if (!isObject(json)) return unreadable;
	const problem = envelopeProblem(json);
	if (problem) return { problem };
	const data = 'data' in json ? json.data : json;
	if (typeof data === 'string') {
		const value = data.trim();
		if (isHttpUrl(value) && mayBe(value, type))
			return { result: result(value), file: { url: value } };
		if (TASK_ID.test(value)) return { taskId: value, message: text(json.message) };
		return unreadable;
	}
	if (isObject(data)) {
		const url = urlIn(data, type);
		if (url !== null) return { result: result(url), file: { url } };
		// Only a field named as a task's: a bare `id` may be the clip's own.
		const taskId = text(data.task_id) ?? text(data.taskId);
		if (taskId !== null) return { taskId, message: text(json.message) };
	}
	return unreadable;
}
