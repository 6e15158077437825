import { fixture } from '../fixtures';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

describe('Get (single task) through real n8n execution', () => {
	it('sends the bearer key and emits one item per clip, each carrying its task', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, title: 'Midnight Drive' });
		const result = await ctx.run({ operation: 'get', taskId: id });

		expect(result.status).toBe('success');
		const [request] = ctx.provider.log;
		expect(request).toMatchObject({ method: 'GET', path: `/suno/fetch/${id}` });
		expect(request.headers.authorization).toBe(`Bearer ${ctx.provider.apiKey}`);

		const items = jsonOf(result);
		expect(items).toHaveLength(2);
		items.forEach((item, index) => {
			expect(item).toMatchObject({
				taskId: id,
				action: 'MUSIC',
				taskStatus: 'SUCCESS',
				progress: 100,
				clipIndex: index,
				clipCount: 2,
				title: 'Midnight Drive',
				clipStatus: 'complete',
				duration: 121.5,
			});
			expect(item.audioUrl).toMatch(new RegExp(`^${ctx.provider.url}/media/.+\\.mp3$`));
			expect(item.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
		});
		expect(result.items.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(
			true,
		);
	});

	it('URL-encodes the id so it cannot change the path', async () => {
		await ctx.run({ operation: 'get', taskId: 'a/../b?x=1#y' });
		expect(ctx.provider.log[0].rawPath).toBe('/suno/fetch/a%2F..%2Fb%3Fx%3D1%23y');
	});

	it('a task that has not started is one item with null clip fields', async () => {
		const id = ctx.provider.createTask();
		const items = jsonOf(await ctx.run({ operation: 'get', taskId: id }));
		expect(items).toEqual([
			expect.objectContaining({
				taskId: id,
				taskStatus: 'NOT_START',
				progress: 0,
				clipId: null,
				clipIndex: null,
				clipCount: 0,
				audioUrl: null,
			}),
		]);
	});

	it('a LYRICS task is one item with its title and text', async () => {
		ctx.provider.addTask(fixture('03_single_lyrics_success').data);
		const items = jsonOf(
			await ctx.run({ operation: 'get', taskId: 'f4a94d75-087b-4bb1-bd45-53ba293faf96' }),
		);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			action: 'LYRICS',
			taskStatus: 'SUCCESS',
			title: 'Electric Fantasy',
		});
		expect(items[0]).not.toHaveProperty('clipId'); // a lyrics task makes no clip (item-order.test.ts)
		expect(items[0].lyrics).toMatch(/^\[Verse\]\nDancing in the neon light/);
	});

	it('a failed task keeps its fail reason on every item', async () => {
		ctx.provider.addTask(fixture('04_single_music_failure').data);
		const items = jsonOf(
			await ctx.run({ operation: 'get', taskId: '9c1d7e3a5b2f4e6a8c0d1e2f3a4b5c6d' }),
		);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item).toMatchObject({
				taskStatus: 'FAILURE',
				failReason: 'Unable to generate lyrics from the given prompt.',
				clipStatus: 'error',
				audioUrl: null,
			});
		}
		expect(items[0].errorMessage).toBe('Unable to generate lyrics from the given prompt.');
	});

	it('reads the clips-map dialect (code 200, data.clips keyed by id)', async () => {
		const body = fixture('seed_clips_map_single');
		ctx.provider.setRoute('GET', `/suno/fetch/${body.data.task_id}`, { body });
		const items = jsonOf(await ctx.run({ operation: 'get', taskId: body.data.task_id }));
		expect(
			items.map((item) => [item.clipId, item.taskStatus, item.rawStatus, item.duration]),
		).toEqual([
			['e0fe8bba-fac8-460b-bf1c-111111111111', 'SUCCESS', 'completed', 108.8],
			['f66f7a6f-a868-464f-b280-111111111111', 'SUCCESS', 'completed', 103.2],
		]);
	});

	it('with Simplify off, emits each clip as sent plus its task without the clip list', async () => {
		const task = fixture('seed_gptge_batch_success').data[0];
		ctx.provider.addTask(task);
		const [item] = jsonOf(
			await ctx.run({ operation: 'get', taskId: task.task_id, simplify: false }),
		);
		const { data: clips, ...taskOwnFields } = task;
		expect(item).toEqual({ ...clips[0], task: taskOwnFields });
	});

	it.each([
		['new-api', 'newapi', 400],
		['one-hub', 'onehub', 404],
	] as const)(
		'an unknown id (%s answers HTTP %i) becomes a NOT_FOUND item and a hint',
		async (_name, flavour, status) => {
			ctx.provider.flavour = flavour;
			const result = await ctx.run({ operation: 'get', taskId: 'no-such-task' });
			ctx.provider.flavour = 'newapi';
			expect(result.status).toBe('success');
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({ taskId: 'no-such-task', taskStatus: 'NOT_FOUND', clipId: null }),
			]);
			expect(jsonOf(result)[0].failReason).toMatch(/not found/);
			expect(result.hints.map((hint) => hint.message)).toEqual([
				'1 task id was not found: no-such-task',
			]);
			expect(status).toBeGreaterThanOrEqual(400);
		},
	);

	it('On Missing Task = Fail stops with an error naming the id', async () => {
		const result = await ctx.run({
			operation: 'get',
			taskId: 'no-such-task',
			options: { onMissing: 'error' },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('1 task id was not found: no-such-task');
	});

	it('takes the id from an expression', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		const result = await ctx.run(
			{ operation: 'get', taskId: '={{ $json.task.id }}' },
			{ items: [{ task: { id } }] },
		);
		expect(jsonOf(result).map((item) => item.taskId)).toEqual([id, id]);
	});
});
