/** "Cover": a clip sung again in another style, with new lyrics if you like. */
import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { clipIdField, readOneId } from './clipFields';
import { instrumentalField, modelField, readSong, songFields } from './songFields';

export const extra = 'cover';

const clipField = clipIdField(
	'The clip to cover: clipId of a Suno Fetch, Suno Generate or Upload Audio From URL item (sent as cover_clip_id)',
);

export const description = updateDisplayOptions({ show: { operation: ['cover'] } }, [
	clipField,
	...songFields('The lyrics of the cover; empty keeps the clip’s own'),
	instrumentalField,
	modelField,
]);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	const song = readSong(this, itemIndex, false);
	return {
		action: 'MUSIC',
		call: {
			route: 'music',
			body: {
				...song,
				task: 'cover',
				cover_clip_id: readOneId(this, clipField, itemIndex),
			},
		},
		requestedModel: String(song.mv),
		annotate: checkMade(EXPECTED.cover),
	};
}
