/**
 * A submitting operation, start to end: every item's submission checked first (a typo costs
 * nothing), one paid submit per item, a few at a time, each sent once; then either one item per
 * submitted task (its ID, to fetch later) or — Wait for Completion — all the tasks waited for
 * together and delivered exactly as Suno Fetch delivers them.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
} from 'n8n-workflow';

import type { PaidCall } from '../client';
import { settleEach } from '../helpers/pool';
import type { ExtraOperation } from '../model/extras';
import { withModelCheck, type Annotate } from '../model/made';
import {
	fieldReader,
	parameterFailure,
	readOutputOptions,
	type FieldSet,
	type OutputOptions,
} from '../settings/read';
import { ParameterError } from '../settings/parameters';
import { SubmitError, type Submitted } from '../transport/submit';
import type { OutputEntry } from './attach';
import { directItem } from './direct';
import { describedWith, withDescription } from './emit';
import { messages } from './messages';
import { batchRound } from './rounds';
import { deliverTasks, finish, gatewayOffers, startRun, type Run } from './run';

/** What one input item asks to create. */
export interface Submission {
	call: PaidCall;
	/** The task's kind, as Suno Fetch's Action names it. */
	action: 'MUSIC' | 'LYRICS';
	/** Fields for each item of the finished task: what it is (a stem's name), or that it is not what was asked. */
	annotate?: Annotate;
	/** The Model Version chosen (sent as mv): items show it, and say when another model made the clip. */
	requestedModel?: string;
}

export interface GenerateOperation {
	/** The item's submission, checked; a ParameterError names the field. */
	readSubmission(this: IExecuteFunctions, itemIndex: number): Submission;
	/** An operation some gateways lack: sent only to a gateway that offers it. */
	extra?: ExtraOperation;
}

interface Ask {
	itemIndex: number;
	submission: Submission;
	output: OutputOptions;
}

const UNSENDABLE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The operation's body plus Additional Body Fields, which may add fields but not replace one. */
function withAdditionalFields(
	context: IExecuteFunctions,
	fields: FieldSet,
	itemIndex: number,
	submission: Submission,
): Submission {
	const extra = fieldReader(context, fields, itemIndex)<IDataObject>('additionalBodyFields');
	if (!('body' in submission.call)) {
		if (Object.keys(extra).length === 0) return submission;
		throw new ParameterError(
			'Additional Body Fields (JSON) cannot be sent: this operation is a GET and has no body. Empty it.',
		);
	}
	const { body } = submission.call;
	// n8n's request copies the body without these keys: the request would not be what was asked.
	const dropped = Object.keys(extra).find((key) => UNSENDABLE_KEYS.has(key));
	if (dropped !== undefined) {
		throw new ParameterError(
			`Additional Body Fields (JSON) holds the key "${dropped}", which cannot be sent: rename or remove it.`,
		);
	}
	// Gateways decode JSON as Go does, matching keys without regard to case: "MV" would replace mv.
	const sent = new Set(Object.keys(body).map((key) => key.toLowerCase()));
	const clash = Object.keys(extra).find((key) => sent.has(key.toLowerCase()));
	if (clash !== undefined) {
		throw new ParameterError(
			`Additional Body Fields (JSON) sets "${clash}", which the node already sends from its own fields: set it there (an expression can give any value).`,
		);
	}
	return { ...submission, call: { ...submission.call, body: { ...body, ...extra } } };
}

/** What the request asked, for the item of a task not waited for. */
const requestOf = (call: PaidCall): IDataObject =>
	'body' in call ? call.body : { clipId: call.clipId };

/** What each item of the finished task gets: the operation's own fields, and the model check. */
function annotationOf({ annotate, requestedModel, call }: Submission): Annotate | undefined {
	if (requestedModel === undefined) return annotate;
	// sunoapi.org-style gateways take the model as `model` (Additional Body Fields).
	const model = 'body' in call ? call.body.model : undefined;
	return withModelCheck(requestedModel, typeof model === 'string' ? [model] : [], annotate);
}

const taskMayExist = (error: Error) => error instanceof SubmitError && error.taskMayExist;

/** What a paid answer made, as a user finds it again: a task ID, a persona, a file's URL. */
function madeBy({ taskId, result }: Submitted): string {
	if (taskId !== null) return taskId;
	if (result?.personaId !== undefined) return `persona ${String(result.personaId)}`;
	const where = result?.fileUrl ? ` at ${String(result.fileUrl)}` : ' (in the answer, now lost)';
	return `the ${String(result?.fileType).toUpperCase()} of clip ${String(result?.clipId)}${where}`;
}

const submittedNote = (submitted: Array<{ itemIndex: number; task: Submitted }>) =>
	submitted.length > 0
		? messages.submitted(submitted.map(({ itemIndex, task }) => [itemIndex, madeBy(task)]))
		: undefined;

/**
 * One submit per ask, `concurrency` at a time. Without On Error → Continue, the first failure stops
 * the submits not yet sent, and its error names the tasks already created, so none is lost.
 */
async function submitAll(
	context: IExecuteFunctions,
	run: Run,
	asks: Ask[],
	extra: ExtraOperation | undefined,
): Promise<Array<Ask & { task: Submitted }>> {
	const signal = context.getExecutionCancelSignal?.();
	let stopped = false;
	const settled = await settleEach(asks, run.settings.fetch.concurrency, async (ask) => {
		if (stopped || signal?.aborted) return null;
		return await run.client.submit(ask.submission.call, ask.itemIndex, extra).then(
			(task) => {
				// Paid for: n8n's log keeps the ID even when a Stop discards the node's output and errors.
				const what = task.taskId !== null ? `task ${task.taskId}` : madeBy(task);
				context.logger.info(messages.submittedLog(what, ask.itemIndex), { taskId: task.taskId });
				return task;
			},
			(error: Error) => {
				if (!context.continueOnFail()) stopped = true;
				return error;
			},
		);
	});
	// Each ask's task, its error, or null when it was never sent.
	const outcomes = settled.map((outcome) =>
		outcome.ok ? outcome.value : (outcome.error as Error),
	);
	const submitted: Array<Ask & { task: Submitted }> = [];
	const failed: Array<{ ask: Ask; error: Error }> = [];
	const notSent: Ask[] = [];
	outcomes.forEach((outcome, index) => {
		if (outcome === null) notSent.push(asks[index]);
		else if (outcome instanceof Error) failed.push({ ask: asks[index], error: outcome });
		else submitted.push({ ...asks[index], task: outcome });
	});
	const created = submittedNote(submitted);
	const skipped =
		notSent.length > 0 ? messages.notSubmitted(notSent.map((ask) => ask.itemIndex)) : undefined;
	if (failed.length > 0 && !context.continueOnFail()) {
		// The first failure stops the run; the others (submits in flight at the time) are named too.
		const [{ ask, error }, ...others] = failed;
		const also =
			others.length > 0
				? messages.alsoFailed(
						others.map((other) => [other.ask.itemIndex, taskMayExist(other.error)]),
					)
				: undefined;
		const description = describedWith(error, also, created, skipped);
		throw withDescription(context, error, description, ask.itemIndex);
	}
	for (const { ask, error } of failed) run.fail(ask.itemIndex, error);
	if (signal?.aborted) {
		const description = [created, skipped].filter(Boolean).join(' ');
		throw withDescription(context, new Error(messages.stoppedSubmitting), description, 0);
	}
	return submitted;
}

/**
 * One paid call per ask, except that the same clip's file asked for by several items is asked
 * for once (a conversion is paid): those items share its answer, or fail with it.
 */
async function submitOnceEach(
	context: IExecuteFunctions,
	run: Run,
	asks: Ask[],
	extra: ExtraOperation | undefined,
): Promise<Array<Ask & { task: Submitted }>> {
	const first = new Map<string, Ask>();
	const repeats: Array<{ ask: Ask; of: Ask }> = [];
	const unique = asks.filter((ask) => {
		const { call } = ask.submission;
		if (!('clipId' in call)) return true;
		const key = `${call.route} ${call.clipId}`;
		const earlier = first.get(key);
		if (earlier) repeats.push({ ask, of: earlier });
		else first.set(key, ask);
		return earlier === undefined;
	});
	const answered = await submitAll(context, run, unique, extra);
	for (const { ask, of } of repeats) {
		const shared = answered.find((answer) => answer.itemIndex === of.itemIndex);
		if (shared) answered.push({ ...ask, task: shared.task });
		else
			run.fail(
				ask.itemIndex,
				new NodeOperationError(context.getNode(), messages.sameFileFailed(of.itemIndex), {
					itemIndex: ask.itemIndex,
				}),
			);
	}
	return answered;
}

export async function generateTasks(
	this: IExecuteFunctions,
	operation: GenerateOperation,
	fields: FieldSet,
): Promise<INodeExecutionData[][]> {
	const started = await startRun(this, fields);
	if ('output' in started) return started.output;
	const { run } = started;

	const { extra } = operation;
	if (!gatewayOffers(this, run, extra)) return finish(this, run);

	// Every item checked before anything is paid for; a bad one fails that item only.
	const asks: Ask[] = [];
	for (let itemIndex = 0; itemIndex < run.output.length; itemIndex++) {
		try {
			const submission = operation.readSubmission.call(this, itemIndex);
			asks.push({
				itemIndex,
				submission: withAdditionalFields(this, fields, itemIndex, submission),
				output: readOutputOptions.call(this, fields, itemIndex),
			});
		} catch (error) {
			run.fail(itemIndex, parameterFailure(this, error, itemIndex));
		}
	}

	const answered = await submitOnceEach(this, run, asks, extra);

	// Answered with the result itself (a persona, a file): done, nothing to wait for. Their files
	// are downloaded a few at a time, as clips' are.
	const direct = answered.filter(({ task }) => task.taskId === null);
	const items = await settleEach(direct, run.settings.fetch.concurrency, ({ itemIndex, task }) =>
		directItem(this, run, itemIndex, task),
	);
	items.forEach((outcome, index) => {
		const { itemIndex } = direct[index];
		if (outcome.ok) {
			run.output[itemIndex].push(outcome.value);
			return;
		}
		// Stopping the run here: its error keeps what the other items already paid for.
		const made = this.continueOnFail() ? undefined : submittedNote(answered);
		const { error } = outcome;
		run.fail(itemIndex, withDescription(this, error, describedWith(error, made), itemIndex));
	});
	const submitted = answered.filter(({ task }) => task.taskId !== null);

	if (!run.settings.fetch.wait) {
		const asTool = run.settings.fetch.answerBy !== null;
		for (const { itemIndex, submission, task } of submitted) {
			const json: IDataObject = {
				taskId: task.taskId,
				action: submission.action,
				submittedAt: task.submittedAt,
			};
			// A tool's caller knows what it asked; it needs the way to the song instead.
			if (asTool) json.note = messages.submittedTool(task.taskId!);
			else json.request = requestOf(submission.call);
			if (task.providerMessage) json.providerMessage = task.providerMessage;
			run.output[itemIndex].push({ json, pairedItem: { item: itemIndex } });
		}
		return finish(this, run);
	}
	const requests = submitted.map(({ itemIndex, task, output, submission }) => ({
		itemIndex,
		ids: [task.taskId!],
		action: '',
		annotate: annotationOf(submission),
		...output,
	}));
	let delivered: OutputEntry[];
	try {
		delivered = await deliverTasks(this, run, batchRound, requests, true);
	} catch (error) {
		// Paid for already: whatever stops the wait, the error keeps the tasks' IDs.
		const created = submittedNote(answered);
		const itemIndex = (error as { context?: { itemIndex?: number } }).context?.itemIndex ?? 0;
		throw withDescription(this, error, describedWith(error, created), itemIndex);
	}
	// An item's error after its submit (a poll that failed, On Timeout = Fail) keeps its paid task's ID.
	for (const { itemIndex, task } of submitted) {
		for (const item of run.output[itemIndex])
			if (item.json.error !== undefined && item.json.taskId === undefined)
				item.json.taskId = task.taskId;
	}
	// Named by the task each item came from: with Simplify off an item holds no `taskId` of its own.
	const odd = delivered.filter((entry) => typeof entry.json.notAsAsked === 'string');
	if (odd.length > 0) {
		const tasks = [...new Set(odd.map((entry) => entry.task.taskId))];
		const message = messages.notAsAsked(tasks, String(odd[0].json.notAsAsked));
		this.addExecutionHints({ message, location: 'outputPane' });
	}
	return finish(this, run);
}
