/**
 * Which returned task answers which asked id (`matchTasks`): the rule behind "a task is never
 * output twice, nor given to an id whose exact spelling was not returned" (docs/RELIABILITY.md),
 * tested through real n8n execution in test/execution/task-ids.test.ts.
 */
import {
	matchTasks,
	notFoundTask,
	type Task,
	type TaskStatus,
} from '../../../../nodes/shared/model/task';

const task = (taskId: string, taskStatus: TaskStatus = 'SUCCESS'): Task => ({
	...notFoundTask(taskId),
	taskStatus,
	failReason: null,
});

/** Each asked id with the id and status of the task it was given. */
const outcome = (asked: string[], received: Task[], single = false) =>
	[...matchTasks(asked, received, single)].map(([id, found]) => [
		id,
		found.taskId,
		found.taskStatus,
	]);

describe('matchTasks: an asked id gets its own task', () => {
	it('by its exact spelling', () => {
		expect(outcome(['a', 'b'], [task('b'), task('a', 'FAILURE')])).toEqual([
			['a', 'a', 'FAILURE'],
			['b', 'b', 'SUCCESS'],
		]);
	});

	it('an id the answer left out is a NOT_FOUND task under the asked id', () => {
		expect(outcome(['a', 'gone'], [task('a')])).toEqual([
			['a', 'a', 'SUCCESS'],
			['gone', 'gone', 'NOT_FOUND'],
		]);
	});

	it('an answer holding no task leaves every asked id NOT_FOUND', () => {
		expect(outcome(['a', 'b'], [])).toEqual([
			['a', 'a', 'NOT_FOUND'],
			['b', 'b', 'NOT_FOUND'],
		]);
	});

	it('a task nobody asked for is given to no id', () => {
		const matched = matchTasks(['a'], [task('stranger'), task('a')], false);
		expect([...matched.keys()]).toEqual(['a']);
		expect(matched.get('a')!.taskId).toBe('a');
	});
});

describe('matchTasks: ids in another case (gateways on MySQL)', () => {
	it('a task answered in the gateway’s own spelling is matched to the id asked for', () => {
		expect(outcome(['TASK_abc'], [task('task_ABC')])).toEqual([
			['TASK_abc', 'task_ABC', 'SUCCESS'],
		]);
	});

	it('the exact spelling wins when both spellings come back', () => {
		expect(outcome(['AB', 'ab'], [task('ab'), task('AB', 'FAILURE')])).toEqual([
			['AB', 'AB', 'FAILURE'],
			['ab', 'ab', 'SUCCESS'],
		]);
	});

	it('a task another asked id claims by its exact spelling is not given to its case twin too', () => {
		// "ab, AB" asked, only "ab" exists: "AB" must not become a second copy of "ab".
		expect(outcome(['ab', 'AB'], [task('ab')])).toEqual([
			['ab', 'ab', 'SUCCESS'],
			['AB', 'AB', 'NOT_FOUND'],
		]);
	});

	it('the claim holds whichever of the two is asked first', () => {
		expect(outcome(['AB', 'ab'], [task('ab')])).toEqual([
			['AB', 'AB', 'NOT_FOUND'],
			['ab', 'ab', 'SUCCESS'],
		]);
	});

	it('with neither asked spelling returned exactly, the first case-folded copy answers both', () => {
		// Neither "Ab" nor "aB" was returned as spelled: both are the one task the gateway folded them to.
		expect(outcome(['Ab', 'aB'], [task('ab')])).toEqual([
			['Ab', 'ab', 'SUCCESS'],
			['aB', 'ab', 'SUCCESS'],
		]);
	});
});

describe('matchTasks: a task sent twice', () => {
	it('the first copy counts, the later one is ignored', () => {
		expect(outcome(['a'], [task('a', 'IN_PROGRESS'), task('a', 'SUCCESS')])).toEqual([
			['a', 'a', 'IN_PROGRESS'],
		]);
	});

	it('among copies in other cases than the asked one, the first counts', () => {
		expect(outcome(['AA'], [task('aa', 'IN_PROGRESS'), task('Aa', 'SUCCESS')])).toEqual([
			['AA', 'aa', 'IN_PROGRESS'],
		]);
	});
});

describe('matchTasks: a single GET (the id was in the URL)', () => {
	it('one task answered under another id is that id’s task, under the provider’s id', () => {
		expect(outcome(['abc-123'], [task('task_Zz9')], true)).toEqual([
			['abc-123', 'task_Zz9', 'SUCCESS'],
		]);
	});

	it('the same answer to a batch request is not taken: the asked id is NOT_FOUND', () => {
		expect(outcome(['abc-123'], [task('task_Zz9')], false)).toEqual([
			['abc-123', 'abc-123', 'NOT_FOUND'],
		]);
	});

	it('a single GET answered with two tasks under other ids takes neither', () => {
		expect(outcome(['abc'], [task('x'), task('y')], true)).toEqual([['abc', 'abc', 'NOT_FOUND']]);
	});

	it('a single GET answered with nothing is NOT_FOUND', () => {
		expect(outcome(['abc'], [], true)).toEqual([['abc', 'abc', 'NOT_FOUND']]);
	});
});
