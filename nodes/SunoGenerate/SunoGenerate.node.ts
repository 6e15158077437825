import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import * as extendMusic from './actions/extendMusic.operation';
import * as generateLyrics from './actions/generateLyrics.operation';
import * as generateMusic from './actions/generateMusic.operation';
import { router } from './actions/router';
import { engineFields } from '../shared/settings/fields';

export class SunoGenerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Suno Generate',
		name: 'sunoGenerate',
		icon: { light: 'file:suno.svg', dark: 'file:suno.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ { generateMusic: "Generate music", extendMusic: "Extend music", generateLyrics: "Generate lyrics" }[$parameter["operation"]] }}',
		description: 'Create songs and lyrics with Suno and get the finished files',
		defaults: { name: 'Suno Generate' },
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
						name: 'Extend Music',
						value: 'extendMusic',
						description: 'Continue a song from a point in one of its clips (paid)',
						action: 'Extend a song',
					},
					{
						name: 'Generate Lyrics',
						value: 'generateLyrics',
						description: 'Write song lyrics from a prompt (paid)',
						action: 'Generate lyrics',
					},
					{
						name: 'Generate Music',
						value: 'generateMusic',
						description: 'Make a song from a description or from your own lyrics (paid)',
						action: 'Generate a song',
					},
				],
				default: 'generateMusic',
			},
			...generateMusic.description,
			...extendMusic.description,
			...generateLyrics.description,
			...engineFields('generate'),
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
