/** Dispatches to the chosen operation; the shared engine does the rest. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { generateTasks, type GenerateOperation } from '../../shared/engine/generate';
import { messages } from '../../shared/engine/messages';
import { engineFields } from '../../shared/settings/fields';
import { fieldSet } from '../../shared/settings/read';
import * as extendMusic from './extendMusic.operation';
import * as generateLyrics from './generateLyrics.operation';
import * as generateMusic from './generateMusic.operation';

const operations: Record<string, GenerateOperation> = {
	generateMusic,
	extendMusic,
	generateLyrics,
};
const fields = fieldSet(engineFields('generate'));

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = operations[name];
	if (!operation) throw new NodeOperationError(this.getNode(), messages.unsupported(name));
	return await generateTasks.call(this, operation, fields);
}
