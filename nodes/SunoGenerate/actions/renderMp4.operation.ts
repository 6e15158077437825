/** "Render MP4 Video": a clip's music video, for clips Suno no longer renders one for by itself. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { DOCUMENTING_PRESETS, type GenerateDeclaration } from '../../shared/operation';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { clipIdField, readOneId } from './clipFields';

const clipField = clipIdField(
	'The finished clip to render: clipId of a Suno Fetch or Suno Generate item',
);

const properties: INodeProperties[] = [clipField];

export const operation: GenerateDeclaration = {
	value: 'renderMp4',
	resource: 'clipFile',
	name: 'Render MP4 Video',
	description: 'Get a clip’s music video as an MP4 (only where the gateway offers it)',
	forAgents:
		"Render a finished clip's music video as an MP4 (where the gateway offers it): returns the video's URL, or a task ID to get with Suno Fetch (free)",
	properties,
	makes: 'file',
	downloads: ['video'],
	sendsBody: false,
	extra: { documentedBy: DOCUMENTING_PRESETS, songSubmit: false },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	return {
		action: 'MUSIC',
		call: { route: 'mp4', clipId: readOneId(this, clipField, itemIndex) },
		// Answered with a task ID: its finished clip must hold the file.
		annotate: checkMade(EXPECTED.mp4),
	};
}
