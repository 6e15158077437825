/**
 * The fields that name an existing clip and the task that made it, which most operations on a
 * finished song share, and their one reader.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseSingleTaskId } from '../../shared/settings/ids';

/** `Clip ID`, with what this operation does to the clip. */
export function clipIdField(description: string): INodeProperties {
	return {
		displayName: 'Clip ID',
		name: 'clipId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. 2f6a1c9e-0c41-4b3b-9a39-5b0c1c2d7e11',
		description,
	};
}

export const originTaskField: INodeProperties = {
	displayName: 'Origin Task ID',
	name: 'originTaskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. task_Xq3T9bLm2ZpK7vRw0YcN5sHd8JfA1eGu',
	description:
		'The task that made the clip (taskId of the same item). The gateway needs it to find the clip.',
};

/** One ID from `field`; several is an error that says to use one input item per clip. */
export function readOneId(
	context: IExecuteFunctions,
	field: INodeProperties,
	itemIndex: number,
): string {
	const one = 'Give one ID: one input item per clip to work on several.';
	return parseSingleTaskId(
		context.getNodeParameter(field.name, itemIndex, ''),
		field.displayName,
		one,
	);
}
