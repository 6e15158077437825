/** "Get": one task by id, `GET /suno/fetch/{id}`. */
import { updateDisplayOptions, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import type { ItemRequest } from '../../shared/engine/collect';
import { singleRound } from '../../shared/engine/collect';
import { parseSingleTaskId } from '../../shared/settings/ids';

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
	return { itemIndex, ids: [taskId], action: '' };
}

/** One GET per id, a few at a time. */
export const fetchRound = singleRound;
