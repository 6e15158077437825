/**
 * The one place a failure becomes what n8n shows: an error that stops the run (an API error when
 * the provider said it, else an operation error), or with On Error → Continue an error item that
 * carries the failure's code, and for paid requests whether a task may exist and its ID, beside
 * the words, so an IF node can branch on them.
 */
import {
	NodeApiError,
	NodeError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { asFailure, SunoFailure } from '../failure';

/**
 * An AI Agent passes a failed tool's `error.message` to its model and drops the description (n8n's
 * buildObservation), yet the description is where a paid task's ID or what to do stands: as a tool,
 * the message carries it too, in the form n8n itself gives a failed sub-node tool ("Details: …").
 */
function forTool(message: string, description: string | undefined): string {
	if (description === undefined || description.trim() === '' || message.includes(description))
		return message;
	return `${message}\n\nDetails: ${description}`;
}

/** `error` as n8n's error for this node; `asTool`: its description in its message too. */
export function toNodeError(
	context: IExecuteFunctions,
	error: unknown,
	asTool: boolean,
): NodeError {
	if (!(error instanceof SunoFailure)) {
		// n8n's own (an expression that fails): as n8n would show it.
		const nodeError =
			error instanceof NodeError
				? error
				: new NodeOperationError(context.getNode(), error as Error);
		if (asTool) nodeError.message = forTool(nodeError.message, nodeError.description ?? undefined);
		return nodeError;
	}
	const failure = error;
	const message = asTool ? forTool(failure.message, failure.description) : failure.message;
	const { description, httpCode, itemIndex } = failure;
	const nodeError = failure.fromProvider
		? new NodeApiError(context.getNode(), { message } as JsonObject, {
				message,
				description,
				httpCode,
				itemIndex,
			})
		: new NodeOperationError(context.getNode(), message, { description, itemIndex });
	// n8n swaps a message naming a network code (ETIMEDOUT in a tool's "Details: …", a task id) for
	// its own generic one, which advises Retry On Fail and drops what was paid for: ours stays.
	nodeError.message = message;
	return nodeError;
}

/** An error as the item n8n shows with On Error → Continue, paired to its input item. */
export function errorItem(itemIndex: number, error: unknown): INodeExecutionData {
	const failure = asFailure(error);
	const json: INodeExecutionData['json'] = { error: failure.message };
	if (failure.description) json.errorDescription = failure.description;
	json.code = failure.code;
	if (failure.httpCode !== undefined) json.httpCode = failure.httpCode;
	if (failure.taskMayExist !== undefined) json.taskMayExist = failure.taskMayExist;
	if (failure.taskId !== undefined) json.taskId = failure.taskId;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * An error item as "Continue (using error output)" needs it: n8n sends an item to the error output
 * only when its JSON holds nothing but `error`, `message` and `details` (setting the item's own
 * `error` instead would make n8n drop the description and the task id). So the rest goes under
 * `details`. With other settings the item is left as it is.
 */
export function forErrorOutput(
	context: IExecuteFunctions,
	item: INodeExecutionData,
): INodeExecutionData {
	if (context.getNode().onError !== 'continueErrorOutput') return item;
	const { error, ...details } = item.json;
	return { ...item, json: Object.keys(details).length > 0 ? { error, details } : { error } };
}
