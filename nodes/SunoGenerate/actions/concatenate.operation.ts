/** "Concatenate": an extended clip and all it continues, joined into one full song (one clip). */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { Submission } from '../../shared/engine/generate';
import { checkMade, EXPECTED } from '../../shared/model/made';
import { readField } from '../../shared/settings/parameters';
import { clipIdField, readOneId } from './clipFields';

export const extra = 'concatenate';

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

export const description = updateDisplayOptions({ show: { operation: ['concatenate'] } }, [
	clipField,
	infillField,
]);

export function readSubmission(this: IExecuteFunctions, itemIndex: number): Submission {
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
