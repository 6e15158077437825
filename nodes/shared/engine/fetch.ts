/**
 * A fetching operation, start to end: what every input item asks for, all of it fetched together
 * (shared batches, each id once a round, waiting if asked), then each item's tasks in the order it
 * gave them — one item per clip, paired to that input item — with its files, and errors per id.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { createClient, type SunoClient } from '../client';
import { WaitCancelledError } from '../helpers/pause';
import {
	parameterFailure,
	readOutputOptions,
	readRunSettings,
	type OutputOptions,
	type RunSettings,
} from '../settings/read';
import { attachFiles, type OutputEntry } from './attach';
import { collectTasks, type FetchRound, type ItemRequest } from './collect';
import { errorItem, outcomeOf } from './emit';
import { messages } from './messages';

export interface FetchOperation {
	readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest;
	fetchRound: FetchRound;
}

export async function fetchTasks(
	this: IExecuteFunctions,
	operation: FetchOperation,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	// Output per input item, so error items keep their place among the others.
	const output: INodeExecutionData[][] = items.map(() => []);
	const fail = (itemIndex: number, error: unknown) => {
		if (!this.continueOnFail()) throw error;
		output[itemIndex].push(errorItem(itemIndex, error));
	};

	// 1. The run's settings and the client: a problem there fails every item.
	let settings: RunSettings;
	let client: SunoClient;
	try {
		settings = readRunSettings.call(this);
		client = await createClient(this, settings.fetch.policy);
	} catch (error) {
		const failure = parameterFailure(this, error, 0);
		if (!this.continueOnFail()) throw failure;
		return [items.map((_item, itemIndex) => errorItem(itemIndex, failure))];
	}

	// 2. What each item asks for; a bad parameter fails that item only.
	const requests: Array<ItemRequest & OutputOptions> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests.push({
				...operation.readRequest.call(this, itemIndex),
				...readOutputOptions.call(this, itemIndex),
			});
		} catch (error) {
			fail(itemIndex, parameterFailure(this, error, itemIndex));
		}
	}

	// 3. Everything at once.
	const signal = this.getExecutionCancelSignal?.();
	const collected = await collectTasks(
		client,
		operation.fetchRound,
		requests,
		settings.fetch,
		signal,
	).catch((error: Error) => {
		throw new NodeOperationError(
			this.getNode(),
			error instanceof WaitCancelledError ? messages.stopped : error,
		);
	});

	// 4. Each item's outcome; without On Error → Continue the first problem stops the run before any download.
	const entries: OutputEntry[] = [];
	const problems: Array<{ itemIndex: number; error: Error }> = [];
	const missing = new Set<string>();
	for (const request of requests) {
		const outcome = outcomeOf(this, request, collected, settings.fetch);
		if (outcome.problems.length > 0 && !this.continueOnFail()) throw outcome.problems[0];
		entries.push(...outcome.entries);
		outcome.problems.forEach((error) => problems.push({ itemIndex: request.itemIndex, error }));
		outcome.missing.forEach((id) => missing.add(id));
	}

	// 5. Files, if asked for; a failed download fails its own clip's item only.
	if (settings.download.kinds.length > 0) await attachFiles.call(this, client, entries, settings);
	for (const entry of entries) {
		if (entry.error !== undefined) fail(entry.itemIndex, entry.error);
		else {
			const item: INodeExecutionData = { json: entry.json, pairedItem: { item: entry.itemIndex } };
			if (entry.binary) item.binary = entry.binary;
			output[entry.itemIndex].push(item);
		}
	}
	for (const { itemIndex, error } of problems) output[itemIndex].push(errorItem(itemIndex, error));

	if (missing.size > 0)
		this.addExecutionHints({ message: messages.notFound([...missing]), location: 'outputPane' });
	if (collected.unfinished.size > 0 && settings.fetch.wait?.onTimeout === 'emit') {
		const message = `${messages.unfinished([...collected.unfinished], collected.waitedMs)}. ${messages.notResubmitted}`;
		this.addExecutionHints({ message, location: 'outputPane' });
	}
	return [output.flat()];
}
