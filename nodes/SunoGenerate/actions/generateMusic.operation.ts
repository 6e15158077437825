/** "Generate Music": a song from a description (Suno writes the lyrics) or from your own lyrics. */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
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

export const description = updateDisplayOptions(
	{ show: { operation: ['generateMusic'] } },
	properties,
);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
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
