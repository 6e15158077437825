/**
 * A fetching operation, start to end: what every input item asks for, all of it fetched together
 * (shared batches, each id once a round, waiting if asked), then each item's tasks in the order it
 * gave them — one item per clip, paired to that input item — with its files, and errors per id.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import {
	parameterFailure,
	readOutputOptions,
	type FieldSet,
	type OutputOptions,
} from '../settings/read';
import type { FetchRound, ItemRequest } from './collect';
import { deliverTasks, finish, startRun } from './run';

export interface FetchOperation {
	readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest;
	fetchRound: FetchRound;
}

export async function fetchTasks(
	this: IExecuteFunctions,
	operation: FetchOperation,
	fields: FieldSet,
): Promise<INodeExecutionData[][]> {
	const started = await startRun(this, fields);
	if ('output' in started) return started.output;
	const { run } = started;

	// What each item asks for; a bad parameter fails that item only.
	const requests: Array<ItemRequest & OutputOptions> = [];
	for (let itemIndex = 0; itemIndex < run.output.length; itemIndex++) {
		try {
			requests.push({
				...operation.readRequest.call(this, itemIndex),
				...readOutputOptions.call(this, fields, itemIndex),
			});
		} catch (error) {
			run.fail(itemIndex, parameterFailure(this, error, itemIndex));
		}
	}

	await deliverTasks(this, run, operation.fetchRound, requests);
	return finish(this, run);
}
