/**
 * The nodes as tools of an AI agent or MCP client (their "…Tool" variants): an answer within the
 * Tool Time Limit whatever Max Wait says, the paid task's ID always in it, no downloads, and a
 * compact answer. The MCP Server Trigger's own way of calling a tool is in test/e2e/mcp.e2e.test.js.
 */
import { NodeHelpers } from 'n8n-workflow';

import { SunoFetch } from '../../nodes/SunoFetch/SunoFetch.node';
import { SunoGenerate } from '../../nodes/SunoGenerate/SunoGenerate.node';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const song = { operation: 'generateMusic', songDescription: 'a song about the sea' };
const asTool = { node: 'generateTool' } as const;

/** Runs Suno Generate's tool variant and measures how long its answer took. */
async function timedTool(parameters: Record<string, unknown>, extra = {}) {
	const started = Date.now();
	const result = await ctx.run({ ...song, ...parameters }, { ...asTool, ...extra });
	return { result, ms: Date.now() - started };
}

describe('as a tool: the answer within the Tool Time Limit', () => {
	it('a song slower than the limit: its task ID, status and a word to fetch it later, one submit', async () => {
		ctx.provider.submitDurationMs = [60_000, 60_000];
		const { result, ms } = await timedTool({ toolTimeLimit: 5, pollInterval: 1, maxWait: 5 });
		expect(result.status).toBe('success');
		expect(ms).toBeLessThan(6500);
		expect(ms).toBeGreaterThan(3500); // it did wait, up to the last round
		expect(ctx.provider.submits).toHaveLength(1);
		const [{ taskId }] = ctx.provider.submits;
		const items = jsonOf(result);
		expect(items.map((item) => [item.taskId, item.taskStatus])).toEqual([
			[taskId, 'IN_PROGRESS'],
			[taskId, 'IN_PROGRESS'],
		]);
		expect(items[0].note).toContain(`task ID ${taskId}`);
		expect(items[0].note).toMatch(/Suno Fetch \(free\).*Do not submit it again/);
		expect(items[1].note).toBeUndefined(); // once per task
		expect(result.hints.map((hint) => hint.message).join(' ')).toContain(taskId);
	});

	it('On Timeout = Fail does not turn the time limit into an error: the paid ID is answered', async () => {
		ctx.provider.submitDurationMs = [60_000, 60_000];
		const { result } = await timedTool({
			toolTimeLimit: 5,
			pollInterval: 1,
			onTimeout: 'error',
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result)[0]).toMatchObject({
			taskId: ctx.provider.submits[0].taskId,
			taskStatus: 'IN_PROGRESS',
		});
	});

	it('a provider that stops answering polls: the answer still comes in time, with the paid ID', async () => {
		ctx.provider.injectFault({ pass: true }); // the submit
		ctx.provider.injectFault({ hang: true, times: 5 });
		const { result, ms } = await timedTool({ toolTimeLimit: 5, pollInterval: 1 });
		expect(ms).toBeLessThan(6500);
		expect(ctx.provider.submits).toHaveLength(1);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({
				taskId: ctx.provider.submits[0].taskId,
				taskStatus: 'SUBMITTED',
				note: expect.stringContaining('Do not submit it again'),
			}),
		]);
	});

	it('a gateway that does not list the new task in time: SUBMITTED with its ID, not "not found"', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', {
			status: 200,
			body: { code: 'success', message: '', data: [] },
		});
		const { result } = await timedTool({ toolTimeLimit: 5, pollInterval: 1 });
		expect(jsonOf(result)).toEqual([
			{
				taskId: ctx.provider.submits[0].taskId,
				taskStatus: 'SUBMITTED',
				note: expect.stringContaining('Do not submit it again'),
			},
		]);
	});

	it('Suno Fetch of a song still being made: its status and a word to ask again later', async () => {
		const taskId = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const result = await ctx.run({ operation: 'get', taskId }, { node: 'fetchTool' });
		const [first, second] = jsonOf(result);
		expect(first).toMatchObject({ taskId, taskStatus: 'IN_PROGRESS' });
		expect(first.note).toBe(
			`Not finished yet (a song takes 1 to 3 minutes). Fetch task ${taskId} again later with Suno Fetch (free).`,
		);
		expect(second.note).toBeUndefined();
	});

	it('Suno Fetch whose provider does not answer: an error within the limit that says so', async () => {
		const taskId = ctx.provider.createTask({ finishAfter: 0 });
		ctx.provider.injectFault({ hang: true, times: 5 });
		const started = Date.now();
		const result = await ctx.run(
			{ operation: 'get', taskId, toolTimeLimit: 5 },
			{ node: 'fetchTool' },
		);
		expect(Date.now() - started).toBeLessThan(6500);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('did not answer within the Tool Time Limit');
		expect(result.error?.description).toContain(`Not fetched: ${taskId}`);
	});

	it('Max Wait shorter than the limit still ends the wait first', async () => {
		ctx.provider.submitDurationMs = [60_000, 60_000];
		// Max Wait 0.1 min = 6 s.
		const { ms, result } = await timedTool({ toolTimeLimit: 30, pollInterval: 1, maxWait: 0.1 });
		expect(ms).toBeLessThan(8000);
		expect(jsonOf(result)[0].note).toContain('Not finished yet');
	});
});

describe('as a tool: a compact answer, no downloads', () => {
	it('a finished song: per clip its ID, status, title, audio URL and duration; the lyrics once', async () => {
		const { result } = await timedTool({ pollInterval: 1 });
		const [{ taskId }] = ctx.provider.submits;
		const items = jsonOf(result);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item).toMatchObject({ taskId, taskStatus: 'SUCCESS' });
			expect(item.audioUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/.+\.mp3$/);
			expect(typeof item.title).toBe('string');
			expect(typeof item.duration).toBe('number');
			expect(typeof item.clipId).toBe('string');
		}
		expect(typeof items[0].lyrics).toBe('string');
		expect(items[1].lyrics).toBeUndefined(); // the same lyrics, not said twice
		expect(Object.keys(items[0]).sort()).toEqual(
			['audioUrl', 'clipId', 'duration', 'lyrics', 'taskId', 'taskStatus', 'title'].sort(),
		);
		expect(items[0].note).toBeUndefined();
	});

	it('a two-clip song is well under half the characters of the full items', async () => {
		const taskId = ctx.provider.createTask({ finishAfter: 0 });
		const full = JSON.stringify(jsonOf(await ctx.run({ operation: 'get', taskId })));
		const compact = JSON.stringify(
			jsonOf(await ctx.run({ operation: 'get', taskId }, { node: 'fetchTool' })),
		);
		process.stdout.write(`two-clip song: ${full.length} characters, ${compact.length} as a tool\n`);
		expect(compact.length).toBeLessThan(full.length * 0.45);
	});

	it('a failed song: the reason once, on its first item', async () => {
		const taskId = ctx.provider.createTask({
			finishAfter: 0,
			fail: true,
			failReason: 'Banned word',
		});
		const result = await ctx.run({ operation: 'get', taskId }, { node: 'fetchTool' });
		const items = jsonOf(result);
		expect(items.map((item) => [item.taskStatus, item.failReason])).toEqual([
			['FAILURE', 'Banned word'],
			['FAILURE', undefined],
		]);
		expect(items[0].note).toBeUndefined(); // finished: nothing to fetch later
	});

	it('lyrics that differ between clips are kept on each', async () => {
		const live = ctx.provider.createTask({ finishAfter: 0 });
		const answer = await fetch(`${ctx.provider.url}/suno/fetch/${live}`, {
			headers: { authorization: `Bearer ${ctx.provider.apiKey}` },
		});
		const { data: task } = (await answer.json()) as {
			data: { task_id: string; data: Array<{ metadata: { prompt: string } }> };
		};
		ctx.provider.tasks.delete(live);
		task.data[1].metadata.prompt = '[Verse]\nAnother song entirely';
		ctx.provider.addTask(task);
		const result = await ctx.run({ operation: 'get', taskId: live }, { node: 'fetchTool' });
		expect(jsonOf(result).map((item) => item.lyrics)).toEqual([
			task.data[0].metadata.prompt,
			'[Verse]\nAnother song entirely',
		]);
	});

	it('Download Files is not a field of the tool (#24): nothing is downloaded, the URLs are there', async () => {
		const { result } = await timedTool({ pollInterval: 1, downloadFiles: ['audio', 'image'] });
		expect(ctx.provider.counters.media).toBe(0);
		expect(result.items.every((item) => item.binary === undefined)).toBe(true);
		expect(jsonOf(result)[0].audioUrl).toMatch(/\.mp3$/);
	});

	it('Wait for Completion off: the task ID and how to get the song, not the request echoed', async () => {
		const { result, ms } = await timedTool({ waitForCompletion: false });
		expect(ms).toBeLessThan(3000);
		const [item] = jsonOf(result);
		expect(item).toEqual({
			taskId: ctx.provider.submits[0].taskId,
			action: 'MUSIC',
			submittedAt: expect.any(String),
			note: expect.stringContaining('Get it with Suno Fetch (free)'),
		});
	});

	it('the same node in a workflow (not a tool) answers as before: every field, the files', async () => {
		const taskId = ctx.provider.createTask({ finishAfter: 0 });
		const result = await ctx.run({ operation: 'get', taskId, downloadFiles: ['audio'] });
		const [item] = result.items;
		expect(item.json).toMatchObject({ taskId, rawStatus: 'SUCCESS', clipIndex: 0 });
		expect(item.json.note).toBeUndefined();
		expect(item.binary?.audio).toBeDefined();
	});
});

describe('Tool Time Limit in the editor', () => {
	it.each([
		['Suno Generate', new SunoGenerate().description],
		['Suno Fetch', new SunoFetch().description],
	])('%s: a field of the tool variant only, 45 s by default', (_name, description) => {
		const kept = (name: string, parameters: Record<string, unknown>) => {
			const variant = { ...description, name };
			const node = { typeVersion: 1, parameters: {} } as never;
			return NodeHelpers.getNodeParameters(
				variant.properties,
				parameters as never,
				true,
				false,
				node,
				variant,
			)?.toolTimeLimit;
		};
		expect(kept(description.name, { toolTimeLimit: 20 })).toBeUndefined();
		expect(kept(`${description.name}Tool`, { toolTimeLimit: 20 })).toBe(20);
		expect(kept(`${description.name}Tool`, {})).toBe(45);
	});
});
