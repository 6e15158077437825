/** "Extend Music": a clip continued from a point, with new lyrics, title and style if you like. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import type { GenerateDeclaration } from '../../shared/operation';
import { ParameterError, readField } from '../../shared/settings/parameters';
import { clipIdField, originTaskField, readOneId } from './clipFields';
import { instrumentalField, modelField, readSong, songFields } from './songFields';

const clipField = clipIdField('The clip to continue: clipId of a Suno Fetch or Suno Generate item');

const continueAtField: INodeProperties = {
	displayName: 'Continue At (Seconds)',
	name: 'continueAt',
	type: 'number',
	required: true,
	typeOptions: { minValue: 0 },
	// A value the node accepts (0 is refused): a minute in, where a song has had its first chorus.
	default: 60,
	description:
		'The second of the clip where the extension starts, more than 0: e.g. 120 for 2:00 (duration of a Suno Fetch item gives the clip’s length)',
};

const properties: INodeProperties[] = [
	clipField,
	originTaskField,
	continueAtField,
	...songFields('The lyrics of the part that follows'),
	instrumentalField,
	modelField,
];

export const operation: GenerateDeclaration = {
	value: 'extendMusic',
	resource: 'song',
	name: 'Extend Music',
	description: 'Continue a song from a point in one of its clips (paid)',
	forAgents:
		'Extend a song from a point in one of its clips (paid; takes 1 to 3 minutes): returns the new clips, or if unfinished their task ID to get with Suno Fetch (free), never extend again',
	properties,
	makes: 'songs',
	sendsBody: true,
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const clipId = readOneId(this, clipField, itemIndex);
	const taskId = readOneId(this, originTaskField, itemIndex);
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
	const song = readSong(this, itemIndex, false);
	return {
		action: 'MUSIC',
		call: {
			route: 'music',
			body: {
				...song,
				continue_clip_id: clipId,
				continue_at: continueAt,
				task_id: taskId,
			},
		},
		requestedModel: String(song.mv),
	};
}
