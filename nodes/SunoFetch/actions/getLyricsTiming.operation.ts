/** "Get Lyrics Timing": when each sung word and line starts and ends, with subtitles (free). */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TimingRequest, TimingSplit } from '../../shared/engine/timing';
import { DOCUMENTING_PRESETS, type FetchDeclaration } from '../../shared/operation';
import { parsePathIds } from '../../shared/settings/ids';
import { readField } from '../../shared/settings/parameters';

const splitField: INodeProperties = {
	displayName: 'Output',
	name: 'timingOutput',
	type: 'options',
	options: [
		{
			name: 'One Item per Clip',
			value: 'clip',
			description: 'The lyrics with their lines and words, and SRT and LRC subtitles',
		},
		{
			name: 'One Item per Line',
			value: 'line',
			description: 'Each sung line with its start and end (seconds) and section',
		},
		{
			name: 'One Item per Word',
			value: 'word',
			description: 'Each sung word with its start and end (seconds)',
		},
	],
	default: 'clip',
	description: 'How the timing comes out: whole clips with subtitles, or one item per line or word',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Clip IDs',
		name: 'clipIds',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'e.g. db2b5b85-5fbb-45b6-b06b-5e9bc8e52bef, 2f6a1c9e-0c41-4b3b-9a39-5b0c1c2d7e11',
		description:
			'Finished clips: the clipId of Suno Fetch or Suno Generate items, separated by commas, spaces or new lines, or a list from an expression',
	},
	splitField,
];

export const operation: FetchDeclaration = {
	value: 'getLyricsTiming',
	name: 'Get Lyrics Timing',
	description:
		'Get when each sung word and line of finished clips starts and ends, with subtitles (only where the gateway offers it)',
	forAgents:
		'Get when each sung word and line of finished clips starts and ends, by clip ID (free, where the gateway offers it), with SRT and LRC subtitles',
	properties,
	makes: 'timing',
	extra: { key: 'lyricsTiming', documentedBy: DOCUMENTING_PRESETS, songSubmit: false },
	readTimingRequest,
};

function readTimingRequest(this: IExecuteFunctions, itemIndex: number): TimingRequest {
	return {
		clipIds: parsePathIds(this.getNodeParameter('clipIds', itemIndex, ''), 'Clip IDs'),
		split: readField(
			splitField,
			this.getNodeParameter('timingOutput', itemIndex, null),
		) as TimingSplit,
	};
}
