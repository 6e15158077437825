/** "Concatenate": an extended clip and all it continues, joined into one full song (one clip). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { DOCUMENTING_PRESETS, type GenerateDeclaration } from '../../shared/operation';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { readField } from '../../shared/settings/parameters';
import { clipIdField, readOneId } from './clipFields';

const clipField = clipIdField(
	'The last clip of the song: the clipId of an Extend Music item (Suno joins it with the clips it continues)',
);

const infillField: INodeProperties = {
	displayName: 'Clip Is a Replaced Section',
	name: 'isInfill',
	type: 'boolean',
	default: false,
	description:
		'Whether the clip comes from replacing a section (infill) rather than from an extension (sent as is_infill)',
};

const properties: INodeProperties[] = [clipField, infillField];

export const operation: GenerateDeclaration = {
	value: 'concatenate',
	resource: 'song',
	name: 'Concatenate',
	description:
		'Join an extended clip with what it continues into one full song (paid; only where the gateway offers it)',
	forAgents:
		'Concatenate an extended clip with what it continues into one full song (paid, where the gateway offers it): returns the new clip, or its task ID to get later with Suno Fetch (free)',
	properties,
	makes: 'songs',
	sendsBody: true,
	extra: { documentedBy: DOCUMENTING_PRESETS, songSubmit: false },
	readSubmission,
};

function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
	return {
		action: 'MUSIC',
		call: {
			route: 'concat',
			body: {
				clip_id: readOneId(this, clipField, itemIndex),
				is_infill: readField(
					infillField,
					this.getNodeParameter('isInfill', itemIndex, null),
				) as boolean,
			},
		},
		annotate: checkMade(EXPECTED.concatenation),
	};
}
