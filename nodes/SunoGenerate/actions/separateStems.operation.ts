/** "Separate Stems": a clip split into vocals and instrumental, or into every instrument. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { DOCUMENTING_PRESETS, type GenerateDeclaration } from '../../shared/operation';
import { checkMade, stemName, stemsExpected } from '../../shared/model/made';
import { readField } from '../../shared/settings/parameters';
import { clipIdField, originTaskField, readOneId } from './clipFields';
import { readText } from './songFields';

/** The two ways the providers document (suno-extras.md §3-4): both are `gen_stem` submits. */
const STEM_SETS = {
	two: { group: 'Two' },
	twelve: { group: 'Twelve' },
} as const;

const clipField = clipIdField('The clip to separate: clipId of a Suno Fetch or Suno Generate item');

const stemsField: INodeProperties = {
	displayName: 'Stems',
	name: 'stems',
	type: 'options',
	options: [
		{
			name: 'Vocals and Instrumental',
			value: 'two',
			description: 'Two stems, at the price of one song',
		},
		{
			name: 'All Instruments',
			value: 'twelve',
			description: 'Up to twelve stems (drums, bass, guitar …); providers bill five songs',
		},
	],
	default: 'two',
	description: 'Which stems Suno makes from the clip (sent as stem_task)',
};

const stemTitleField: INodeProperties = {
	displayName: 'Stem Title',
	name: 'stemTitle',
	type: 'string',
	default: '',
	placeholder: 'e.g. Neon Nights',
	description:
		'The title the stems are named after ("Neon Nights - Vocals"); the title of the same item is a good choice. Empty sends the clip ID.',
};

const properties: INodeProperties[] = [clipField, originTaskField, stemsField, stemTitleField];

export const operation: GenerateDeclaration = {
	value: 'separateStems',
	resource: 'song',
	name: 'Separate Stems',
	description:
		'Split a clip into vocals and instrumental, or every instrument (paid; only where the gateway offers it)',
	forAgents:
		'Separate a clip into stems, e.g. vocals and instrumental (paid, where the gateway offers it; takes minutes): returns a clip per stem, or if unfinished the task ID to get with Suno Fetch (free)',
	properties,
	makes: 'songs',
	sendsBody: true,
	extra: { documentedBy: DOCUMENTING_PRESETS, songSubmit: true },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const clipId = readOneId(this, clipField, itemIndex);
	const stems = readField(
		stemsField,
		this.getNodeParameter('stems', itemIndex, null),
	) as keyof typeof STEM_SETS;
	return {
		action: 'MUSIC',
		call: {
			route: 'music',
			// As the providers document it, field for field; the model is fixed to chirp-auk there.
			body: {
				task: 'gen_stem',
				generation_type: 'TEXT',
				title: readText(this, stemTitleField, itemIndex) || clipId,
				mv: 'chirp-auk',
				prompt: '',
				make_instrumental: true,
				task_id: readOneId(this, originTaskField, itemIndex),
				continue_clip_id: clipId,
				continued_aligned_prompt: null,
				continue_at: null,
				stem_type_id: 91,
				stem_type_group_name: STEM_SETS[stems].group,
				stem_task: stems,
			},
		},
		annotate: checkMade(stemsExpected(stems), (clip) => ({ stem: clip ? stemName(clip) : null })),
	};
}
