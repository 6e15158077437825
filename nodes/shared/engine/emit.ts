/**
 * Collected tasks to what each input item gets: its tasks in the order it asked, one entry per
 * clip, and per id an error instead where the id's request failed, the id is unknown (On Missing
 * Task = Fail) or unfinished (On Timeout = Fail). One failed request costs only its own ids.
 */
import {
	NodeApiError,
	NodeOperationError,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';

import { taskItems } from '../model/items';
import type { OutputOptions, FetchSettings } from '../settings/read';
import type { Collected, ItemRequest } from './collect';
import type { OutputEntry } from './attach';
import { messages } from './messages';

interface ItemOutcome {
	entries: OutputEntry[];
	/** Errors for this item, each naming its ids. */
	problems: Error[];
	/** Its ids that are NOT_FOUND items (for the run's hint). */
	missing: string[];
}

/** `error` with another description, for one item, keeping its kind (API or operation error). */
export function withDescription(
	context: IExecuteFunctions,
	error: unknown,
	description: string,
	itemIndex: number,
): Error {
	const failure = error as Error & { httpCode?: string };
	if (error instanceof NodeApiError) {
		return new NodeApiError(context.getNode(), { message: failure.message } as JsonObject, {
			message: failure.message,
			description,
			httpCode: failure.httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(context.getNode(), failure.message, { description, itemIndex });
}

/** The error's own description as a sentence, then `notes`. */
export function describedWith(error: unknown, ...notes: Array<string | undefined>): string {
	const said = (error as { description?: string }).description?.trim();
	const sentence = said && !/[.!?]$/.test(said) ? `${said}.` : said;
	return [sentence, ...notes].filter(Boolean).join(' ');
}

/** The error a request met, rebuilt for one item: naming the ids it lost and those that arrived. */
function namingIds(
	context: IExecuteFunctions,
	error: unknown,
	ids: string[],
	fetched: string[],
	itemIndex: number,
): Error {
	const arrived = fetched.length > 0 ? messages.fetched(fetched) : undefined;
	const description = describedWith(error, messages.notFetched(ids), arrived);
	return withDescription(context, error, description, itemIndex);
}

export function outcomeOf(
	context: IExecuteFunctions,
	request: ItemRequest & OutputOptions,
	collected: Collected,
	settings: FetchSettings,
	/** Masks the API key in what the provider sent (client.ts). */
	mask: (text: string) => string,
	/** As a tool: what its caller is told about an asked id's task, on the task's first item. */
	toolNote?: (id: string) => string | null,
): ItemOutcome {
	const { itemIndex } = request;
	const failedBy = new Map<unknown, string[]>();
	for (const id of request.ids) {
		if (!collected.errors.has(id)) continue;
		const error = collected.errors.get(id);
		const ids = failedBy.get(error);
		if (ids) ids.push(id);
		else failedBy.set(error, [id]);
	}
	const fetched = request.ids.filter((id) => !collected.errors.has(id));
	const problems: Error[] = [];
	for (const [error, ids] of failedBy)
		problems.push(namingIds(context, error, ids, fetched, itemIndex));

	const late = fetched.filter((id) => collected.unfinished.has(id));
	// A tool's time running out is not Max Wait: the caller gets the tasks as they are.
	const lateFails = late.length > 0 && settings.wait?.onTimeout === 'error' && !collected.outOfTime;
	// A task just submitted and never listed is unfinished (collect.ts): one error for it, that one.
	const missing = fetched.filter(
		(id) =>
			collected.tasks.get(id)!.taskStatus === 'NOT_FOUND' && !(lateFails && late.includes(id)),
	);
	const withheld = new Set<string>();
	if (missing.length > 0 && request.onMissing === 'error') {
		missing.forEach((id) => withheld.add(id));
		const message = settings.wait
			? messages.notListed(missing, collected.waitedMs)
			: messages.notFound(missing);
		problems.push(
			new NodeOperationError(context.getNode(), mask(message), {
				itemIndex,
				description: messages.notFoundHelp,
			}),
		);
	}
	if (lateFails) {
		late.forEach((id) => withheld.add(id));
		problems.push(
			new NodeOperationError(
				context.getNode(),
				mask(messages.unfinished(late, collected.waitedMs)),
				{
					itemIndex,
					description: messages.unfinishedHelp,
				},
			),
		);
	}

	const entries: OutputEntry[] = [];
	for (const id of fetched) {
		if (withheld.has(id)) continue;
		const task = collected.tasks.get(id)!;
		const shape = toolNote ? 'compact' : request.simplify ? 'simple' : 'raw';
		const extras = { annotate: request.annotate, note: toolNote?.(id), mask };
		for (const { json, clip } of taskItems(task, shape, extras))
			entries.push({ itemIndex, json, clip, task });
	}
	return { entries, problems, missing: missing.filter((id) => !withheld.has(id)) };
}

/** An error as the item n8n shows with On Error → Continue, paired to its input item. */
export function errorItem(itemIndex: number, error: unknown): INodeExecutionData {
	const json: INodeExecutionData['json'] = { error: (error as Error).message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') json.errorDescription = description;
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
