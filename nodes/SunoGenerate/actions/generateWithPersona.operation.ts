/** "Generate Song With Persona": a new song sung by a persona's voice (Create Persona makes one). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { DOCUMENTING_PRESETS, type GenerateDeclaration } from '../../shared/operation';
import { checkMade, personaExpected } from '../../shared/model/made';
import { clipIdField, readOneId } from './clipFields';
import { instrumentalField, modelField, readSong, readText, songFields } from './songFields';

const personaField: INodeProperties = {
	displayName: 'Persona ID',
	name: 'personaId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. fd213afd-ac1c-4822-9802-c1c0ea45e77b',
	description: 'The persona: personaId of a Create Persona item',
};

const artistClipField: INodeProperties = {
	...clipIdField('The persona’s root clip: rootClipId of the same Create Persona item'),
	displayName: 'Persona Clip ID',
	name: 'artistClipId',
};

const excludeField: INodeProperties = {
	displayName: 'Exclude Styles',
	name: 'excludeStyles',
	type: 'string',
	default: '',
	placeholder: 'e.g. heavy metal, screaming',
	description:
		'Styles the song should avoid (sent as negative_tags, which this request always carries)',
};

const properties: INodeProperties[] = [
	personaField,
	artistClipField,
	...songFields('The lyrics to sing, with [Verse] and [Chorus] markers if you like'),
	excludeField,
	instrumentalField,
	modelField,
];

export const operation: GenerateDeclaration = {
	value: 'generateWithPersona',
	resource: 'persona',
	name: 'Generate Song With Persona',
	description: 'Make a song in a persona’s voice (paid; only where the gateway offers it)',
	forAgents:
		"Generate a song in a persona's voice (paid, where the gateway offers it; takes 1 to 3 minutes): returns the clips, or if unfinished the task ID to get with Suno Fetch (free), never generate again",
	properties,
	makes: 'songs',
	sendsBody: true,
	extra: { documentedBy: DOCUMENTING_PRESETS, songSubmit: true },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const personaId = readOneId(this, personaField, itemIndex);
	const song = readSong(this, itemIndex, true);
	return {
		action: 'MUSIC',
		call: {
			route: 'music',
			body: {
				...song,
				generation_type: 'TEXT',
				negative_tags: readText(this, excludeField, itemIndex),
				task: 'artist_consistency',
				persona_id: personaId,
				artist_clip_id: readOneId(this, artistClipField, itemIndex),
			},
		},
		requestedModel: String(song.mv),
		annotate: checkMade(personaExpected(personaId)),
	};
}
