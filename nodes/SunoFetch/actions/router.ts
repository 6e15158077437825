/**
 * Runs the chosen operation for every input item and turns the tasks it fetched into output items:
 * the user's order, NOT_FOUND for ids the provider left out, pairing to the input item,
 * continueOnFail, and a hint about missing ids.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import { taskItems } from '../model/items';
import { matchRequested, type Task } from '../model/task';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import { TaskIdError } from './ids';
import { readSharedOptions } from './options';

/** What an operation fetched for one input item: the ids asked for, and the tasks returned. */
export interface FetchedTasks {
	requested: string[];
	tasks: Task[];
}

const operations: Record<string, (this: IExecuteFunctions, itemIndex: number) => Promise<FetchedTasks>> = {
	get: get.execute,
	getMany: getMany.execute,
};

function describeIds(ids: readonly string[]): string {
	const shown = ids.slice(0, 10).join(', ');
	return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported.`);
	}

	const output: INodeExecutionData[] = [];
	const missingIds: string[] = [];

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { simplify, onMissing } = readSharedOptions.call(this, itemIndex);
			const fetched = await run.call(this, itemIndex);
			const tasks = matchRequested(fetched.requested, fetched.tasks);
			const missing = tasks.filter((task) => task.taskStatus === 'NOT_FOUND').map((task) => task.taskId);
			if (missing.length > 0 && onMissing === 'error') {
				throw new NodeOperationError(
					this.getNode(),
					`${missing.length} task id${missing.length > 1 ? 's were' : ' was'} not found: ${describeIds(missing)}`,
					{
						itemIndex,
						description:
							'The provider does not know these ids for this API key. Check the ids, and that the key belongs to the account that submitted them, or set On Missing Task to Output a NOT_FOUND Item.',
					},
				);
			}
			missingIds.push(...missing);
			for (const task of tasks) {
				for (const json of taskItems(task, simplify)) {
					output.push({ json, pairedItem: { item: itemIndex } });
				}
			}
		} catch (caught) {
			const error =
				caught instanceof TaskIdError
					? new NodeOperationError(this.getNode(), caught.message, { itemIndex })
					: caught;
			if (this.continueOnFail()) {
				const json: IDataObject = { error: (error as Error).message };
				const description = (error as { description?: unknown }).description;
				if (typeof description === 'string' && description !== '') json.errorDescription = description;
				output.push({ json, pairedItem: { item: itemIndex } });
				continue;
			}
			throw error;
		}
	}

	if (missingIds.length > 0) {
		this.addExecutionHints({
			message: `${missingIds.length} task id${missingIds.length > 1 ? 's were' : ' was'} not found: ${describeIds(missingIds)}`,
			location: 'outputPane',
		});
	}
	return [output];
}
