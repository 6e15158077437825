/**
 * The answers of the paid operations that do not (always) make a task: a persona, answered at once
 * without an envelope, and a clip's WAV or MP4, whose answer no provider documents well
 * (suno-extras.md §7, §9). Each shape seen is accepted; anything else is a problem that quotes
 * what came back, never a guess. Pure; nothing here knows about n8n.
 */
import { envelopeProblem, parseBody } from './normalise';
import type { PaidAnswer } from './submit';
import { isObject, link, text } from './values';

type Answered = { body: unknown; headers?: Record<string, unknown> };

const quote = (value: unknown) => {
	const shown = typeof value === 'string' ? value : JSON.stringify(value);
	return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
};

/** The body as JSON, or the problem that it is not. */
function parsed(body: unknown): { json: unknown } | { problem: { message: string; code: null } } {
	try {
		const raw = Buffer.isBuffer(body) ? body.toString('utf8') : body;
		return { json: parseBody(raw) };
	} catch (error) {
		return { problem: { message: (error as Error).message, code: null } };
	}
}

/** `POST /suno/persona/create`: Suno's persona object (a relay may wrap it in the envelope). */
export function readPersonaAnswer({ body }: Answered): PaidAnswer {
	const read = parsed(body);
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
				message: `The provider's answer holds no persona ID: ${quote(outer)}`,
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

/** Keys that name the file, most specific first; any other `…url` key is taken after them. */
const URL_KEYS: Record<FileType, string[]> = {
	wav: ['wav_file_url', 'wav_url', 'file_url', 'audio_url', 'url'],
	mp4: ['mp4_file_url', 'mp4_url', 'file_url', 'video_url', 'mp4', 'url'],
};

/** The task IDs gateways give (a UUID, 32 hex, `task_…`): any other word ("processing") is not one. */
const TASK_ID =
	/^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32}|task_[0-9a-z]{16,})$/i;

const isHttpUrl = (value: string) => /^https?:\/\/\S+$/i.test(value);

function urlIn(object: Record<string, unknown>, type: FileType): string | null {
	const keys = [...URL_KEYS[type], ...Object.keys(object).filter((key) => /url/i.test(key))];
	for (const key of keys) {
		const value = link(object[key]);
		if (value !== null && isHttpUrl(value)) return value;
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
	if (/^(audio|video)\//i.test(mimeType) || /octet-stream/i.test(mimeType)) {
		const bytes = Buffer.isBuffer(response.body)
			? response.body
			: Buffer.from(String(response.body ?? ''), 'utf8');
		if (bytes.length > 0) {
			const sent = /octet-stream/i.test(mimeType)
				? type === 'wav'
					? 'audio/wav'
					: 'video/mp4'
				: mimeType;
			return { result: result(null), file: { bytes, mimeType: sent } };
		}
	}
	const read = parsed(response.body);
	if ('problem' in read) return read;
	const { json } = read;
	const unreadable = {
		problem: {
			message: `The provider's answer holds no ${type.toUpperCase()} file, URL or task ID the node can use: ${quote(json)}`,
			code: null,
		},
	};
	if (!isObject(json)) return unreadable;
	const problem = envelopeProblem(json);
	if (problem) return { problem };
	const data = 'data' in json ? json.data : json;
	if (typeof data === 'string') {
		const value = data.trim();
		if (isHttpUrl(value)) return { result: result(value), file: { url: value } };
		if (TASK_ID.test(value)) return { taskId: value, message: text(json.message) };
		return unreadable;
	}
	if (isObject(data)) {
		const url = urlIn(data, type);
		if (url !== null) return { result: result(url), file: { url } };
		const taskId = text(data.task_id) ?? text(data.taskId);
		if (taskId !== null) return { taskId, message: text(json.message) };
	}
	return unreadable;
}
