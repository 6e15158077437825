/** "Cover": a clip sung again in another style, with new lyrics if you like. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import type { GenerateDeclaration } from '../../shared/operation';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { clipIdField, readOneId } from './clipFields';
import { instrumentalField, modelField, readSong, songFields } from './songFields';

const clipField = clipIdField(
	'The clip to cover: clipId of a Suno Fetch, Suno Generate or Upload Audio From URL item (sent as cover_clip_id)',
);

const properties: INodeProperties[] = [
	clipField,
	...songFields('The lyrics of the cover; empty keeps the clip’s own'),
	instrumentalField,
	modelField,
];

export const operation: GenerateDeclaration = {
	value: 'cover',
	resource: 'song',
	name: 'Cover',
	description: 'Sing a clip again in another style (paid; only where the gateway offers it)',
	forAgents:
		'Cover a clip in another style (paid, where the gateway offers it; takes 1 to 3 minutes): returns the new clips, or if unfinished their task ID to get with Suno Fetch (free), never cover again',
	properties,
	makes: 'songs',
	sendsBody: true,
	extra: { documentedBy: [], songSubmit: true },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
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
