/**
 * Fetches every id all input items asked for, once each, and — with Wait for Completion — asks
 * again, for the unfinished ones only, until they finish or Max Wait runs out.
 */
import type { Answer, SunoClient } from '../client';
import { pause } from '../helpers/pause';
import { isFinished, notFoundTask, type Clip, type Task, type TaskStatus } from '../model/task';
import type { FetchSettings } from '../settings/read';
import { messages } from './messages';

/** What one input item asks for. Ids with different actions are fetched apart. */
export interface ItemRequest {
	itemIndex: number;
	ids: string[];
	action: string;
	/** Fields added to each of its items (Suno Generate's checks of what a task made). */
	annotate?: (task: Task, clip: Clip | null) => Record<string, unknown>;
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
}

/**
 * The returned task for each asked id: the exact id, else the same id in another case (gateways
 * on MySQL match ids without regard to case and answer with their own spelling) unless another
 * asked id is that task's exact spelling. Providers may repeat a task or add one nobody asked for:
 * the first copy counts, the rest are ignored. A single GET answered with one task under another id
 * (the gateway's own id for it) is that task.
 */
function matchTasks(
	askedIds: readonly string[],
	received: readonly Task[],
	single: boolean,
): Map<string, Task> {
	const exact = new Map<string, Task>();
	const folded = new Map<string, Task>();
	for (const task of received) {
		if (!exact.has(task.taskId)) exact.set(task.taskId, task);
		if (!folded.has(task.taskId.toLowerCase())) folded.set(task.taskId.toLowerCase(), task);
	}
	const claimed = new Set(askedIds.map((id) => exact.get(id)).filter(Boolean));
	const matched = new Map<string, Task>();
	for (const id of askedIds) {
		const other = folded.get(id.toLowerCase());
		const found = exact.get(id) ?? (other && !claimed.has(other) ? other : undefined);
		matched.set(id, found ?? (single && received.length === 1 ? received[0] : notFoundTask(id)));
	}
	return matched;
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
	const tasks = new Map<string, Task>();
	const errors = new Map<string, unknown>();
	const started = Date.now();
	const wait = settings.wait;
	const deadline = started + (wait?.maxWaitMs ?? 0);
	// While waiting, no Retry-After is waited for past Max Wait.
	const asker = wait ? client.until(deadline) : client;
	let pending = [...actionOf.keys()];
	if (wait && justSubmitted && pending.length > 0)
		await pause(Math.min(wait.intervalMs, wait.maxWaitMs), signal);

	for (;;) {
		const byAction = new Map<string, string[]>();
		for (const id of pending) {
			const action = actionOf.get(id)!;
			const ids = byAction.get(action);
			if (ids) ids.push(id);
			else byAction.set(action, [id]);
		}
		for (const [action, ids] of byAction) {
			for (const outcome of await fetchRound(asker, ids, action, settings)) {
				let received: Task[];
				try {
					if ('error' in outcome) throw outcome.error;
					received = outcome.answer();
				} catch (error) {
					for (const id of outcome.ids) errors.set(id, error);
					continue;
				}
				for (const [id, task] of matchTasks(outcome.ids, received, outcome.single)) {
					// A replica a moment behind may leave out a task it listed before: kept as last seen.
					const seen = tasks.get(id);
					if (task.taskStatus !== 'NOT_FOUND' || !seen || seen.taskStatus === 'NOT_FOUND')
						tasks.set(id, task);
				}
			}
		}
		// While waiting, an id the gateway does not list is asked for again until Max Wait: a task
		// just submitted, or read from a replica a moment behind, is listed a moment later.
		const done = (status: TaskStatus) => isFinished(status) && !(wait && status === 'NOT_FOUND');
		pending = pending.filter((id) => !errors.has(id) && !done(tasks.get(id)!.taskStatus));
		const left = deadline - Date.now();
		if (!wait || pending.length === 0 || left <= 0) {
			const waitedMs = Date.now() - started;
			const unlisted = pending.filter((id) => tasks.get(id)!.taskStatus === 'NOT_FOUND');
			for (const id of unlisted)
				tasks.set(id, notFoundTask(id, messages.neverListed(id, waitedMs)));
			// A task just submitted exists (the gateway gave its id): not listed in time is unfinished.
			const unfinished = justSubmitted ? pending : pending.filter((id) => !unlisted.includes(id));
			return { tasks, errors, unfinished: new Set(unfinished), waitedMs };
		}
		// The last round falls on Max Wait itself when the interval would overshoot it.
		await pause(Math.min(wait.intervalMs, left), signal);
	}
}
