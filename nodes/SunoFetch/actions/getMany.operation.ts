/** "Get Many Tasks": tasks in batches, `POST /suno/fetch` with `{ids, action}`. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ItemRequest } from '../../shared/engine/collect';
import { batchRound } from '../../shared/engine/collect';
import type { FetchDeclaration } from '../../shared/operation';
import { parseTaskIds } from '../../shared/settings/ids';
import { readField } from '../../shared/settings/parameters';

const actionField: INodeProperties = {
	// Not "Action": n8n's word for the node picker's entries. The parameter keeps its name.
	displayName: 'Task Type',
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

export const operation: FetchDeclaration = {
	value: 'getMany',
	name: 'Get Many Tasks',
	description: 'Get several tasks by their IDs in one request',
	forAgents:
		"Get several Suno tasks by their task IDs in one request (free): each one's status and, once finished, each clip's title, audio URL, duration and lyrics",
	properties,
	makes: 'tasks',
	readRequest,
	// The ids of all input items in shared batches of Batch Size.
	fetchRound: batchRound,
};

function readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest {
	return {
		itemIndex,
		ids: parseTaskIds(this.getNodeParameter('taskIds', itemIndex), 'Task IDs'),
		action: readField(actionField, this.getNodeParameter('action', itemIndex, null)) as string,
	};
}
