/**
 * Whether a finished task made what was asked. A stock new-api gateway drops the fields it does
 * not know, so a stems, cover or persona request comes back as an ordinary song: its clips then
 * lack the marks Suno puts on the real thing (suno-extras.md §2-§6). Pure; nothing knows n8n.
 */
import { urlExtension } from './files';
import { madeByAnotherModel } from './models';
import type { Annotate, Clip, ProviderObject, Task } from './task';
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

const isCover = (clip: Clip) => {
	const metadata = metadataOf(clip);
	return metadata.task === 'cover' || text(metadata.cover_clip_id) !== null;
};

/** Why the finished task's clips are not what was asked, or null when they are. */
type Judge = (clips: readonly Clip[]) => string | null;

/** At least one clip made so, or `why`. */
const someAre =
	(made: (clip: Clip) => boolean, why: string): Judge =>
	(clips) =>
		clips.some(made) ? null : why;

/** What each kind of task must show, and what the items say when it does not. */
export const EXPECTED = {
	concatenation: someAre((clip) => {
		const metadata = metadataOf(clip);
		return metadata.type === 'concat' || Array.isArray(metadata.concat_history);
	}, 'its clip is not marked as a concatenation (no concat_history in its metadata).'),
	wav: someAre(
		(clip) => clip.audioUrl !== null && urlExtension(clip.audioUrl) === 'wav',
		'none of its clips has a WAV file (audioUrl does not end in .wav): the gateway may have made something else.',
	),
	mp4: someAre(
		(clip) => clip.videoUrl !== null && urlExtension(clip.videoUrl) === 'mp4',
		'none of its clips has an MP4 video (videoUrl does not end in .mp4).',
	),
	cover: someAre(
		isCover,
		'its clips are not marked as a cover (no cover_clip_id or task "cover" in their metadata): the gateway may have dropped the cover fields and made a new song.',
	),
};

/** Stems: some at all, and more than two when every instrument was asked for (billed as five songs). */
export const stemsExpected =
	(set: 'two' | 'twelve'): Judge =>
	(clips) => {
		const stems = clips.filter(isStem).length;
		if (stems === 0)
			return 'none of its clips is a stem (no stem marks in their metadata): the gateway may have dropped the stem fields and made an ordinary extension, which it bills as one.';
		return set === 'twelve' && stems <= 2
			? `only ${stems} stems came back, not every instrument as asked.`
			: null;
	};

/** What Generate Song With Persona must show: the persona asked for, on its clips. */
export const personaExpected = (personaId: string): Judge =>
	someAre(
		(clip) => text(metadataOf(clip).persona_id) === personaId,
		`its clips do not carry persona ${personaId} in their metadata: the gateway may have dropped the persona fields and made an ordinary song.`,
	);

/**
 * The fields each item of a finished task gets: `notAsAsked` (null, or why it does not look like
 * what was asked; a task that succeeded without any clip never does) and what `perClip` adds.
 */
export function checkMade(
	judge: Judge,
	perClip: (clip: Clip | null) => ProviderObject = () => ({}),
) {
	return (task: Task, clip: Clip | null): ProviderObject => {
		const notAsAsked =
			task.taskStatus !== 'SUCCESS'
				? null
				: task.clips.length === 0
					? 'it finished without any clip.'
					: judge(task.clips);
		return { ...perClip(clip), notAsAsked };
	};
}

/** A preview Suno adds beside the songs asked for (45–60 s, made by a newer model to show it off). */
const isPreview = (clip: Clip) => metadataOf(clip).type === 'preview';

/**
 * `requestedModel` (the Model Version sent as mv) beside the clip's own `model`, and, as
 * `notAsAsked`, that the clip was made by another model, unless `annotate` already says something
 * is not as asked. `alsoAsked`: another name the request gave the model (sunoapi.org's `model`,
 * from Extra Body Fields); a clip that matches either is as asked.
 */
export function withModelCheck(
	requestedModel: string,
	alsoAsked: readonly string[],
	annotate?: Annotate,
): Annotate {
	const asked = [requestedModel, ...alsoAsked];
	return (task, clip) => {
		const own = annotate?.(task, clip) ?? {};
		const other =
			task.taskStatus === 'SUCCESS' &&
			clip !== null &&
			!isPreview(clip) &&
			asked.every((name) => madeByAnotherModel(name, clip));
		const made = [clip?.model, clip?.modelVersion].filter(Boolean).join(' ');
		const notAsAsked = other
			? `its clips were made by ${made}, not ${asked.join(' or ')} as asked: the gateway had another model make them (some gateways move requests for older models to Suno v6).`
			: null;
		return { ...own, requestedModel, notAsAsked: own.notAsAsked ?? notAsAsked };
	};
}
