/** "Get Many": several tasks in one `POST /suno/fetch`. */
import {
	updateDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { fetchTasks } from '../transport/request';
import { parseTaskIds } from './ids';
import type { FetchedTasks } from './router';

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
	{
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
	},
];

export const description = updateDisplayOptions({ show: { operation: ['getMany'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<FetchedTasks> {
	const taskIds = parseTaskIds(this.getNodeParameter('taskIds', itemIndex), 'Task IDs');
	const action = this.getNodeParameter('action', itemIndex, '') as string;
	return { requested: taskIds, tasks: await fetchTasks.call(this, taskIds, action, itemIndex) };
}
