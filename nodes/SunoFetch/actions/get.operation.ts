/** "Get": one task by id, `GET /suno/fetch/{id}`. */
import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { fetchTask } from '../transport/request';
import { parseSingleTaskId } from './ids';
import type { FetchedTasks } from './router';

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

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<FetchedTasks> {
	const taskId = parseSingleTaskId(this.getNodeParameter('taskId', itemIndex), 'Task ID');
	return { requested: [taskId], tasks: await fetchTask.call(this, taskId, itemIndex) };
}
