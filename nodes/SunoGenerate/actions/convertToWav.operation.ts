/** "Convert to WAV": a clip's lossless WAV file. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { DOCUMENTING_PRESETS, type GenerateDeclaration } from '../../shared/operation';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { clipIdField, readOneId } from './clipFields';

const clipField = clipIdField(
	'The finished clip to convert: clipId of a Suno Fetch or Suno Generate item',
);

const properties: INodeProperties[] = [clipField];

export const operation: GenerateDeclaration = {
	value: 'convertToWav',
	resource: 'clipFile',
	name: 'Convert to WAV',
	isDefault: true,
	description: 'Get a clip as a lossless WAV file (only where the gateway offers it)',
	forAgents:
		"Convert a finished clip to a WAV file (where the gateway offers it): returns the WAV file's URL",
	properties,
	makes: 'file',
	downloads: ['audio'],
	sendsBody: false,
	extra: { documentedBy: DOCUMENTING_PRESETS, songSubmit: false },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	return {
		action: 'MUSIC',
		call: { route: 'wav', clipId: readOneId(this, clipField, itemIndex) },
		// Answered with a task ID: its finished clip must hold the file.
		annotate: checkMade(EXPECTED.wav),
	};
}
