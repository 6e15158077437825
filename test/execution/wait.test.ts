import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const bodies = () =>
	ctx.provider.log
		.filter((entry) => entry.path === '/suno/fetch')
		.map((entry) => JSON.parse(entry.body).ids);

describe('Wait for Completion', () => {
	it('polls until a task that finishes on the third poll is finished, then emits it', async () => {
		const id = ctx.provider.createTask({ finishAfter: 2 });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			waitForCompletion: true,
			pollInterval: 1,
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result).map((item) => [item.taskStatus, item.clipStatus])).toEqual([
			['SUCCESS', 'complete'],
			['SUCCESS', 'complete'],
		]);
		expect(ctx.provider.log.map((entry) => entry.path)).toEqual(Array(3).fill(`/suno/fetch/${id}`));
		const [first, , third] = ctx.provider.log.map((entry) => entry.at);
		expect(third - first).toBeGreaterThanOrEqual(1900);
	});

	it('each round asks only for the unfinished tasks, in one batch', async () => {
		const done = ctx.provider.createTask({ finishAfter: 0 });
		const second = ctx.provider.createTask({ finishAfter: 1 });
		const third = ctx.provider.createTask({ finishAfter: 2 });
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: [done, second, third].join(','),
			waitForCompletion: true,
			pollInterval: 1,
		});
		expect(bodies()).toEqual([[done, second, third], [second, third], [third]]);
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(Array(6).fill('SUCCESS'));
	});

	it('On Timeout = Output Tasks as They Are: emits the unfinished task and a hint naming it', async () => {
		const id = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const started = Date.now();
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: id,
			waitForCompletion: true,
			pollInterval: 2,
			maxWait: 0.1,
		});
		expect(Date.now() - started).toBeLessThan(6000 + 3000);
		expect(result.status).toBe('success');
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			`1 task was still unfinished after 6 s: ${id}. It may still finish: fetch it again later.`,
		]);
		expect(bodies().length).toBeGreaterThanOrEqual(3);
	});

	it('On Timeout = Fail: an error naming the unfinished task that says it was not resubmitted', async () => {
		const id = ctx.provider.createTask({ holdAt: 'QUEUED' });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			waitForCompletion: true,
			pollInterval: 2,
			maxWait: 0.1,
			onTimeout: 'error',
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(`1 task was still unfinished after 6 s: ${id}`);
		expect(result.error?.description).toMatch(/^Unfinished tasks may still finish/);
		expect(ctx.provider.counters.submit).toBe(0);
	});

	it('Stop execution ends the wait at once', async () => {
		const id = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const started = Date.now();
		const result = await ctx.run(
			{ operation: 'get', taskId: id, waitForCompletion: true, pollInterval: 60, maxWait: 10 },
			{ cancelAfterMs: 500 },
		);
		expect(result.status).toBe('canceled');
		expect(Date.now() - started).toBeLessThan(3000);
		expect(ctx.provider.log).toHaveLength(1);
	});
});

describe('request economy', () => {
	it('250 ids across 50 input items take ceil(250 / 100) = 3 requests, and every clip pairs to its item', async () => {
		const ids = Array.from({ length: 250 }, (_, index) =>
			ctx.provider.createTask({ finishAfter: 0, id: `task-${index}` }),
		);
		const inputs = Array.from({ length: 50 }, (_, item) => ({
			ids: ids.slice(item * 5, item * 5 + 5),
		}));
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: '={{ $json.ids }}' },
			{ items: inputs },
		);

		expect(ctx.provider.counters.fetchBatch).toBe(3);
		expect(bodies().map((batch) => batch.length)).toEqual([100, 100, 50]);
		expect(result.items).toHaveLength(500);
		for (const item of result.items) {
			const asker = (item.pairedItem as { item: number }).item;
			expect(inputs[asker].ids).toContain(item.json.taskId);
		}
		expect(result.items.map((item) => item.json.taskId)).toEqual(ids.flatMap((id) => [id, id]));
	});

	it('an id asked by several items is fetched once and emitted for each of them', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		const result = await ctx.run(
			{ operation: 'get', taskId: '={{ $json.id }}' },
			{ items: [{ id }, { id }, { id }] },
		);
		expect(ctx.provider.log).toHaveLength(1);
		expect(result.items.map((item) => (item.pairedItem as { item: number }).item)).toEqual([
			0, 0, 1, 1, 2, 2,
		]);
	});

	it('Batch Size and Concurrency shape the requests', async () => {
		const ids = Array.from({ length: 10 }, (_, index) =>
			ctx.provider.createTask({ finishAfter: 0, id: `b-${index}` }),
		);
		ctx.provider.latencyMs = 200;
		const started = Date.now();
		await ctx.run({
			operation: 'getMany',
			taskIds: ids.join(','),
			options: { batchSize: 2, concurrency: 5 },
		});
		const elapsed = Date.now() - started;
		expect(bodies().map((batch) => batch.length)).toEqual([2, 2, 2, 2, 2]);
		// Five requests of 200 ms, all in flight together.
		expect(elapsed).toBeLessThan(5 * 200);
	});
});
