/**
 * Fetches every id all input items asked for, once each, and — with Wait for Completion — asks
 * again, for the unfinished ones only, until they finish or Max Wait runs out.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { pause } from '../helpers/pause';
import { isFinished, notFoundTask, type Task } from '../model/task';
import { readTasks } from '../transport/request';
import type { FetchSettings } from './options';

/** What one input item asks for. `group` separates ids that must be fetched apart (the action). */
export interface ItemRequest {
	itemIndex: number;
	ids: string[];
	group: string;
}

/**
 * The answer to one request for `ids`: its body, not yet read (reading waits until every request
 * of the round is sent), or why it failed. `fallbackTaskId` names the task of a bare clip list.
 */
export type RequestOutcome =
	| { ids: string[]; body: unknown; fallbackTaskId: string | null }
	| { ids: string[]; error: unknown };

/** One operation's way to request a set of ids once; `askerOf` names the item an error belongs to. */
export type FetchRound = (
	this: IExecuteFunctions,
	ids: string[],
	group: string,
	settings: FetchSettings,
	askerOf: (id: string) => number,
) => Promise<RequestOutcome[]>;

export interface Collected {
	/** Every asked id's latest task; ids the provider did not return are NOT_FOUND tasks. */
	tasks: Map<string, Task>;
	/** Ids whose request failed, with the error. */
	errors: Map<string, unknown>;
	/** With Wait for Completion: ids still unfinished when Max Wait ran out. */
	unfinished: string[];
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
function matchTasks(askedIds: readonly string[], received: readonly Task[], single: boolean): Map<string, Task> {
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
	this: IExecuteFunctions,
	fetchRound: FetchRound,
	requests: readonly ItemRequest[],
	settings: FetchSettings,
): Promise<Collected> {
	const askedBy = new Map<string, { itemIndex: number; group: string }>();
	for (const request of requests) {
		for (const id of request.ids) {
			if (!askedBy.has(id)) askedBy.set(id, { itemIndex: request.itemIndex, group: request.group });
		}
	}
	const askerOf = (id: string) => askedBy.get(id)?.itemIndex ?? 0;
	const tasks = new Map<string, Task>();
	const errors = new Map<string, unknown>();
	const started = Date.now();
	const wait = settings.wait;
	const deadline = started + (wait?.maxWaitMs ?? 0);
	// While waiting, a retry's pause (a long Retry-After) must not outlast Max Wait either.
	const roundSettings = wait ? { ...settings, policy: { ...settings.policy, deadline } } : settings;
	let pending = [...askedBy.keys()];

	for (;;) {
		const byGroup = new Map<string, string[]>();
		for (const id of pending) {
			const group = askedBy.get(id)!.group;
			const ids = byGroup.get(group);
			if (ids) ids.push(id);
			else byGroup.set(group, [id]);
		}
		for (const [group, ids] of byGroup) {
			for (const outcome of await fetchRound.call(this, ids, group, roundSettings, askerOf)) {
				let received: Task[];
				try {
					if ('error' in outcome) throw outcome.error;
					received = await readTasks.call(this, outcome.body, askerOf(outcome.ids[0]), outcome.fallbackTaskId);
				} catch (error) {
					for (const id of outcome.ids) errors.set(id, error);
					continue;
				}
				for (const [id, task] of matchTasks(outcome.ids, received, outcome.fallbackTaskId !== null)) tasks.set(id, task);
			}
		}
		pending = pending.filter((id) => !errors.has(id) && !isFinished(tasks.get(id)!.taskStatus));
		const left = deadline - Date.now();
		if (!wait || pending.length === 0 || left <= 0) {
			return { tasks, errors, unfinished: wait ? pending : [], waitedMs: Date.now() - started };
		}
		// The last round falls on Max Wait itself when the interval would overshoot it.
		await pause(Math.min(wait.intervalMs, left), this.getExecutionCancelSignal?.());
	}
}
