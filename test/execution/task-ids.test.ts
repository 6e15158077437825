/**
 * Task ids: the same id twice in another case, ids answered in the gateway's own spelling,
 * unicode around ids, long numeric ids, JSON lists given as text, and batches larger than the
 * gateway answers.
 */
import { jsonOf, useProvider } from './setup';
import { LocalSunoProvider } from '../provider/provider';

const ctx = useProvider();
const fetchRequests = () =>
	ctx.provider.log.filter((entry) => entry.path.startsWith('/suno/fetch'));

describe('case', () => {
	it('on a case-sensitive gateway, an unknown id is NOT_FOUND even when the same id in another case is asked beside it', async () => {
		// Gateway on PostgreSQL/SQLite: "AB" and "ab" are different tasks; only "ab" exists.
		ctx.provider.addTask({ task_id: 'ab', status: 'SUCCESS', data: [] });
		const result = await ctx.run({ operation: 'getMany', taskIds: 'ab, AB' });
		// Before the fix: "AB" silently gets task "ab" (two SUCCESS items, no hint) because the match folds case.
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['SUCCESS', 'NOT_FOUND']);
	});

	it('on a case-insensitive (MySQL) gateway, "abc" and "ABC" in one list never output the same song twice', async () => {
		ctx.provider.caseInsensitiveIds = true;
		const id = ctx.provider.createTask({ id: 'task_mixedCase01', finishAfter: 0, clips: 1 });
		const result = await ctx.run({ operation: 'getMany', taskIds: `${id}, ${id.toUpperCase()}` });
		// Was: the same clip twice (two uploads, two Slack messages). The exact spelling takes the task;
		// the other is a NOT_FOUND item that the hint names, never a second copy.
		expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
			[id, 'SUCCESS'],
			[id.toUpperCase(), 'NOT_FOUND'],
		]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			`1 task id was not found: ${id.toUpperCase()}`,
		]);
	});
});

describe('unicode around ids', () => {
	it.each([
		['a zero-width space (copied from a chat app)', (id: string) => `${id}\u200B`],
		['typographic quotes (copied from a document)', (id: string) => `“${id}”`],
		['a full-width comma between two ids (Chinese input method)', (id: string) => `${id}，${id}`],
	])('an id with %s is trimmed like spaces and ASCII quotes are', async (_name, dress) => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const result = await ctx.run({ operation: 'getMany', taskIds: dress(id) });
		// Before the fix: the dressed id is sent as is and comes back NOT_FOUND, with a hint naming an id that looks exactly right.
		expect(JSON.parse(fetchRequests()[0].body).ids).toEqual([id]);
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['SUCCESS']);
	});
});

describe('ids as numbers', () => {
	it('a JSON list given as text keeps long numeric ids exactly', async () => {
		await ctx.run({ operation: 'getMany', taskIds: '[12345678901234567890, "b"]' });
		// Before the fix: JSON.parse rounds it and {"ids":["12345678901234567000","b"]} is sent — another id, without a word.
		expect(JSON.parse(fetchRequests()[0].body).ids).toEqual(['12345678901234567890', 'b']);
	});
});

describe('batches larger than the gateway answers', () => {
	const onehub = new LocalSunoProvider({ flavour: 'onehub' });
	beforeAll(async () => onehub.start());
	afterAll(async () => onehub.stop());

	it('Batch Size 150 on a one-hub gateway (answers at most 100) does not report 50 existing tasks as NOT_FOUND', async () => {
		const ids = Array.from({ length: 150 }, () => onehub.createTask({ finishAfter: 0, clips: 1 }));
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: ids.join(','), options: { batchSize: 150 } },
			{ credentials: { apiKey: onehub.apiKey, provider: 'custom', baseUrl: onehub.url } },
		);
		const statuses = jsonOf(result).map((item) => item.taskStatus);
		// Before the fix: status "success", 100 SUCCESS + 50 NOT_FOUND items and a hint "50 task ids were not found".
		const allThere = statuses.length === 150 && statuses.every((status) => status === 'SUCCESS');
		expect(allThere || result.status === 'error').toBe(true);
	});
});

describe('ids in another case', () => {
	it('a MySQL-backed gateway’s answer in its own spelling is matched to the id asked for', async () => {
		ctx.provider.caseInsensitiveIds = true;
		const id = ctx.provider.createTask({ id: 'task_AbCdEf0123', finishAfter: 0, clips: 1 });
		for (const operation of ['get', 'getMany']) {
			const result = await ctx.run({
				operation,
				taskId: 'TASK_abcdef0123',
				taskIds: 'TASK_abcdef0123',
			});
			expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
				[id, 'SUCCESS'],
			]);
			expect(result.hints).toEqual([]);
		}
	});

	it('the exact spelling wins when both come back', async () => {
		ctx.provider.addTask({ task_id: 'ab', status: 'SUCCESS', data: [] });
		ctx.provider.addTask({ task_id: 'AB', status: 'FAILURE', data: [] });
		const result = await ctx.run({ operation: 'getMany', taskIds: 'AB, ab' });
		expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
			['AB', 'FAILURE'],
			['ab', 'SUCCESS'],
		]);
	});
});

describe('Task IDs as a JSON list in a string', () => {
	it('\'["a","b"]\' is the ids a and b', async () => {
		await ctx.run({ operation: 'getMany', taskIds: '={{ \'["a", "b"]\' }}' });
		expect(JSON.parse(fetchRequests()[0].body).ids).toEqual(['a', 'b']);
	});

	it('a broken list is an error naming the field', async () => {
		const result = await ctx.run({ operation: 'getMany', taskIds: '["a", b]' });
		expect(result.error?.message).toMatch(
			/^Task IDs looks like a list \("\["a", b\]"\) but is not valid JSON/,
		);
		expect(fetchRequests()).toHaveLength(0);
	});
});
