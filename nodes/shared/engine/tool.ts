/**
 * A run's error as a tool's caller reads it. An AI Agent passes a failed tool's `error.message` to
 * its model and drops the description (n8n's buildObservation), yet the description is where a
 * paid task's ID, "a task may have been created" or what to do stands: as a tool, the message
 * carries it too, in the form n8n itself gives a failed sub-node tool ("Details: …").
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { runsAsTool } from '../settings/read';

function withDetails(error: unknown): unknown {
	if (!(error instanceof Error)) return error;
	const { description } = error as { description?: unknown };
	if (typeof description !== 'string' || description.trim() === '') return error;
	if (!error.message.includes(description))
		error.message = `${error.message}\n\nDetails: ${description}`;
	return error;
}

/** `work`'s result; as a tool, its error with the description in the message. */
export async function answeringCaller<T>(
	context: IExecuteFunctions,
	work: () => Promise<T>,
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw runsAsTool(context) ? withDetails(error) : error;
	}
}
