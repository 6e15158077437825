/**
 * Runs the node: reads what every input item asks for, fetches all of it together (shared
 * batches, one request per id at most per round, waiting if asked), then emits each item's tasks
 * in the order it gave them — one item per clip, paired to that input item — with
 * continueOnFail, missing ids and unfinished tasks handled per item.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { ParameterError } from '../helpers/parameters';
import { WaitCancelledError } from '../helpers/pause';
import { taskItems } from '../model/items';
import { collectTasks, type Collected, type FetchRound, type ItemRequest } from './collect';
import { attachFiles, type OutputEntry } from './download';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import { readDownloadSettings, readFetchSettings, readOutputOptions, type OutputOptions } from './options';

interface Operation {
	readRequest(this: IExecuteFunctions, itemIndex: number): ItemRequest;
	fetchRound: FetchRound;
}

const operations: Record<string, Operation> = { get, getMany };

function listIds(ids: readonly string[]): string {
	const shown = ids.slice(0, 10).join(', ');
	return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}

const countOf = (ids: readonly string[], one: string, many: string) => `${ids.length} ${ids.length === 1 ? one : many}`;

function duration(ms: number): string {
	return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`;
}

const notFoundText = (ids: readonly string[]) =>
	`${countOf(ids, 'task id was', 'task ids were')} not found: ${listIds(ids)}`;

const unfinishedText = (ids: readonly string[], waitedMs: number) =>
	`${countOf(ids, 'task was', 'tasks were')} still unfinished after ${duration(waitedMs)}: ${listIds(ids)}`;

/**
 * The error a request met, for one item, naming the task ids it could not fetch (and those of the
 * item's ids that did arrive, which are output on their own with On Error → Continue).
 */
function namingIds(
	this: IExecuteFunctions,
	error: unknown,
	ids: readonly string[],
	fetched: readonly string[],
	itemIndex: number,
): Error {
	const failure = error as Error & { description?: string; httpCode?: string };
	const said = failure.description?.trim();
	const sentence = said && !/[.!?]$/.test(said) ? `${said}.` : said;
	const arrived = fetched.length > 0 ? `Fetched: ${listIds(fetched)}.` : undefined;
	const description = [sentence, `Not fetched: ${listIds(ids)}.`, arrived].filter(Boolean).join(' ');
	if (error instanceof NodeApiError) {
		return new NodeApiError(this.getNode(), { message: failure.message } as JsonObject, {
			message: failure.message,
			description,
			httpCode: failure.httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(this.getNode(), failure.message, { description, itemIndex });
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" is not supported.`);
	}
	// Output per input item, so error items keep their place among the others.
	const output: INodeExecutionData[][] = items.map(() => []);
	const errorItem = (itemIndex: number, error: unknown): INodeExecutionData => {
		const json: IDataObject = { error: (error as Error).message };
		const description = (error as { description?: unknown }).description;
		if (typeof description === 'string' && description !== '') json.errorDescription = description;
		return { json, pairedItem: { item: itemIndex } };
	};
	const fail = (itemIndex: number, error: unknown) => {
		if (!this.continueOnFail()) throw error;
		output[itemIndex].push(errorItem(itemIndex, error));
	};

	// 0. Run-wide settings (from the first item): a bad one fails every item.
	let settings: ReturnType<typeof readFetchSettings>;
	let download: ReturnType<typeof readDownloadSettings>;
	try {
		settings = readFetchSettings.call(this);
		download = readDownloadSettings.call(this);
	} catch (error) {
		const failure = error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error);
		if (!this.continueOnFail()) throw failure;
		return [items.map((_item, itemIndex) => errorItem(itemIndex, failure))];
	}

	// 1. What each item asks for; a bad parameter fails that item only.
	const requests = new Map<number, ItemRequest & OutputOptions>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests.set(itemIndex, {
				...operation.readRequest.call(this, itemIndex),
				...readOutputOptions.call(this, itemIndex),
			});
		} catch (error) {
			fail(itemIndex, error instanceof ParameterError ? new NodeOperationError(this.getNode(), error.message, { itemIndex }) : error);
		}
	}

	// 2. Everything at once.
	let collected: Collected;
	try {
		collected = await collectTasks.call(this, operation.fetchRound, [...requests.values()], settings);
	} catch (error) {
		if (error instanceof WaitCancelledError) {
			throw new NodeOperationError(this.getNode(), 'Stopped while waiting for the tasks to finish.');
		}
		throw new NodeOperationError(this.getNode(), error as Error);
	}

	// 3. Each item's tasks, in its order. Every id ends as its items, a NOT_FOUND item or an error
	// naming it: one failed request costs only its own ids, never the item's other tasks.
	const entries: OutputEntry[] = [];
	const problems: Array<{ itemIndex: number; error: Error }> = [];
	const missingIds = new Set<string>();
	const unfinished = new Set(collected.unfinished);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const request = requests.get(itemIndex);
		if (!request) continue;
		const failedBy = new Map<unknown, string[]>();
		for (const id of request.ids) {
			if (!collected.errors.has(id)) continue;
			const error = collected.errors.get(id);
			failedBy.set(error, [...(failedBy.get(error) ?? []), id]);
		}
		const fetched = request.ids.filter((id) => !collected.errors.has(id));
		const itemProblems: Error[] = [];
		for (const [error, ids] of failedBy) itemProblems.push(namingIds.call(this, error, ids, fetched, itemIndex));
		const missing = fetched.filter((id) => collected.tasks.get(id)!.taskStatus === 'NOT_FOUND');
		const late = fetched.filter((id) => unfinished.has(id));
		const withheld = new Set<string>();
		if (missing.length > 0 && request.onMissing === 'error') {
			missing.forEach((id) => withheld.add(id));
			itemProblems.push(
				new NodeOperationError(this.getNode(), notFoundText(missing), {
					itemIndex,
					description:
						'The provider does not know these IDs for this API key. Check the IDs, and that the key belongs to the account that submitted them, or set On Missing Task to Output a NOT_FOUND Item.',
				}),
			);
		}
		if (late.length > 0 && settings.wait?.onTimeout === 'error') {
			late.forEach((id) => withheld.add(id));
			itemProblems.push(
				new NodeOperationError(this.getNode(), unfinishedText(late, collected.waitedMs), {
					itemIndex,
					description:
						'The tasks were not resubmitted and may still finish: fetch them again later, from a Wait node loop or a schedule, or raise Max Wait.',
				}),
			);
		}
		// Without On Error → Continue the first problem stops the run, before any file is downloaded.
		if (itemProblems.length > 0 && !this.continueOnFail()) throw itemProblems[0];
		itemProblems.forEach((error) => problems.push({ itemIndex, error }));
		for (const id of fetched) {
			if (withheld.has(id)) continue;
			const task = collected.tasks.get(id)!;
			if (task.taskStatus === 'NOT_FOUND') missingIds.add(id);
			for (const { json, clip } of taskItems(task, request.simplify)) entries.push({ itemIndex, json, clip, task });
		}
	}

	// 4. Files, if asked for; a failed download fails its own item only.
	if (download.kinds.length > 0) await attachFiles.call(this, entries, settings, download);
	for (const entry of entries) {
		if (entry.error !== undefined) fail(entry.itemIndex, entry.error);
		else {
			const item: INodeExecutionData = { json: entry.json, pairedItem: { item: entry.itemIndex } };
			if (entry.binary) item.binary = entry.binary;
			output[entry.itemIndex].push(item);
		}
	}
	for (const { itemIndex, error } of problems) output[itemIndex].push(errorItem(itemIndex, error));

	if (missingIds.size > 0) {
		this.addExecutionHints({ message: notFoundText([...missingIds]), location: 'outputPane' });
	}
	if (unfinished.size > 0 && settings.wait?.onTimeout === 'emit') {
		this.addExecutionHints({
			message: `${unfinishedText([...unfinished], collected.waitedMs)}. They were not resubmitted.`,
			location: 'outputPane',
		});
	}
	return [output.flat()];
}
