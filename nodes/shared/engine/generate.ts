/**
 * A submitting operation's own step: every item's submission checked first (a typo costs
 * nothing), one paid submit per item, a few at a time, each sent once; then either one item per
 * submitted task (its ID, to fetch later) or, with Wait for Completion, the tasks for the run to
 * wait for together and deliver exactly as Suno Fetch delivers them (run.ts).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { asFailure } from '../failure';
import { settleEach } from '../helpers/async';
import type { ExtraOperation } from '../model/extras';
import { withModelCheck } from '../model/made';
import type { Annotate } from '../model/task';
import { withBodyFields, type PaidCall } from '../model/submit';
import { masked } from '../model/mask';
import { fieldReader, parameterFailure, readOutputOptions, type FieldSet } from '../settings/read';
import { batchRound } from './collect';
import { directItem } from './direct';
import { submitOnceEach, submittedNote, type Answered, type Ask } from './submitting';
import { messages } from './messages';
import type { Operation, Prepared, Run } from './run';

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

/** What the request asked, for the item of a task not waited for. */
const requestOf = (call: PaidCall): IDataObject =>
	'body' in call ? call.body : { clipId: call.clipId };

/** What each item of the finished task gets: the operation's own fields, and the model check. */
function annotationOf({ annotate, requestedModel, call }: Submission): Annotate | undefined {
	if (requestedModel === undefined) return annotate;
	// sunoapi.org-style gateways take the model as `model` (Extra Body Fields).
	const model = 'body' in call ? call.body.model : undefined;
	return withModelCheck(requestedModel, typeof model === 'string' ? [model] : [], annotate);
}

/** A submitting operation as the run's operation. */
export function generateOperation(operation: GenerateOperation): Operation {
	return {
		extra: operation.extra,
		prepare: async (context, run, fields) => {
			const asks = readAsks(context, run, fields, operation);
			const answered = await submitOnceEach(context, run, asks, operation.extra);
			await deliverDirect(context, run, answered);
			return idItemsOrWait(run, answered);
		},
	};
}

/** Every item checked before anything is paid for; a bad one fails that item only. */
function readAsks(
	context: IExecuteFunctions,
	run: Run,
	fields: FieldSet,
	operation: GenerateOperation,
): Ask[] {
	const asks: Ask[] = [];
	for (let itemIndex = 0; itemIndex < run.output.length; itemIndex++) {
		try {
			const submission = operation.readSubmission.call(context, itemIndex);
			const extra = fieldReader(context, fields, itemIndex)<IDataObject>('additionalBodyFields');
			asks.push({
				itemIndex,
				submission: { ...submission, call: withBodyFields(submission.call, extra) },
				output: readOutputOptions.call(context, fields, itemIndex),
			});
		} catch (error) {
			run.fail(itemIndex, parameterFailure(error, itemIndex));
		}
	}
	return asks;
}

/**
 * Answered with the result itself (a persona, a file): done, nothing to wait for. Their files
 * are downloaded a few at a time, as clips' are.
 */
async function deliverDirect(context: IExecuteFunctions, run: Run, answered: Answered[]) {
	const direct = answered.filter(({ task }) => task.taskId === null);
	const items = await settleEach(direct, run.settings.fetch.concurrency, ({ itemIndex, task }) =>
		directItem(context, run, itemIndex, task),
	);
	items.forEach((outcome, index) => {
		const { itemIndex } = direct[index];
		if (outcome.ok) {
			run.output[itemIndex].push(outcome.value);
			return;
		}
		// Stopping the run here: its error keeps what the other items already paid for.
		const made = context.continueOnFail() ? undefined : submittedNote(answered);
		run.fail(itemIndex, asFailure(outcome.error).noting(made).with({ itemIndex }));
	});
}

/** The submitted tasks for the run to wait for, or without a wait one item per task: its ID. */
function idItemsOrWait(run: Run, answered: Answered[]): Prepared | null {
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
			else json.request = masked(requestOf(submission.call), run.client.mask);
			if (task.providerMessage) json.providerMessage = task.providerMessage;
			run.output[itemIndex].push({ json, pairedItem: { item: itemIndex } });
		}
		return null;
	}
	const requests = submitted.map(({ itemIndex, task, output, submission }) => ({
		itemIndex,
		ids: [task.taskId!],
		action: '',
		annotate: annotationOf(submission),
		...output,
	}));
	return { requests, fetchRound: batchRound, justSubmitted: true, made: submittedNote(answered) };
}
