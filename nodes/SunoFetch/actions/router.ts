/** Dispatches to the chosen operation; the shared engine does the rest. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { fetchOperation, type FetchOperation } from '../../shared/engine/fetch';
import { messages } from '../../shared/engine/messages';
import { runOperation } from '../../shared/engine/run';
import { timingOperation } from '../../shared/engine/timing';
import { engineFields } from '../../shared/settings/fields';
import { fieldSet } from '../../shared/settings/read';
import * as get from './get.operation';
import * as getLyricsTiming from './getLyricsTiming.operation';
import * as getMany from './getMany.operation';

const operations: Record<string, FetchOperation> = { get, getMany };
const fields = fieldSet(engineFields('fetch'));

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	if (name === 'getLyricsTiming')
		return await runOperation(this, fields, timingOperation(getLyricsTiming));
	const operation = operations[name];
	if (!operation) throw new NodeOperationError(this.getNode(), messages.unsupported(name));
	return await runOperation(this, fields, fetchOperation(operation));
}
