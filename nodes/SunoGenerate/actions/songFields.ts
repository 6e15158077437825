/**
 * The song fields Generate Music (Custom), Extend Music, Cover and Generate Song With Persona share
 * — lyrics, title, style, instrumental, model version — and their one reader, which checks before
 * anything is paid for what Suno would refuse; `readText` reads the other operations' text fields
 * the same way.
 */
import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_MODEL, isOffline, MODELS } from '../../shared/model/models';
import { ParameterError, readField } from '../../shared/settings/parameters';

const lyricsField: INodeProperties = {
	displayName: 'Lyrics',
	name: 'lyrics',
	type: 'string',
	typeOptions: { rows: 6 },
	default: '',
	placeholder: '[Verse]\nCity lights are calling me …',
};

const titleField: INodeProperties = {
	displayName: 'Title',
	name: 'title',
	type: 'string',
	default: '',
	placeholder: 'e.g. Neon Nights',
	description: 'The song title',
};

const styleField: INodeProperties = {
	displayName: 'Style',
	name: 'style',
	type: 'string',
	default: '',
	placeholder: 'e.g. synth-pop, female vocals, 120 bpm',
	description: 'Genres, moods, instruments and voices, separated by commas (sent as tags)',
};

/** Lyrics, title and style, shown under `displayOptions`; `lyricsHelp` says what the lyrics are for. */
export function songFields(
	lyricsHelp: string,
	displayOptions: IDisplayOptions = {},
): INodeProperties[] {
	return [{ ...lyricsField, description: lyricsHelp }, titleField, styleField].map((field) => ({
		...field,
		displayOptions,
	}));
}

export const instrumentalField: INodeProperties = {
	displayName: 'Instrumental',
	name: 'instrumental',
	type: 'boolean',
	default: false,
	description: 'Whether to make music without vocals',
};

/**
 * Suno's models as the gateways take them in `mv` (models.ts). A stock gateway fills in
 * `chirp-v3-0`, which Suno took offline, when `mv` is missing: the node always sends one.
 */
export const modelField: INodeProperties = {
	displayName: 'Model Version',
	name: 'modelVersion',
	type: 'options',
	// Newest first, as a user looks for it.
	options: MODELS.map(({ label, key }) => ({ name: label, value: key })),
	default: DEFAULT_MODEL,
	description:
		'The Suno model (sent as mv). An expression may give any value your provider documents, such as its own alias (chirp-v5).',
};

/** Characters that show nothing (zero-width spaces, joiners, byte-order marks), as a copy from a chat app brings them. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Trimmed text; '' when nothing visible is left, so an "empty" prompt is never paid for. */
const textOf = (context: IExecuteFunctions, name: string, label: string, itemIndex: number) => {
	const value = context.getNodeParameter(name, itemIndex, '') as unknown;
	if (value === null || value === undefined) return '';
	if (typeof value !== 'string' && typeof value !== 'number')
		throw new ParameterError(`${label} must be text, not ${JSON.stringify(value)}.`);
	const text = String(value).trim();
	return text.replace(INVISIBLE, '').trim() === '' ? '' : text;
};

/** A text field's value, trimmed ('' when empty). */
export function readText(
	context: IExecuteFunctions,
	field: INodeProperties,
	itemIndex: number,
): string {
	return textOf(context, field.name, field.displayName, itemIndex);
}

/** The model to send: any non-empty value, but never one Suno has taken offline. */
function readModel(context: IExecuteFunctions, itemIndex: number): string {
	// A model is a name: invisible characters in it are never meant.
	const model = textOf(context, modelField.name, modelField.displayName, itemIndex)
		.replace(INVISIBLE, '')
		.trim();
	if (model === '') {
		throw new ParameterError(
			`Model Version is empty: choose one (the default is ${DEFAULT_MODEL}). Without it the provider would pick chirp-v3-0, which Suno has taken offline.`,
		);
	}
	if (isOffline(model)) {
		throw new ParameterError(
			`Model Version ${model} is offline at Suno, so its task would fail: choose a newer one, such as ${DEFAULT_MODEL}.`,
		);
	}
	return model;
}

/** `mv` and `make_instrumental`, for every music submit. */
export function readModelAndInstrumental(context: IExecuteFunctions, itemIndex: number) {
	return {
		mv: readModel(context, itemIndex),
		make_instrumental: readField(
			instrumentalField,
			context.getNodeParameter(instrumentalField.name, itemIndex, null),
		) as boolean,
	};
}

/**
 * The custom-mode body: lyrics as `prompt`, `title`, style as `tags`, with the model's limits
 * checked. `lyricsRequired`: a song that is not instrumental needs its lyrics.
 */
export function readSong(
	context: IExecuteFunctions,
	itemIndex: number,
	lyricsRequired: boolean,
): IDataObject {
	const lyrics = readText(context, lyricsField, itemIndex);
	const title = readText(context, titleField, itemIndex);
	const tags = readText(context, styleField, itemIndex);
	const common = readModelAndInstrumental(context, itemIndex);
	if (lyricsRequired && lyrics === '' && !common.make_instrumental) {
		throw new ParameterError(
			'Lyrics is empty: write the lyrics, turn on Instrumental, or use the Description mode to let Suno write them.',
		);
	}
	const limits = MODELS.find((model) => model.key === common.mv.toLowerCase())?.limits;
	if (limits && [...lyrics].length > limits.lyrics) {
		throw new ParameterError(
			`Lyrics is ${[...lyrics].length} characters long; ${common.mv} takes at most ${limits.lyrics}.`,
		);
	}
	if (limits && [...tags].length > limits.style) {
		throw new ParameterError(
			`Style is ${[...tags].length} characters long; ${common.mv} takes at most ${limits.style}.`,
		);
	}
	const body: IDataObject = { prompt: lyrics, ...common };
	if (title !== '') body.title = title;
	if (tags !== '') body.tags = tags;
	return body;
}
