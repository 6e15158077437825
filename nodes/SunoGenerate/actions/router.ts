/**
 * Suno Generate's operation value → the engine's submitting operation, run by the shared engine;
 * with n8n's Retry On Fail on, a hint that a failed run pays again.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { generateOperation, type GenerateOperation } from '../../shared/engine/generate';
import { messages } from '../../shared/engine/messages';
import { runOperation } from '../../shared/engine/run';
import { extraKey, isPaid } from '../../shared/operation';
import { readFields } from '../../shared/settings/fields';
import { fieldSet } from '../../shared/settings/read';
import { GENERATE_OPERATIONS } from './operations';

/** The engine's view of each operation, by value. */
export const routes: ReadonlyMap<string, GenerateOperation> = new Map(
	GENERATE_OPERATIONS.map((declaration) => [
		declaration.value,
		{ readSubmission: declaration.readSubmission, extra: extraKey(declaration) },
	]),
);
const fields = fieldSet(readFields('generate', GENERATE_OPERATIONS));
const paid = new Set(GENERATE_OPERATIONS.filter(isPaid).map(({ value }) => value));

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const name = this.getNodeParameter('operation', 0) as string;
	const operation = routes.get(name);
	if (!operation) throw new NodeOperationError(this.getNode(), messages.unsupported(name));
	// n8n's Retry On Fail runs the whole node again: every submit again, paid again.
	if (this.getNode().retryOnFail === true && paid.has(name))
		this.addExecutionHints({ message: messages.retryOnFailPays, location: 'outputPane' });
	return await runOperation(this, fields, generateOperation(operation));
}
