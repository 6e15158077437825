/** "Convert to WAV": a clip's lossless WAV file. */
import { updateDisplayOptions, type IExecuteFunctions } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { clipIdField, readOneId } from './clipFields';

export const extra = 'convertToWav';

const clipField = clipIdField(
	'The finished clip to convert: clipId of a Suno Fetch or Suno Generate item',
);

export const description = updateDisplayOptions({ show: { operation: ['convertToWav'] } }, [
	clipField,
]);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	return {
		action: 'MUSIC',
		call: { route: 'wav', clipId: readOneId(this, clipField, itemIndex) },
		// Answered with a task ID: its finished clip must hold the file.
		annotate: checkMade(EXPECTED.wav),
	};
}
