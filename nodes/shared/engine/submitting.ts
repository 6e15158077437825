/**
 * The paid submits of a run: one per item, a few at a time, each sent once (the same clip's file
 * asked for by several items is asked for once). Without On Error → Continue the first failure
 * stops the submits not yet sent, and its error names what was already made, so none is lost.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { asFailure, SunoFailure } from '../failure';
import { settleEach } from '../helpers/async';
import type { ExtraOperation } from '../model/extras';
import type { OutputOptions } from '../settings/read';
import type { Submitted } from '../transport/submit';
import type { Submission } from './generate';
import { messages } from './messages';
import type { Run } from './run';

export interface Ask {
	itemIndex: number;
	submission: Submission;
	output: OutputOptions;
}

export type Answered = Ask & { task: Submitted };

const taskMayExist = (error: unknown) =>
	error instanceof SunoFailure && error.taskMayExist === true;

/** What a paid answer made, as a user finds it again: a task ID, a persona, a file's URL. */
function madeBy({ taskId, result }: Submitted): string {
	if (taskId !== null) return taskId;
	if (result?.personaId !== undefined) return `persona ${String(result.personaId)}`;
	const where = result?.fileUrl ? ` at ${String(result.fileUrl)}` : ' (in the answer, now lost)';
	return `the ${String(result?.fileType).toUpperCase()} of clip ${String(result?.clipId)}${where}`;
}

export const submittedNote = (submitted: Array<{ itemIndex: number; task: Submitted }>) =>
	submitted.length > 0
		? messages.submitted(submitted.map(({ itemIndex, task }) => [itemIndex, madeBy(task)]))
		: undefined;

/**
 * One submit per ask, `concurrency` at a time: the asks answered. A failed one fails its item with
 * On Error → Continue; without it, the first failure is thrown, naming what else failed, what was
 * created and what was never sent. A Stop throws the same notes.
 */
async function submitAll(
	context: IExecuteFunctions,
	run: Run,
	asks: Ask[],
	extra: ExtraOperation | undefined,
): Promise<Answered[]> {
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
	const submitted: Answered[] = [];
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
		throw asFailure(error).noting(also, created, skipped).with({ itemIndex: ask.itemIndex });
	}
	for (const { ask, error } of failed) run.fail(ask.itemIndex, error);
	if (signal?.aborted) {
		const description = [created, skipped].filter(Boolean).join(' ');
		throw new SunoFailure(messages.stoppedSubmitting, {
			code: 'STOPPED',
			description,
			itemIndex: 0,
		});
	}
	return submitted;
}

/**
 * One paid call per ask, except that the same clip's file asked for by several items is asked
 * for once (a conversion is paid): those items share its answer, or fail with it.
 */
export async function submitOnceEach(
	context: IExecuteFunctions,
	run: Run,
	asks: Ask[],
	extra: ExtraOperation | undefined,
): Promise<Answered[]> {
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
		else {
			const failure = new SunoFailure(messages.sameFileFailed(of.itemIndex), {
				code: 'REFUSED',
				itemIndex: ask.itemIndex,
			});
			run.fail(ask.itemIndex, failure);
		}
	}
	return answered;
}
