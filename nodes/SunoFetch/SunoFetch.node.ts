import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as get from './actions/get.operation';
import * as getLyricsTiming from './actions/getLyricsTiming.operation';
import * as getMany from './actions/getMany.operation';
import { engineFields } from '../shared/settings/fields';
import { router } from './actions/router';

/**
 * The operations, by name alphabetically. An operation's action is also all n8n tells an AI agent
 * or MCP client about this tool ("<action> in Suno Fetch"): it says what the call does and costs.
 */
const operationOptions: INodePropertyOptions[] = [
	{
		name: 'Get',
		value: 'get',
		description: 'Get one task by its ID',
		action:
			"Get a Suno task by its task ID (free): its status and, once finished, each clip's title, audio URL, duration and lyrics. A song is ready 1 to 3 minutes after Suno Generate: if unfinished, ask again later, never generate again",
	},
	{
		name: 'Get Lyrics Timing',
		value: 'getLyricsTiming',
		description:
			'Get when each sung word and line of finished clips starts and ends, with subtitles (only where the gateway offers it)',
		action:
			'Get when each sung word and line of finished clips starts and ends, by clip ID (free, where the gateway offers it), with SRT and LRC subtitles',
	},
	{
		name: 'Get Many',
		value: 'getMany',
		description: 'Get several tasks by their IDs in one request',
		action:
			"Get several Suno tasks by their task IDs in one request (free): each one's status and, once finished, each clip's title, audio URL, duration and lyrics",
	},
];

export class SunoFetch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Suno Fetch',
		name: 'sunoFetch',
		icon: { light: 'file:suno.svg', dark: 'file:suno.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { get: "Get task", getMany: "Get many tasks", getLyricsTiming: "Get lyrics timing" }[$parameter["operation"]] }}',
		description:
			'Get Suno songs and lyrics by task ID (free, as often as needed), and the timing of sung lyrics. Step two after Suno Generate: a song is ready 1 to 3 minutes after it was submitted; until then its status says how far it is.',
		defaults: { name: 'Suno Fetch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sunoApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: operationOptions,
				default: 'get',
			},
			...get.description,
			...getMany.description,
			...getLyricsTiming.description,
			...engineFields('fetch'),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
