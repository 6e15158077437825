import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as get from './actions/get.operation';
import * as getLyricsTiming from './actions/getLyricsTiming.operation';
import * as getMany from './actions/getMany.operation';
import { engineFields } from '../shared/settings/fields';
import { router } from './actions/router';

export class SunoFetch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Suno Fetch',
		name: 'sunoFetch',
		icon: { light: 'file:suno.svg', dark: 'file:suno.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { get: "Get task", getMany: "Get many tasks", getLyricsTiming: "Get lyrics timing" }[$parameter["operation"]] }}',
		description: 'Get Suno songs and lyrics by task ID, and the timing of sung lyrics',
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
				options: [
					{
						name: 'Get',
						value: 'get',
						description: 'Get one task by its ID',
						action: 'Get a task',
					},
					{
						name: 'Get Lyrics Timing',
						value: 'getLyricsTiming',
						description:
							'Get when each sung word and line of finished clips starts and ends, with subtitles (only where the gateway offers it)',
						action: 'Get lyrics timing',
					},
					{
						name: 'Get Many',
						value: 'getMany',
						description: 'Get several tasks by their IDs in one request',
						action: 'Get many tasks',
					},
				],
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
