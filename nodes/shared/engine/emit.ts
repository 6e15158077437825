/**
 * Collected tasks to what each input item gets: its tasks in the order it asked, one entry per
 * clip, and per id an error instead where the id's request failed, the id is unknown (On Missing
 * Task = Fail) or unfinished (On Timeout = Fail). One failed request costs only its own ids.
 */
import { asFailure, SunoFailure } from '../failure';
import { taskItems } from '../model/items';
import { isFinished } from '../model/task';
import { addTo } from '../model/values';
import type { OutputOptions, FetchSettings, RunSettings } from '../settings/read';
import type { Collected, ItemRequest } from './collect';
import type { OutputEntry } from './attach';
import { messages } from './messages';

interface ItemOutcome {
	entries: OutputEntry[];
	/** Failures for this item, each naming its ids. */
	problems: SunoFailure[];
	/** Its ids that are NOT_FOUND items (for the run's hint). */
	missing: string[];
}

type Mask = (text: string) => string;

/** A failure about one task names it in a field too (an error item's taskId); none for several. */
const soleTaskId = (ids: readonly string[], mask: Mask) =>
	ids.length === 1 ? mask(ids[0]) : undefined;

/** The failures the item's requests met, each naming the ids it lost and those that arrived. */
function requestFailures(request: ItemRequest, collected: Collected, mask: Mask): SunoFailure[] {
	const failedBy = new Map<unknown, string[]>();
	for (const id of request.ids) {
		if (!collected.errors.has(id)) continue;
		addTo(failedBy, collected.errors.get(id), id);
	}
	const fetched = request.ids.filter((id) => !collected.errors.has(id));
	const arrived = fetched.length > 0 ? messages.fetched(fetched) : undefined;
	return [...failedBy].map(([error, ids]) =>
		asFailure(error)
			.noting(messages.notFetched(ids), arrived)
			.with({ itemIndex: request.itemIndex, taskId: soleTaskId(ids, mask) }),
	);
}

export function outcomeOf(
	request: ItemRequest & OutputOptions,
	collected: Collected,
	settings: FetchSettings,
	/** Masks the API key in what the provider sent (client.ts). */
	mask: Mask,
	/** As a tool: what its caller is told about an asked id's task, on the task's first item. */
	toolNote?: (id: string) => string | null,
	/** Files will be downloaded (attach.ts): each item says in `downloadSkipped` what was not. */
	downloads = false,
): ItemOutcome {
	const { itemIndex } = request;
	const problems = requestFailures(request, collected, mask);
	const fetched = request.ids.filter((id) => !collected.errors.has(id));
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
		const description = messages.notFoundHelp;
		const taskId = soleTaskId(missing, mask);
		problems.push(
			new SunoFailure(mask(message), { code: 'TASK_NOT_FOUND', itemIndex, description, taskId }),
		);
	}
	if (lateFails) {
		late.forEach((id) => withheld.add(id));
		const message = mask(messages.unfinished(late, collected.waitedMs));
		const description = messages.unfinishedHelp;
		const taskId = soleTaskId(late, mask);
		problems.push(
			new SunoFailure(message, { code: 'TASK_UNFINISHED', itemIndex, description, taskId }),
		);
	}
	const shape = toolNote ? 'compact' : request.simplify ? 'simple' : 'raw';
	const entries = fetched
		.filter((id) => !withheld.has(id))
		.flatMap((id) => {
			const task = collected.tasks.get(id)!;
			const extras = { annotate: request.annotate, note: toolNote?.(id), mask, downloads };
			return taskItems(task, shape, extras).map(({ json, clip }) => ({
				itemIndex,
				json,
				clip,
				task,
			}));
		});
	return { entries, problems, missing: missing.filter((id) => !withheld.has(id)) };
}

/**
 * A tool's word on a task: when to fetch it if unfinished or not listed (yet), and that files are
 * not downloaded.
 */
export function toolNoteFor(collected: Collected, settings: RunSettings, paid: boolean) {
	return (id: string) => {
		const task = collected.tasks.get(id);
		const running = collected.unfinished.has(id) || (task && !isFinished(task.taskStatus));
		const unlisted = task?.taskStatus === 'NOT_FOUND';
		const later = unlisted
			? messages.toolNotListed(id)
			: running
				? messages.toolFetchLater(id, paid)
				: null;
		const files = settings.downloadsSkipped ? messages.toolNoFiles : null;
		return [later, files].filter(Boolean).join(' ') || null;
	};
}

/** The run's hints: ids not found or never listed, tasks still unfinished, clips not as asked. */
export function runHints(
	collected: Collected,
	settings: FetchSettings,
	missing: ReadonlySet<string>,
	delivered: readonly OutputEntry[],
	justSubmitted: boolean,
): string[] {
	const hints: string[] = [];
	if (missing.size > 0) {
		hints.push(
			settings.wait
				? `${messages.notListed([...missing], collected.waitedMs)}.${justSubmitted ? ` ${messages.stillRunning(missing.size, true)}` : ''}`
				: messages.notFound([...missing]),
		);
	}
	const late = [...collected.unfinished].filter((id) => !missing.has(id));
	if (late.length > 0 && (settings.wait?.onTimeout === 'emit' || collected.outOfTime))
		hints.push(
			`${messages.unfinished(late, collected.waitedMs)}. ${messages.stillRunning(late.length, justSubmitted)}`,
		);
	// Named by the task each item came from: with Simplify off an item holds no `taskId` of its own.
	const odd = delivered.filter((entry) => typeof entry.json.notAsAsked === 'string');
	if (odd.length > 0) {
		const tasks = [...new Set(odd.map((entry) => entry.task.taskId))];
		hints.push(messages.notAsAsked(tasks, String(odd[0].json.notAsAsked)));
	}
	return hints;
}
