/**
 * Fetches every id all input items asked for, once each, and — with Wait for Completion — asks
 * again, for the unfinished ones only, until they finish or Max Wait (or a tool's time) runs out.
 * Also the two ways to ask for a set of ids, which the fetch operations choose between
 * (`singleRound`, `batchRound`).
 */
import type { Answer, SunoClient } from '../client';
import { chunk, pause, settleEach } from '../helpers/async';
import type { Annotate, Task, TaskStatus } from '../model/task';
import { isFinished, matchTasks, notFoundTask } from '../model/task';
import { addTo } from '../model/values';
import type { FetchSettings } from '../settings/read';
import { messages } from './messages';

/** What one input item asks for. Ids with different actions are fetched apart. */
export interface ItemRequest {
	itemIndex: number;
	ids: string[];
	action: string;
	/** Fields added to each of its items (Suno Generate's checks of what a task made). */
	annotate?: Annotate;
}

/**
 * The answer to one request for `ids`, read once the round's requests are all sent, or why it
 * failed. `single`: the request named one id in its URL (Get), so one task in the answer is that
 * id's, whatever its id.
 */
type RoundOutcome =
	| { ids: string[]; answer: Answer; single: boolean }
	| { ids: string[]; error: unknown };

/** One operation's way to ask for a set of ids once. */
export type FetchRound = (
	client: SunoClient,
	ids: string[],
	action: string,
	settings: FetchSettings,
) => Promise<RoundOutcome[]>;

export interface Collected {
	/**
	 * Every asked id's latest task; ids the provider did not return are NOT_FOUND tasks (after a
	 * wait, saying how long they were asked for).
	 */
	tasks: Map<string, Task>;
	/** Ids whose request failed, with the error. */
	errors: Map<string, unknown>;
	/**
	 * With Wait for Completion: ids still unfinished when Max Wait ran out (just submitted ones
	 * never listed too: they exist).
	 */
	unfinished: ReadonlySet<string>;
	/** How long the wait really took, from the first request to the last answer. */
	waitedMs: number;
	/** As a tool: the time to answer ended the wait (not Max Wait); `unfinished` are still on their way. */
	outOfTime: boolean;
}

// The two ways to ask the gateway for a set of ids once.

/** One `GET /suno/fetch/{id}` per id, a few at a time. */
export const singleRound: FetchRound = async (client, ids, _action, settings) => {
	const outcomes = await settleEach(
		ids,
		settings.concurrency,
		async (id) => await client.getTask(id),
	);
	return outcomes.map((outcome, index) =>
		outcome.ok
			? { ids: [ids[index]], answer: outcome.value, single: true }
			: { ids: [ids[index]], error: outcome.error },
	);
};

/** `POST /suno/fetch` in shared batches of Batch Size, a few batches at a time. */
export const batchRound: FetchRound = async (client, ids, action, settings) => {
	const batches = chunk(ids, settings.batchSize);
	const outcomes = await settleEach(
		batches,
		settings.concurrency,
		async (batch) => await client.getTasks(batch, action),
	);
	return outcomes.map((outcome, index) =>
		outcome.ok
			? { ids: batches[index], answer: outcome.value, single: false }
			: { ids: batches[index], error: outcome.error },
	);
};

/**
 * As a tool, the last round starts this long before the answer is due (at most a quarter of the
 * tool's time), so that it has time to answer.
 */
const LAST_ROUND_MS = 5000;

/** `work`'s result, or `late` if it has not settled by `by` (epoch ms); null `by` waits for it. */
async function settledBy<T>(work: Promise<T>, by: number | null): Promise<T | 'late'> {
	if (by === null) return await work;
	const timer = new AbortController();
	const late = pause(Math.max(0, by - Date.now()), timer.signal).then(
		() => 'late' as const,
		() => new Promise<never>(() => undefined), // the work settled first: this side never does
	);
	try {
		return await Promise.race([work, late]);
	} finally {
		timer.abort();
	}
}

/** A task just submitted whose first status did not arrive before the answer was due. */
function submittedTask(taskId: string): Task {
	return { ...notFoundTask(taskId), taskStatus: 'SUBMITTED', failReason: null };
}

/** What a collection knows as it goes: each id's latest task or error, and what is left to ask. */
interface Gathering {
	actionOf: Map<string, string>;
	tasks: Map<string, Task>;
	errors: Map<string, unknown>;
	pending: string[];
	started: number;
	settings: FetchSettings;
	justSubmitted: boolean;
}

export async function collectTasks(
	client: SunoClient,
	fetchRound: FetchRound,
	requests: readonly ItemRequest[],
	settings: FetchSettings,
	signal: AbortSignal | undefined,
	/** The ids were just submitted: none can be done yet, so the first round waits one interval. */
	justSubmitted = false,
): Promise<Collected> {
	const actionOf = new Map<string, string>();
	for (const request of requests) {
		for (const id of request.ids) if (!actionOf.has(id)) actionOf.set(id, request.action);
	}
	const started = Date.now();
	const pending = [...actionOf.keys()];
	const [tasks, errors] = [new Map<string, Task>(), new Map<string, unknown>()];
	const state: Gathering = { actionOf, tasks, errors, pending, started, settings, justSubmitted };
	const { wait, answerBy } = settings;
	const maxWaitEnd = started + (wait?.maxWaitMs ?? 0);
	// As a tool, the last round starts early enough to answer in time.
	const toolEnd =
		answerBy === null
			? Infinity
			: answerBy - Math.min(LAST_ROUND_MS, Math.max(0, answerBy - started) / 4);
	const deadline = Math.min(maxWaitEnd, toolEnd);
	// While waiting, no Retry-After is waited for past the deadline.
	const asker = wait ? client.until(deadline) : client;
	if (wait && justSubmitted && state.pending.length > 0)
		await pause(Math.max(0, Math.min(wait.intervalMs, deadline - Date.now())), signal);

	for (;;) {
		if ((await askRound(state, asker, fetchRound)) === 'late') return collected(state, true);
		state.pending = state.pending.filter((id) => stillPending(state, id));
		const left = deadline - Date.now();
		if (!wait || state.pending.length === 0 || left <= 0)
			return collected(state, wait !== null && toolEnd < maxWaitEnd && left <= 0);
		// The last round falls on Max Wait itself when the interval would overshoot it.
		await pause(Math.min(wait.intervalMs, left), signal);
	}
}

/**
 * While waiting, an id the gateway does not list is asked for again until Max Wait: a task just
 * submitted, or read from a replica a moment behind, is listed a moment later.
 */
function stillPending({ tasks, errors, settings }: Gathering, id: string): boolean {
	const task = tasks.get(id);
	const done = (status: TaskStatus) =>
		isFinished(status) && !(settings.wait && status === 'NOT_FOUND');
	return !errors.has(id) && !(task && done(task.taskStatus));
}

/** One round: the pending ids asked for once, by action; 'late' when a tool's answer is due. */
async function askRound(
	state: Gathering,
	asker: SunoClient,
	fetchRound: FetchRound,
): Promise<'late' | void> {
	const byAction = new Map<string, string[]>();
	for (const id of state.pending) {
		addTo(byAction, state.actionOf.get(id)!, id);
	}
	for (const [action, ids] of byAction) {
		// As a tool, a round that has not answered when the answer is due is left behind.
		const round = fetchRound(asker, ids, action, state.settings);
		const outcomes = await settledBy(round, state.settings.answerBy);
		if (outcomes === 'late') {
			for (const id of state.pending) {
				if (!state.tasks.has(id) && !state.justSubmitted)
					state.errors.set(id, new Error(messages.noAnswerInTime));
			}
			// Ids another action's request answered this round may be finished: not "unfinished".
			state.pending = state.pending.filter((id) => stillPending(state, id));
			return 'late';
		}
		for (const outcome of outcomes) takeAnswer(state, outcome);
	}
}

/** One request's answer read into the tasks, or its error for each of its ids. */
function takeAnswer({ tasks, errors }: Gathering, outcome: RoundOutcome): void {
	let received: Task[];
	try {
		if ('error' in outcome) throw outcome.error;
		received = outcome.answer();
	} catch (error) {
		for (const id of outcome.ids) errors.set(id, error);
		return;
	}
	for (const [id, task] of matchTasks(outcome.ids, received, outcome.single)) {
		// A replica a moment behind may leave out a task it listed before: kept as last seen.
		const seen = tasks.get(id);
		if (task.taskStatus !== 'NOT_FOUND' || !seen || seen.taskStatus === 'NOT_FOUND')
			tasks.set(id, task);
	}
}

/** What the collection ends with; `outOfTime`: a tool's answer was due. */
function collected(state: Gathering, outOfTime: boolean): Collected {
	const { tasks, errors, pending, justSubmitted } = state;
	const { wait, answerBy } = state.settings;
	const waitedMs = Date.now() - state.started;
	const unlisted = pending.filter(
		(id) => !tasks.has(id) || tasks.get(id)!.taskStatus === 'NOT_FOUND',
	);
	for (const id of unlisted) {
		// A task just submitted exists (the gateway gave its id): to a tool's caller, and when
		// its status never arrived, it is the caller's paid task, not "not found".
		if (justSubmitted && (answerBy !== null || !tasks.has(id))) tasks.set(id, submittedTask(id));
		else if (wait) tasks.set(id, notFoundTask(id, messages.neverListed(id, waitedMs)));
	}
	// Just submitted, not listed in time is unfinished; otherwise never listed is NOT_FOUND.
	const unfinished = justSubmitted ? pending : pending.filter((id) => !unlisted.includes(id));
	return {
		tasks,
		errors,
		unfinished: new Set(wait || outOfTime ? unfinished : []),
		waitedMs,
		outOfTime: outOfTime && pending.length > 0,
	};
}
