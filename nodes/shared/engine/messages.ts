/**
 * What the engine tells a user about the tasks of a run: ids not found or unfinished, what was
 * paid for, tool answers. The words about one request (HTTP answers, refusals, network errors) are
 * the transport's (transport/errors.ts and paid.ts); a clip's files (attach.ts, direct.ts) and
 * lyrics timing (timing.ts) are still worded where they are checked.
 */

function listIds(ids: readonly string[]): string {
	const shown = ids.slice(0, 10).join(', ');
	return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}

const countOf = (ids: readonly string[], one: string, many: string) =>
	`${ids.length} ${ids.length === 1 ? one : many}`;

/** `6 s`, `2.5 min`. */
export function duration(ms: number): string {
	return ms >= 60_000 ? `${+(ms / 60_000).toFixed(1)} min` : `${Math.round(ms / 1000)} s`;
}

export const messages = {
	notFound: (ids: readonly string[]) =>
		`${countOf(ids, 'task id was', 'task ids were')} not found: ${listIds(ids)}`,
	/** Ids asked for in every round of a wait and never listed. */
	notListed: (ids: readonly string[], waitedMs: number) =>
		`${countOf(ids, 'task id was', 'task ids were')} never listed by the provider in ${duration(waitedMs)} of polling: ${listIds(ids)}`,
	neverListed: (id: string, waitedMs: number) =>
		`Task ${id} was never listed by the provider in ${duration(waitedMs)} of polling: it does not know it for this API key (wrong id, or a task of another account), or has not listed it yet.`,
	notFoundHelp:
		'The provider does not know these IDs for this API key. Check the IDs, and that the key belongs to the account that submitted them, or set On Missing Task to Output a NOT_FOUND Item.',
	unfinished: (ids: readonly string[], waitedMs: number) =>
		`${countOf(ids, 'task was', 'tasks were')} still unfinished after ${duration(waitedMs)}: ${listIds(ids)}`,
	unfinishedHelp:
		'Unfinished tasks may still finish: fetch them again later, from a Wait node loop or a schedule, or raise Max Wait. Nothing was submitted again.',
	/**
	 * After `unfinished` or `notListed`: Suno Generate's were paid for and not submitted again;
	 * Suno Fetch never submits.
	 */
	stillRunning: (count: number, submitted: boolean) => {
		const [it, was] = count === 1 ? ['It', 'was'] : ['They', 'were'];
		return submitted
			? `${it} ${was} not submitted again: fetch ${count === 1 ? 'it' : 'them'} later with Suno Fetch.`
			: `${it} may still finish: fetch ${count === 1 ? 'it' : 'them'} again later.`;
	},
	stopped: 'Stopped while waiting for the tasks to finish.',
	notFetched: (ids: readonly string[]) => `Not fetched: ${listIds(ids)}.`,
	fetched: (ids: readonly string[]) => `Fetched: ${listIds(ids)}.`,
	/** `made`: a task ID, or what a paid answer made ("persona …", "the WAV of clip … at …"). */
	submitted: (made: ReadonlyArray<readonly [number, string]>) =>
		`Made in this run (fetch tasks with Suno Fetch; do not submit them again): ${made
			.map(([itemIndex, what]) => `input item ${itemIndex}: ${what}`)
			.join(', ')}.`,
	/** `what`: "task …", "persona …", "the wav of clip …". */
	submittedLog: (what: string, itemIndex: number) =>
		`Suno Generate submitted ${what} for input item ${itemIndex}`,
	notAsAsked: (taskIds: readonly string[], why: string) =>
		`${countOf(taskIds, 'task does', 'tasks do')} not look like what was asked (${listIds(taskIds)}): ${why} See notAsAsked on their items.`,
	alsoFailed: (failures: ReadonlyArray<readonly [number, boolean]>) =>
		`Also failed: ${failures
			.map(
				([itemIndex, mayExist]) =>
					`input item ${itemIndex}${mayExist ? ' (a task may have been created: see its submit time in the provider’s task log)' : ' (nothing was created)'}`,
			)
			.join(', ')}.`,
	notSubmitted: (itemIndexes: readonly number[]) =>
		`Not submitted: input item${itemIndexes.length === 1 ? '' : 's'} ${itemIndexes.join(', ')}.`,
	stoppedSubmitting: 'Stopped while submitting.',
	sameFileFailed: (itemIndex: number) =>
		`Input item ${itemIndex} asked for the same file of the same clip, and that request failed: see its error. It was not asked for again.`,
	retryOnFailPays:
		'Retry On Fail is on (node Settings): when a run fails, n8n runs this node again, which submits every item again and pays again. Options → Retries repeats only the requests that surely created nothing.',
	unsupported: (operation: string) => `The operation "${operation}" is not supported.`,
	noAnswerInTime:
		'The provider did not answer within the Tool Time Limit. Fetching is free: ask again later.',
	/** A tool's answer about a task not finished when the answer was due. */
	toolFetchLater: (taskId: string, paid: boolean) =>
		paid
			? `Not finished yet: this song is paid for and still being made (a song takes 1 to 3 minutes). Get it later with Suno Fetch (free) and task ID ${taskId}. Do not submit it again: that would pay for another song.`
			: `Not finished yet (a song takes 1 to 3 minutes). Fetch task ${taskId} again later with Suno Fetch (free).`,
	/** A tool's answer about a task the provider did not list (a replica may list a new task late). */
	toolNotListed: (taskId: string) =>
		`The provider does not list task ${taskId}. If it was submitted in the last few minutes, the provider may not list it yet: fetch it again in a minute, and do not submit it again (that would pay for another song). Otherwise the ID is wrong or of another account.`,
	/** A tool's answer about a task submitted without waiting. */
	submittedTool: (taskId: string) =>
		`Submitted and paid for; the song takes 1 to 3 minutes. Get it with Suno Fetch (free) and task ID ${taskId}. Do not submit it again: that would pay for another song.`,
	toolNoFiles: 'Files are not downloaded for a tool call: use audioUrl.',
};
