/** Dispatches to the chosen operation; the shared engine does the rest. */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { fetchTasks } from '../../shared/engine/fetch';
import { messages } from '../../shared/engine/messages';
import { fetchTimings } from '../../shared/engine/timing';
import { answeringCaller } from '../../shared/engine/tool';
import type { FetchDeclaration } from '../../shared/operation';
import { engineFields } from '../../shared/settings/fields';
import { fieldSet } from '../../shared/settings/read';
import { FETCH_OPERATIONS } from './operations';

/** Each operation by value: it reads tasks (fetchTasks) or lyrics timing (fetchTimings). */
export const routes: ReadonlyMap<string, FetchDeclaration> = new Map(
	FETCH_OPERATIONS.map((declaration) => [declaration.value, declaration]),
);
const fields = fieldSet(engineFields('fetch', FETCH_OPERATIONS));

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await answeringCaller(this, () => route.call(this));
}

async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = routes.get(name);
	if (!operation) throw new NodeOperationError(this.getNode(), messages.unsupported(name));
	if ('readTimingRequest' in operation) return await fetchTimings.call(this, operation, fields);
	return await fetchTasks.call(this, operation, fields);
}
