import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { FETCH_OPERATIONS } from './actions/operations';
import { router } from './actions/router';
import { operationField, operationFields, subtitleOf } from '../shared/operation';
import { engineFields } from '../shared/settings/fields';

const properties: INodeProperties[] = [
	operationField(FETCH_OPERATIONS),
	...operationFields(FETCH_OPERATIONS),
	...engineFields('fetch', FETCH_OPERATIONS),
];

const DESCRIPTION =
	'Get Suno songs and lyrics by task ID (free, as often as needed), and the timing of sung lyrics. Step two after Suno Generate: a song is ready 1 to 3 minutes after it was submitted; until then its status says how far it is.';

export class SunoFetch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Suno Fetch',
		name: 'sunoFetch',
		icon: { light: 'file:suno.svg', dark: 'file:suno.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(FETCH_OPERATIONS),
		description: DESCRIPTION,
		defaults: { name: 'Suno Fetch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'sunoApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
