/**
 * What a run of either node shares: its settings and client (a problem there fails every item),
 * one output list per input item (so error items keep their place), and the delivery of tasks as
 * items: collected together, each item's own in its order, with their files, errors per id.
 */
import { NodeOperationError, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import { createClient, type SunoClient } from '../client';
import { WaitCancelledError } from '../helpers/pause';
import { notOfferedMessage, type ExtraOperation } from '../model/extras';
import {
	parameterFailure,
	readRunSettings,
	type FieldSet,
	type OutputOptions,
	type RunSettings,
} from '../settings/read';
import { attachFiles, type OutputEntry } from './attach';
import { isFinished } from '../model/task';
import { collectTasks, type Collected, type FetchRound, type ItemRequest } from './collect';
import { errorItem, forErrorOutput, outcomeOf } from './emit';
import { messages } from './messages';

export interface Run {
	settings: RunSettings;
	client: SunoClient;
	/** Per input item, in input order. */
	output: INodeExecutionData[][];
	/** An item's error: thrown, or with On Error → Continue its error item. */
	fail(itemIndex: number, error: unknown): void;
	/** The error items among `output`. */
	errorItems: Set<INodeExecutionData>;
}

/** The run, or (On Error → Continue) the error items when its settings or credential are bad. */
export async function startRun(
	context: IExecuteFunctions,
	fields: FieldSet,
): Promise<{ run: Run } | { output: INodeExecutionData[][] }> {
	const items = context.getInputData();
	const output: INodeExecutionData[][] = items.map(() => []);
	try {
		const settings = readRunSettings.call(context, fields);
		const client = await createClient(context, settings.fetch.policy);
		const errorItems = new Set<INodeExecutionData>();
		const fail = (itemIndex: number, error: unknown) => {
			if (!context.continueOnFail()) throw error;
			const item = errorItem(itemIndex, error);
			errorItems.add(item);
			output[itemIndex].push(item);
		};
		return { run: { settings, client, output, fail, errorItems } };
	} catch (error) {
		const failure = parameterFailure(context, error, 0);
		if (!context.continueOnFail()) throw failure;
		const failed = items.map((_item, itemIndex) => errorItem(itemIndex, failure));
		return { output: [failed.map((item) => forErrorOutput(context, item))] };
	}
}

/**
 * False, with every item failed, when the gateway does not offer `operation`: nothing is sent to
 * it (a gateway that lacks an extra operation may bill a plain song instead).
 */
export function gatewayOffers(
	context: IExecuteFunctions,
	run: Run,
	operation: ExtraOperation | undefined,
): boolean {
	if (operation === undefined || run.client.offers(operation)) return true;
	const { message, description } = notOfferedMessage(operation);
	for (let itemIndex = 0; itemIndex < run.output.length; itemIndex++)
		run.fail(
			itemIndex,
			new NodeOperationError(context.getNode(), message, { description, itemIndex }),
		);
	return false;
}

/** The run's items as n8n takes them. */
export function finish(context: IExecuteFunctions, run: Run): INodeExecutionData[][] {
	return [
		run.output
			.flat()
			.map((item) => (run.errorItems.has(item) ? forErrorOutput(context, item) : item)),
	];
}

/**
 * A tool's word on a task: when to fetch it if unfinished or not listed (yet), and that files are
 * not downloaded.
 */
function toolNoteFor(collected: Collected, run: Run, paid: boolean) {
	return (id: string) => {
		const task = collected.tasks.get(id);
		const running = collected.unfinished.has(id) || (task && !isFinished(task.taskStatus));
		const unlisted = task?.taskStatus === 'NOT_FOUND';
		const later = unlisted
			? messages.toolNotListed(id)
			: running
				? messages.toolFetchLater(id, paid)
				: null;
		const files = run.settings.downloadsSkipped ? messages.toolNoFiles : null;
		return [later, files].filter(Boolean).join(' ') || null;
	};
}

/**
 * Every id the requests name, fetched together (waiting if the settings say so), then each
 * request's tasks into its item's output as items, with files, and the run's hints. Returns the
 * entries delivered as items, each with its task.
 */
export async function deliverTasks(
	context: IExecuteFunctions,
	run: Run,
	fetchRound: FetchRound,
	requests: Array<ItemRequest & OutputOptions>,
	/** The tasks were just submitted (collect.ts): the first poll comes one interval later. */
	justSubmitted = false,
): Promise<OutputEntry[]> {
	const { settings, client } = run;
	const signal = context.getExecutionCancelSignal?.();
	const collected = await collectTasks(
		client,
		fetchRound,
		requests,
		settings.fetch,
		signal,
		justSubmitted,
	).catch((error: Error) => {
		throw new NodeOperationError(
			context.getNode(),
			error instanceof WaitCancelledError ? messages.stopped : error,
		);
	});

	// Each item's outcome; without On Error → Continue the first problem stops the run before any download.
	const entries: OutputEntry[] = [];
	const problems: Array<{ itemIndex: number; error: Error }> = [];
	const missing = new Set<string>();
	const toolNote =
		settings.fetch.answerBy === null ? undefined : toolNoteFor(collected, run, justSubmitted);
	for (const request of requests) {
		const outcome = outcomeOf(context, request, collected, settings.fetch, client.mask, toolNote);
		if (outcome.problems.length > 0 && !context.continueOnFail()) throw outcome.problems[0];
		entries.push(...outcome.entries);
		outcome.problems.forEach((error) => problems.push({ itemIndex: request.itemIndex, error }));
		outcome.missing.forEach((id) => missing.add(id));
	}

	// Files, if asked for; a failed download fails its own clip's item only.
	if (settings.download.kinds.length > 0)
		await attachFiles.call(context, client, entries, settings);
	for (const entry of entries) {
		if (entry.error !== undefined) run.fail(entry.itemIndex, entry.error);
		else {
			const item: INodeExecutionData = { json: entry.json, pairedItem: { item: entry.itemIndex } };
			if (entry.binary) item.binary = entry.binary;
			run.output[entry.itemIndex].push(item);
		}
	}
	for (const { itemIndex, error } of problems) run.fail(itemIndex, error);

	// Hints name ids as asked: masked like the items, should one hold the key.
	const hint = (message: string) =>
		context.addExecutionHints({ message: client.mask(message), location: 'outputPane' });
	if (missing.size > 0) {
		hint(
			settings.fetch.wait
				? `${messages.notListed([...missing], collected.waitedMs)}.${justSubmitted ? ` ${messages.fetchLater}` : ''}`
				: messages.notFound([...missing]),
		);
	}
	const late = [...collected.unfinished].filter((id) => !missing.has(id));
	if (late.length > 0 && (settings.fetch.wait?.onTimeout === 'emit' || collected.outOfTime))
		hint(`${messages.unfinished(late, collected.waitedMs)}. ${messages.notResubmitted}`);
	return entries.filter((entry) => entry.error === undefined);
}
