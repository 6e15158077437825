/**
 * The credential's Extra Operations Offered: per provider, the list offers only what is not on
 * already. A preset's provider documents most extras (they are on without ticking); its list keeps
 * the rest and names the documented ones in a quiet hint, not a notice.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { documentedAt, EXTRA_OPERATIONS } from '../model/extras';
import { PRESETS_WITH_EXTRAS } from './baseUrl';

const EVERY_EXTRA: INodePropertyOptions[] = Object.entries(EXTRA_OPERATIONS).map(
	([value, { name }]) => ({ name, value }),
);

const LIST: INodeProperties = {
	displayName: 'Extra Operations Offered',
	name: 'extraOperations',
	type: 'multiOptions',
	options: EVERY_EXTRA,
	default: [],
	description:
		'Suno operations beyond songs, lyrics and fetching that this gateway runs, on top of those its provider documents. Tick only what your provider documents: a gateway without an operation can bill an ordinary song instead.',
};

function presetList(url: string): INodeProperties {
	const documented = documentedAt(url);
	return {
		...LIST,
		options: EVERY_EXTRA.filter(({ name }) => !documented.includes(name)),
		hint: `Already on, as this provider documents them: ${documented.join(', ')}.`,
		displayOptions: { show: { provider: [url] } },
	};
}

/** One list for each preset that documents extras, and the whole list for every other gateway. */
export const extraOperationsFields: INodeProperties[] = [
	...PRESETS_WITH_EXTRAS.map(({ url }) => presetList(url)),
	{ ...LIST, displayOptions: { hide: { provider: PRESETS_WITH_EXTRAS.map(({ url }) => url) } } },
];
