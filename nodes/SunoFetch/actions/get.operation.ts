/** "Get": one task by id, `GET /suno/fetch/{id}`. */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { settleEach } from '../helpers/pool';
import { requestTask } from '../transport/request';
import type { FetchRound, ItemRequest } from './collect';
import { parseSingleTaskId } from './ids';

const properties: INodeProperties[] = [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 346c5d10-a4a1-4f49-a851-66a7dae6cfaf',
		description: 'The ID the provider returned when the song or lyrics job was submitted',
	},
];

export const description = updateDisplayOptions({ show: { operation: ['get'] } }, properties);

export function readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest {
	const taskId = parseSingleTaskId(this.getNodeParameter('taskId', itemIndex), 'Task ID');
	return { itemIndex, ids: [taskId], group: '' };
}

/** One GET per id, a few at a time. */
export const fetchRound: FetchRound = async function (this, ids, _group, settings, askerOf) {
	const outcomes = await settleEach(ids, settings.concurrency, async (id) =>
		requestTask.call(this, id, askerOf(id), settings.policy),
	);
	return outcomes.map((outcome, index) => {
		const id = ids[index];
		return outcome.ok ? { ids: [id], body: outcome.value, fallbackTaskId: id } : { ids: [id], error: outcome.error };
	});
};
