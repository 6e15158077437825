import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { GENERATE_OPERATIONS } from './actions/operations';
import { router } from './actions/router';
import { operationField, operationFields, paidNotices, subtitleOf } from '../shared/operation';
import { engineFields } from '../shared/settings/fields';

const resourceField: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	// The main resource first, as n8n's own nodes order theirs (fewer than five: no alphabetical rule).
	options: [
		{ name: 'Song', value: 'song' },
		{ name: 'Clip File', value: 'clipFile' },
		{ name: 'Persona', value: 'persona' },
	],
	default: 'song',
};

/** Each resource's Operation field, in the order the operations list first names the resource. */
const resourceOperations: INodeProperties[] = [
	...new Set(GENERATE_OPERATIONS.map(({ resource }) => resource)),
].map((resource) =>
	operationField(
		GENERATE_OPERATIONS.filter((declaration) => declaration.resource === resource),
		{ show: { resource: [resource] } },
	),
);

const properties: INodeProperties[] = [
	resourceField,
	...resourceOperations,
	...paidNotices(GENERATE_OPERATIONS),
	...operationFields(GENERATE_OPERATIONS),
	...engineFields('generate', GENERATE_OPERATIONS),
];

const DESCRIPTION =
	'Create songs and lyrics with Suno (each call is paid) and get the finished files. A song takes 1 to 3 minutes; it comes back as one item per clip with its title, audio URL, duration and lyrics. An unfinished one comes back with its task ID: get it later with Suno Fetch (free), never by generating again.';

export class SunoGenerate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Suno Generate',
		name: 'sunoGenerate',
		icon: { light: 'file:suno.svg', dark: 'file:suno.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(GENERATE_OPERATIONS),
		description: DESCRIPTION,
		defaults: { name: 'Suno Generate' },
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
