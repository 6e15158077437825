/**
 * A run of either node, start to end, in one direction: its settings and client (a problem there
 * fails every item), the operation's own step (what each item asks to fetch, or its paid submits),
 * then the tasks delivered as items (collected together, each item's own in its order, with their
 * files, errors per id) and n8n's items. Failures become n8n's errors only here, at the end.
 */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createClient, credentialMask, type SunoClient } from '../client';
import { asFailure, SunoFailure } from '../failure';
import { WaitCancelledError } from '../helpers/async';
import { notOfferedMessage, type ExtraOperation } from '../model/extras';
import {
	parameterFailure,
	readRunSettings,
	runsAsTool,
	type FieldSet,
	type OutputOptions,
	type RunSettings,
} from '../settings/read';
import { attachFiles } from './attach';
import { collectTasks, type FetchRound, type ItemRequest } from './collect';
import { outcomeOf, runHints, toolNoteFor } from './emit';
import { messages } from './messages';
import { errorItem, forErrorOutput, toNodeError } from './n8nErrors';

export interface Run {
	settings: RunSettings;
	client: SunoClient;
	/** Per input item, in input order. */
	output: INodeExecutionData[][];
	/** An item's failure: thrown, or with On Error → Continue its error item. */
	fail(itemIndex: number, error: unknown): void;
	/** The error items among `output`. */
	errorItems: Set<INodeExecutionData>;
}

/** What an operation's own step leaves to deliver: tasks to fetch. */
export interface Prepared {
	requests: Array<ItemRequest & OutputOptions>;
	fetchRound: FetchRound;
	/** The tasks were just submitted (paid): the first poll comes one interval later. */
	justSubmitted?: boolean;
	/** What this run paid for, said on any failure that stops it from here on. */
	made?: string;
}

export interface Operation {
	/** An operation some gateways lack: sent only to a gateway that offers it (model/extras.ts). */
	extra?: ExtraOperation;
	/** Reads each item and does the operation's own work; null when its items are all out. */
	prepare(context: IExecuteFunctions, run: Run, fields: FieldSet): Promise<Prepared | null>;
}

/** The node's items for `operation`, or the n8n error that stops the run. */
export async function runOperation(
	context: IExecuteFunctions,
	fields: FieldSet,
	operation: Operation,
): Promise<INodeExecutionData[][]> {
	try {
		const run = await startRun(context, fields);
		if (!('settings' in run)) return run;
		if (operation.extra === undefined || run.client.offers(operation.extra)) {
			const prepared = await operation.prepare(context, run, fields);
			if (prepared) await deliver(context, run, prepared);
		} else {
			const { message, description } = notOfferedMessage(operation.extra);
			const failure = new SunoFailure(message, { code: 'NOT_OFFERED', description });
			for (let itemIndex = 0; itemIndex < run.output.length; itemIndex++)
				run.fail(itemIndex, failure.with({ itemIndex }));
		}
		const items = run.output.flat();
		return [items.map((item) => (run.errorItems.has(item) ? forErrorOutput(context, item) : item))];
	} catch (error) {
		throw toNodeError(context, error, runsAsTool(context));
	}
}

/** The run, or (On Error → Continue) the error items when its settings or credential are bad. */
async function startRun(
	context: IExecuteFunctions,
	fields: FieldSet,
): Promise<Run | INodeExecutionData[][]> {
	const items = context.getInputData();
	const output: INodeExecutionData[][] = items.map(() => []);
	let settings: RunSettings;
	let client: SunoClient;
	try {
		settings = readRunSettings.call(context, fields);
		client = await createClient(context, settings.fetch.policy);
	} catch (error) {
		const unmasked = parameterFailure(error, 0);
		const mask = await credentialMask(context);
		const failure = unmasked instanceof SunoFailure ? unmasked.maskedBy(mask) : unmasked;
		if (!context.continueOnFail()) throw failure;
		const failed = items.map((_item, itemIndex) => errorItem(itemIndex, failure));
		return [failed.map((item) => forErrorOutput(context, item))];
	}
	const errorItems = new Set<INodeExecutionData>();
	const fail = (itemIndex: number, error: unknown) => {
		// The provider's words are masked where they are read; an item's own values only here.
		const failure = error instanceof SunoFailure ? error.maskedBy(client.mask) : error;
		if (!context.continueOnFail()) throw failure;
		const item = errorItem(itemIndex, failure);
		errorItems.add(item);
		output[itemIndex].push(item);
	};
	return { settings, client, output, fail, errorItems };
}

/**
 * Every id the requests name, fetched together (waiting if the settings say so), then each
 * request's tasks into its item's output as items, with files, and the run's hints.
 */
async function deliver(context: IExecuteFunctions, run: Run, prepared: Prepared): Promise<void> {
	const { settings, client } = run;
	const { requests, justSubmitted = false } = prepared;
	try {
		const signal = context.getExecutionCancelSignal?.();
		const collected = await collectTasks(
			client,
			prepared.fetchRound,
			requests,
			settings.fetch,
			signal,
			justSubmitted,
		).catch((error: unknown) => {
			if (!(error instanceof WaitCancelledError)) throw error;
			throw new SunoFailure(messages.stopped, { code: 'STOPPED' });
		});

		// Each item's outcome; without On Error → Continue the first problem stops the run before any download.
		const toolNote =
			settings.fetch.answerBy === null
				? undefined
				: toolNoteFor(collected, settings, justSubmitted);
		const downloads = settings.download.kinds.length > 0;
		const outcomes = requests.map((request) =>
			outcomeOf(request, collected, settings.fetch, client.mask, toolNote, downloads),
		);
		const first = outcomes.find((outcome) => outcome.problems.length > 0);
		if (first && !context.continueOnFail()) throw first.problems[0];
		const entries = outcomes.flatMap((outcome) => outcome.entries);

		// Files, if asked for; a failed download fails its own clip's item only.
		if (downloads) await attachFiles.call(context, client, entries, settings);
		for (const entry of entries) {
			if (entry.error !== undefined) run.fail(entry.itemIndex, entry.error);
			else {
				const item: INodeExecutionData = {
					json: entry.json,
					pairedItem: { item: entry.itemIndex },
				};
				if (entry.binary) item.binary = entry.binary;
				run.output[entry.itemIndex].push(item);
			}
		}
		outcomes.forEach((outcome, index) => {
			for (const problem of outcome.problems) run.fail(requests[index].itemIndex, problem);
		});
		const delivered = entries.filter((entry) => entry.error === undefined);
		const missing = new Set(outcomes.flatMap((outcome) => outcome.missing));
		for (const message of runHints(collected, settings.fetch, missing, delivered, justSubmitted))
			context.addExecutionHints({ message: client.mask(message), location: 'outputPane' });
	} catch (error) {
		// Paid for already: whatever stops the run, its error keeps what this run made.
		throw prepared.made ? asFailure(error).noting(prepared.made) : error;
	}
}
