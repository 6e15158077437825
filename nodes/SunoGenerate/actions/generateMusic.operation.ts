/** "Generate Music": a song from a description (Suno writes the lyrics) or from your own lyrics. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import type { GenerateDeclaration } from '../../shared/operation';
import { ParameterError, readField } from '../../shared/settings/parameters';
import {
	instrumentalField,
	modelField,
	readModelAndInstrumental,
	readSong,
	readText,
	songFields,
} from './songFields';

const modeField: INodeProperties = {
	displayName: 'Mode',
	name: 'mode',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Description',
			value: 'description',
			description: 'Describe the song; Suno writes the lyrics, title and style',
		},
		{
			name: 'Custom',
			value: 'custom',
			description: 'Give the lyrics, title and style yourself',
		},
	],
	default: 'description',
};

const descriptionField: INodeProperties = {
	displayName: 'Song Description',
	name: 'songDescription',
	type: 'string',
	typeOptions: { rows: 3 },
	required: true,
	default: '',
	placeholder: 'e.g. an upbeat synth-pop song about a summer road trip',
	description: 'What the song should be about and sound like (sent as gpt_description_prompt)',
	displayOptions: { show: { mode: ['description'] } },
};

const properties: INodeProperties[] = [
	modeField,
	descriptionField,
	...songFields('The lyrics to sing, with [Verse] and [Chorus] markers if you like', {
		show: { mode: ['custom'] },
	}),
	instrumentalField,
	modelField,
];

export const operation: GenerateDeclaration = {
	value: 'generateMusic',
	resource: 'song',
	name: 'Generate Music',
	isDefault: true,
	description: 'Make a song from a description or from your own lyrics (paid)',
	forAgents:
		"Generate a song from a description or lyrics (paid; makes two clips in 1 to 3 minutes): returns each clip's title, audio URL, duration and lyrics, or if unfinished its task ID to get later with Suno Fetch (free), never generate again",
	properties,
	makes: 'songs',
	sendsBody: true,
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const mode = readField(modeField, this.getNodeParameter('mode', itemIndex, null));
	const body = mode === 'custom' ? readSong(this, itemIndex, true) : describedSong(this, itemIndex);
	return { action: 'MUSIC', call: { route: 'music', body }, requestedModel: String(body.mv) };
}

/** The description-mode body: Suno writes the lyrics, title and style. */
function describedSong(context: IExecuteFunctions, itemIndex: number) {
	const prompt = readText(context, descriptionField, itemIndex);
	if (prompt === '') {
		throw new ParameterError('Song Description is empty: describe the song Suno should make.');
	}
	return { gpt_description_prompt: prompt, ...readModelAndInstrumental(context, itemIndex) };
}
