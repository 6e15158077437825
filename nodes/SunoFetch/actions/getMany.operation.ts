/** "Get Many": tasks in batches, `POST /suno/fetch` with `{ids, action}`. */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { chunk, settleEach } from '../helpers/pool';
import { requestTasks } from '../transport/request';
import type { FetchRound, ItemRequest } from './collect';
import { readField } from '../helpers/parameters';
import { parseTaskIds } from './ids';

const actionField: INodeProperties = {
	displayName: 'Action',
	name: 'action',
	type: 'options',
	options: [
		{ name: 'Any', value: '' },
		{ name: 'Lyrics', value: 'LYRICS' },
		{ name: 'Music', value: 'MUSIC' },
	],
	default: '',
	description:
		'The task type sent with the request (Any sends none). Most gateways ignore it and return every task you ask for.',
};

const properties: INodeProperties[] = [
	{
		displayName: 'Task IDs',
		name: 'taskIds',
		type: 'string',
		required: true,
		default: '',
		typeOptions: { rows: 3 },
		placeholder: 'e.g. 346c5d10-a4a1-4f49-a851-66a7dae6cfaf, 2a145658-3342-4228-b779-b8323a2b77df',
		description:
			'Task IDs separated by commas, spaces or new lines, or an expression that gives a list of IDs. Duplicates are fetched once; the output keeps your order.',
	},
	actionField,
];

export const description = updateDisplayOptions({ show: { operation: ['getMany'] } }, properties);

export function readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest {
	return {
		itemIndex,
		ids: parseTaskIds(this.getNodeParameter('taskIds', itemIndex), 'Task IDs'),
		group: readField(actionField, this.getNodeParameter('action', itemIndex, null)) as string,
	};
}

/** The ids of all input items in shared batches of Batch Size, a few batches at a time. */
export const fetchRound: FetchRound = async function (this, ids, action, settings, askerOf) {
	const batches = chunk(ids, settings.batchSize);
	const outcomes = await settleEach(batches, settings.concurrency, async (batch) =>
		requestTasks.call(this, batch, action, askerOf(batch[0]), settings.policy),
	);
	return outcomes.map((outcome, index) =>
		outcome.ok
			? { ids: batches[index], body: outcome.value, fallbackTaskId: null }
			: { ids: batches[index], error: outcome.error },
	);
};
