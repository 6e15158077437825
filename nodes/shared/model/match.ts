/** Which returned task answers which asked id. Pure; nothing here knows about n8n. */
import { notFoundTask, type Task } from './task';

/**
 * The returned task for each asked id: the exact id, else the same id in another case (gateways
 * on MySQL match ids without regard to case and answer with their own spelling) unless another
 * asked id is that task's exact spelling. Providers may repeat a task or add one nobody asked for:
 * the first copy counts, the rest are ignored. A single GET answered with one task under another id
 * (the gateway's own id for it) is that task.
 */
export function matchTasks(
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
