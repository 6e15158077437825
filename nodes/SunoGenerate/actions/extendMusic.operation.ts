/** "Extend Music": a clip continued from a point, with new lyrics, title and style if you like. */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { parseSingleTaskId } from '../../shared/settings/ids';
import { ParameterError, readField } from '../../shared/settings/parameters';
import { instrumentalField, modelField, readSong, songFields } from './songFields';

const clipField: INodeProperties = {
	displayName: 'Clip ID',
	name: 'clipId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. 2f6a1c9e-0c41-4b3b-9a39-5b0c1c2d7e11',
	description: 'The clip to continue: clipId of a Suno Fetch or Suno Generate item',
};

const originField: INodeProperties = {
	displayName: 'Origin Task ID',
	name: 'originTaskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. task_Xq3T9bLm2ZpK7vRw0YcN5sHd8JfA1eGu',
	description:
		'The task that made the clip (taskId of the same item). The gateway needs it to find the clip.',
};

const continueAtField: INodeProperties = {
	displayName: 'Continue At (Seconds)',
	name: 'continueAt',
	type: 'number',
	required: true,
	typeOptions: { minValue: 0 },
	default: 0,
	description:
		'The second of the clip where the extension starts, more than 0: e.g. 120 for 2:00 (duration of a Suno Fetch item gives the clip’s length)',
};

const properties: INodeProperties[] = [
	clipField,
	originField,
	continueAtField,
	...songFields('The lyrics of the part that follows'),
	instrumentalField,
	modelField,
];

export const description = updateDisplayOptions(
	{ show: { operation: ['extendMusic'] } },
	properties,
);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const one =
		'Give one ID: an extension continues one clip (one input item per clip to extend several).';
	const clipId = parseSingleTaskId(this.getNodeParameter('clipId', itemIndex, ''), 'Clip ID', one);
	const taskId = parseSingleTaskId(
		this.getNodeParameter('originTaskId', itemIndex, ''),
		'Origin Task ID',
		one,
	);
	const value = this.getNodeParameter('continueAt', itemIndex, null);
	if (value === null || value === undefined || value === '') {
		throw new ParameterError(
			'Continue At (Seconds) is empty: give the second where the extension starts.',
		);
	}
	const continueAt = readField(continueAtField, value) as number;
	if (continueAt === 0) {
		throw new ParameterError(
			'Continue At (Seconds) is 0: give the second of the clip where the extension starts (more than 0).',
		);
	}
	return {
		route: 'music',
		action: 'MUSIC',
		body: {
			...readSong(this, itemIndex, false),
			continue_clip_id: clipId,
			continue_at: continueAt,
			task_id: taskId,
		},
	};
}
