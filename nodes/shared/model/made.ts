/**
 * Whether a finished task made what was asked. A stock new-api gateway drops the fields it does
 * not know, so a stems, cover or persona request comes back as an ordinary song: its clips then
 * lack the marks Suno puts on the real thing (suno-extras.md §2-§6). Pure; nothing knows n8n.
 */
import type { Clip, ProviderObject, Task } from './task';
import { isObject, text } from './values';

const metadataOf = (clip: Clip): ProviderObject =>
	isObject(clip.raw.metadata) ? clip.raw.metadata : {};

/** A stem: Suno marks it `type: "stem"` with the clip it came from, or as made by `chirp-stem`. */
export function isStem(clip: Clip): boolean {
	const metadata = metadataOf(clip);
	return (
		metadata.type === 'stem' ||
		text(metadata.stem_from_id) !== null ||
		/^chirp-stem/i.test(clip.model ?? '')
	);
}

/** "Song - Vocals" → "Vocals": Suno names a stem only in its title. */
export function stemName(clip: Clip): string | null {
	if (!isStem(clip)) return null;
	return / - ([^-]+)$/.exec(clip.title ?? '')?.[1]?.trim() ?? null;
}

const isConcatenation = (clip: Clip) => {
	const metadata = metadataOf(clip);
	return metadata.type === 'concat' || Array.isArray(metadata.concat_history);
};

const isCover = (clip: Clip) => {
	const metadata = metadataOf(clip);
	return metadata.task === 'cover' || text(metadata.cover_clip_id) !== null;
};

const withPersona = (personaId: string) => (clip: Clip) =>
	text(metadataOf(clip).persona_id) === personaId;

/** The file type a URL's path names, lower case. */
const typeOf = (url: string | null) =>
	/\.([a-z0-9]{2,4})(?:$|[?#])/i.exec(url ?? '')?.[1]?.toLowerCase();

/** What each kind of task must show, and what the items say when it does not. */
export const EXPECTED = {
	stems: {
		made: isStem,
		why: 'none of its clips is a stem (no stem marks in their metadata): the gateway may have dropped the stem fields and made an ordinary extension, which it bills as one.',
	},
	concatenation: {
		made: isConcatenation,
		why: 'its clip is not marked as a concatenation (no concat_history in its metadata).',
	},
	wav: {
		made: (clip: Clip) => typeOf(clip.audioUrl) === 'wav',
		why: 'none of its clips has a WAV file (audioUrl does not end in .wav): the gateway may have made something else.',
	},
	mp4: {
		made: (clip: Clip) => typeOf(clip.videoUrl) === 'mp4',
		why: 'none of its clips has an MP4 video (videoUrl does not end in .mp4).',
	},
	cover: {
		made: isCover,
		why: 'its clips are not marked as a cover (no cover_clip_id or task "cover" in their metadata): the gateway may have dropped the cover fields and made a new song.',
	},
} as const;

/**
 * The fields each item of a task gets: `notAsAsked` (null, or why the finished task does not look
 * like what was asked) and what `perClip` adds.
 */
export function checkMade(
	expected: { made: (clip: Clip) => boolean; why: string },
	perClip: (clip: Clip | null) => ProviderObject = () => ({}),
) {
	return (task: Task, clip: Clip | null): ProviderObject => {
		const judged = task.taskStatus === 'SUCCESS' && task.clips.length > 0;
		const notAsAsked = judged && !task.clips.some(expected.made) ? expected.why : null;
		return { ...perClip(clip), notAsAsked };
	};
}

/** What Generate Song With Persona must show: the persona asked for, on its clips. */
export const personaExpected = (personaId: string) => ({
	made: withPersona(personaId),
	why: `its clips do not carry persona ${personaId} in their metadata: the gateway may have dropped the persona fields and made an ordinary song.`,
});
