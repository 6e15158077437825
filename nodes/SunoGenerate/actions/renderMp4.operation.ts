/** "Render MP4 Video": a clip's music video, for clips Suno no longer renders one for by itself. */
import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { clipIdField, readOneId } from './clipFields';

export const extra = 'renderMp4';

const clipField = clipIdField(
	'The finished clip to render: clipId of a Suno Fetch or Suno Generate item',
);

export const description = updateDisplayOptions({ show: { operation: ['renderMp4'] } }, [
	clipField,
]);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	return {
		action: 'MUSIC',
		call: { route: 'mp4', clipId: readOneId(this, clipField, itemIndex) },
		// Answered with a task ID: its finished clip must hold the file.
		annotate: checkMade(EXPECTED.mp4),
	};
}
