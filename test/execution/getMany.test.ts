import { fixture } from '../fixtures';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const finishedTask = (title: string) => ctx.provider.createTask({ finishAfter: 0, title });

describe('Get Many (batch) through real n8n execution', () => {
	it('one POST for all ids, output in the order the user gave (the provider answers in database order)', async () => {
		const first = finishedTask('First');
		const second = finishedTask('Second');
		const third = finishedTask('Third');
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: `${third}, ${first}\n${second}`,
		});

		expect(ctx.provider.log).toHaveLength(1);
		expect(ctx.provider.log[0]).toMatchObject({ method: 'POST', path: '/suno/fetch' });
		expect(ctx.provider.log[0].headers.authorization).toBe(`Bearer ${ctx.provider.apiKey}`);
		expect(JSON.parse(ctx.provider.log[0].body)).toEqual({ ids: [third, first, second] });
		expect(jsonOf(result).map((item) => [item.title, item.clipIndex])).toEqual([
			['Third', 0],
			['Third', 1],
			['First', 0],
			['First', 1],
			['Second', 0],
			['Second', 1],
		]);
	});

	it('trims and de-duplicates ids, and sends the chosen action', async () => {
		const id = finishedTask('Only');
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: `  ${id} ,${id};\n "${id}" `,
			action: 'MUSIC',
		});
		expect(JSON.parse(ctx.provider.log[0].body)).toEqual({ ids: [id], action: 'MUSIC' });
		expect(result.items).toHaveLength(2);
	});

	it('takes ids from an expression that yields an array', async () => {
		const a = finishedTask('A');
		const b = ctx.provider.createTask({ action: 'LYRICS', finishAfter: 0, title: 'Words' });
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: '={{ $json.jobs.map(job => job.id) }}' },
			{ items: [{ jobs: [{ id: a }, { id: b }] }] },
		);
		expect(jsonOf(result).map((item) => [item.taskId, item.action, item.title])).toEqual([
			[a, 'MUSIC', 'A'],
			[a, 'MUSIC', 'A'],
			[b, 'LYRICS', 'Words'],
		]);
	});

	it('ids the provider leaves out become NOT_FOUND items in place, with a hint naming them', async () => {
		const known = finishedTask('Known');
		const result = await ctx.run({ operation: 'getMany', taskIds: `ghost-1, ${known}, ghost-2` });
		expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
			['ghost-1', 'NOT_FOUND'],
			[known, 'SUCCESS'],
			[known, 'SUCCESS'],
			['ghost-2', 'NOT_FOUND'],
		]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			'2 task ids were not found: ghost-1, ghost-2',
		]);
	});

	it('data: null (none of the ids exist) gives one NOT_FOUND item per id', async () => {
		const result = await ctx.run({ operation: 'getMany', taskIds: 'x1,x2' });
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
	});

	it('On Missing Task = Fail names the missing ids', async () => {
		finishedTask('Known');
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: 'ghost-1, ghost-2',
			options: { onMissing: 'error' },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('2 task ids were not found: ghost-1, ghost-2');
		expect(result.error?.description).toMatch(/API key/);
	});

	it('reads the seeds’ batch responses: in-progress with notify_hook, and a success', async () => {
		ctx.provider.addTask(fixture('seed_cometapi_batch_in_progress').data[0]);
		ctx.provider.addTask(fixture('02_batch_music_success').data[1]);
		ctx.provider.addTask(fixture('seed_gptge_batch_success').data[0]);
		const result = await ctx.run({
			operation: 'getMany',
			taskIds:
				'2a145658-3342-4228-b779-b8323a2b77df dcb812bd-40c5-4907-836e-3a7aa9a2e546 346c5d10-a4a1-4f49-a851-66a7dae6cfaf',
		});
		expect(
			jsonOf(result).map((item) => [item.taskStatus, item.clipStatus, item.clipCount]),
		).toEqual([
			['SUCCESS', 'complete', 1],
			['NOT_START', null, 0],
			['IN_PROGRESS', 'streaming', 2],
			['IN_PROGRESS', 'streaming', 2],
		]);
	});

	it('pairs every clip to the input item that asked for it', async () => {
		const a = finishedTask('A');
		const b = finishedTask('B');
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: '={{ $json.ids }}' },
			{ items: [{ ids: [a] }, { ids: [b, 'ghost'] }] },
		);
		expect(result.items.map((item) => [item.json.taskId, item.pairedItem])).toEqual([
			[a, { item: 0 }],
			[a, { item: 0 }],
			[b, { item: 1 }],
			[b, { item: 1 }],
			['ghost', { item: 1 }],
		]);
	});

	it('with Simplify off, a task without clips is one item holding the task', async () => {
		const task = fixture('02_batch_music_success').data[1];
		ctx.provider.addTask(task);
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: `${task.task_id}, ghost`,
			simplify: false,
		});
		const { data: _clips, ...own } = task;
		expect(jsonOf(result)).toEqual([
			{ task: own },
			{ task: expect.objectContaining({ task_id: 'ghost', status: 'NOT_FOUND' }) },
		]);
	});
});
