/** "Get Task": one task by id, `GET /suno/fetch/{id}`. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemRequest } from '../../shared/engine/collect';
import { singleRound } from '../../shared/engine/collect';
import type { FetchDeclaration } from '../../shared/operation';
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

export const operation: FetchDeclaration = {
	value: 'get',
	name: 'Get Task',
	isDefault: true,
	description: 'Get one task by its ID',
	forAgents:
		"Get a Suno task by its task ID (free): its status and, once finished, each clip's title, audio URL, duration and lyrics. A song is ready 1 to 3 minutes after Suno Generate: if unfinished, ask again later, never generate again",
	properties,
	makes: 'tasks',
	readRequest,
	// One GET per id, a few at a time.
	fetchRound: singleRound,
};

function readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest {
	const taskId = parseSingleTaskId(this.getNodeParameter('taskId', itemIndex), 'Task ID');
	return { itemIndex, ids: [taskId], action: '' };
}
