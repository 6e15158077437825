/** Fields both operations share, and a typed reader for them. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

export const sharedFields: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return one flat item per clip with the task on it (taskId, taskStatus, audioUrl, title, lyrics …) instead of the clip as the provider sent it plus a task object',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'On Missing Task',
				name: 'onMissing',
				type: 'options',
				options: [
					{
						name: 'Output a NOT_FOUND Item',
						value: 'emit',
						description: 'Each unknown ID becomes an item with taskStatus NOT_FOUND',
					},
					{
						name: 'Fail',
						value: 'error',
						description: 'Stop with an error that names the unknown IDs',
					},
				],
				default: 'emit',
				description: 'What to do with an ID the provider does not know (a typo, or a task of another account)',
			},
		],
	},
];

export interface SharedOptions {
	simplify: boolean;
	onMissing: 'emit' | 'error';
}

export function readSharedOptions(this: IExecuteFunctions, itemIndex: number): SharedOptions {
	const options = this.getNodeParameter('options', itemIndex, {}) as { onMissing?: 'emit' | 'error' };
	return {
		simplify: this.getNodeParameter('simplify', itemIndex, true) as boolean,
		onMissing: options.onMissing ?? 'emit',
	};
}
