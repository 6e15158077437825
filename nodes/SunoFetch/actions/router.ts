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

import { WaitCancelledError } from '../helpers/pause';
import { taskItems } from '../model/items';
import { collectTasks, type Collected, type FetchRound, type ItemRequest } from './collect';
import { attachFiles, readDownloadSettings, type OutputEntry } from './download';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import { TaskIdError } from './ids';
import { readFetchSettings, readOutputOptions, type OutputOptions } from './options';

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

function minutes(ms: number): string {
	return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`;
}

const notFoundText = (ids: readonly string[]) =>
	`${countOf(ids, 'task id was', 'task ids were')} not found: ${listIds(ids)}`;

const unfinishedText = (ids: readonly string[], waitedMs: number) =>
	`${countOf(ids, 'task was', 'tasks were')} still unfinished after ${minutes(waitedMs)}: ${listIds(ids)}`;

/** The error a request met, for one item, saying which of its task ids it could not fetch. */
function namingIds(this: IExecuteFunctions, error: unknown, ids: readonly string[], itemIndex: number): Error {
	const failure = error as Error & { description?: string; httpCode?: string };
	const said = failure.description?.trim();
	const sentence = said && !/[.!?]$/.test(said) ? `${said}.` : said;
	const description = [sentence, `Not fetched: ${listIds(ids)}.`].filter(Boolean).join(' ');
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
	const settings = readFetchSettings.call(this);
	// Output per input item, so error items keep their place among the others.
	const output: INodeExecutionData[][] = items.map(() => []);

	const fail = (itemIndex: number, error: unknown) => {
		if (!this.continueOnFail()) throw error;
		const json: IDataObject = { error: (error as Error).message };
		const description = (error as { description?: unknown }).description;
		if (typeof description === 'string' && description !== '') json.errorDescription = description;
		output[itemIndex].push({ json, pairedItem: { item: itemIndex } });
	};

	// 1. What each item asks for; a bad parameter fails that item only.
	const requests = new Map<number, ItemRequest & OutputOptions>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			requests.set(itemIndex, {
				...operation.readRequest.call(this, itemIndex),
				...readOutputOptions.call(this, itemIndex),
			});
		} catch (error) {
			fail(itemIndex, error instanceof TaskIdError ? new NodeOperationError(this.getNode(), error.message, { itemIndex }) : error);
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

	// 3. Each item's tasks, in its order.
	const entries: OutputEntry[] = [];
	const missingIds = new Set<string>();
	const unfinished = new Set(collected.unfinished);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const request = requests.get(itemIndex);
		if (!request) continue;
		const failedIds = request.ids.filter((id) => collected.errors.has(id));
		if (failedIds.length > 0) {
			fail(itemIndex, namingIds.call(this, collected.errors.get(failedIds[0]), failedIds, itemIndex));
			continue;
		}
		const tasks = request.ids.map((id) => collected.tasks.get(id)!);
		const missing = tasks.filter((task) => task.taskStatus === 'NOT_FOUND').map((task) => task.taskId);
		const late = request.ids.filter((id) => unfinished.has(id));
		if (missing.length > 0 && request.onMissing === 'error') {
			fail(
				itemIndex,
				new NodeOperationError(this.getNode(), notFoundText(missing), {
					itemIndex,
					description:
						'The provider does not know these IDs for this API key. Check the IDs, and that the key belongs to the account that submitted them, or set On Missing Task to Output a NOT_FOUND Item.',
				}),
			);
			continue;
		}
		if (late.length > 0 && settings.wait?.onTimeout === 'error') {
			fail(
				itemIndex,
				new NodeOperationError(this.getNode(), unfinishedText(late, settings.wait.maxWaitMs), {
					itemIndex,
					description:
						'The tasks were not resubmitted and may still finish: fetch them again later, from a Wait node loop or a schedule, or raise Max Wait.',
				}),
			);
			continue;
		}
		missing.forEach((id) => missingIds.add(id));
		for (const task of tasks) {
			for (const { json, clip } of taskItems(task, request.simplify)) entries.push({ itemIndex, json, clip });
		}
	}

	// 4. Files, if asked for; a failed download fails its own item only.
	const download = readDownloadSettings.call(this);
	if (download.kinds.length > 0) await attachFiles.call(this, entries, settings, download);
	for (const entry of entries) {
		if (entry.error !== undefined) fail(entry.itemIndex, entry.error);
		else {
			const item: INodeExecutionData = { json: entry.json, pairedItem: { item: entry.itemIndex } };
			if (entry.binary) item.binary = entry.binary;
			output[entry.itemIndex].push(item);
		}
	}

	if (missingIds.size > 0) {
		this.addExecutionHints({ message: notFoundText([...missingIds]), location: 'outputPane' });
	}
	if (unfinished.size > 0 && settings.wait?.onTimeout === 'emit') {
		this.addExecutionHints({
			message: `${unfinishedText([...unfinished], settings.wait.maxWaitMs)}. They were not resubmitted.`,
			location: 'outputPane',
		});
	}
	return [output.flat()];
}
