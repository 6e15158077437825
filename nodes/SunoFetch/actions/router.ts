/**
 * Suno Fetch's operation value → the engine's operation (the fetch pipeline, or lyrics timing for
 * a declaration that reads a timing request), run by the shared engine.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { fetchOperation } from '../../shared/engine/fetch';
import { messages } from '../../shared/engine/messages';
import { runOperation } from '../../shared/engine/run';
import { timingOperation } from '../../shared/engine/timing';
import { extraKey, type FetchDeclaration } from '../../shared/operation';
import { readFields } from '../../shared/settings/fields';
import { fieldSet } from '../../shared/settings/read';
import { FETCH_OPERATIONS } from './operations';

/** Each operation by value: it reads tasks or lyrics timing. */
export const routes: ReadonlyMap<string, FetchDeclaration> = new Map(
	FETCH_OPERATIONS.map((declaration) => [declaration.value, declaration]),
);
const fields = fieldSet(readFields('fetch', FETCH_OPERATIONS));

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = routes.get(name);
	if (!operation) throw new NodeOperationError(this.getNode(), messages.unsupported(name));
	if ('readTimingRequest' in operation)
		return await runOperation(this, fields, timingOperation(operation, extraKey(operation)));
	return await runOperation(this, fields, fetchOperation(operation));
}
