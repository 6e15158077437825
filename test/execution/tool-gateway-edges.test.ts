/**
 * Where the merged features meet: the nodes as AI tools (issue 21) against gateways off the
 * mainstream (issue 19) and new-api's official Suno channel (issue 22). An AI Agent reads a tool's
 * error by its message alone (n8n's buildObservation passes `error.message`, not its description),
 * so what a tool's caller must know — a paid task's ID, that a task may exist — is in the message.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const song = { operation: 'generateMusic', songDescription: 'a song about the sea' };
const generateTool = (parameters: IDataObject, extra = {}) =>
	ctx.run({ ...song, pollInterval: 1, ...parameters }, { node: 'generateTool', ...extra });
const fetchTool = (parameters: IDataObject, extra = {}) =>
	ctx.run(parameters, { node: 'fetchTool', ...extra });
const DO_NOT_RESUBMIT = /do not submit (it|them) again/i;

describe('a tool against a gateway off the mainstream', () => {
	it('snowflake ids: the compact answer and its note name the paid task digit for digit', async () => {
		ctx.provider.idStyle = 'snowflake';
		ctx.provider.submitDurationMs = [60_000, 60_000];
		const result = await generateTool({ toolTimeLimit: 5 });
		const [{ taskId }] = ctx.provider.submits;
		expect(Number.isSafeInteger(Number(taskId))).toBe(false);
		const [first] = jsonOf(result);
		expect(first.taskId).toBe(String(taskId));
		expect(first.note).toContain(`task ID ${taskId}`);
	});

	it('snowflake ids, a finished song: each clip under its task, digit for digit', async () => {
		ctx.provider.idStyle = 'snowflake';
		const result = await generateTool({});
		const [{ taskId }] = ctx.provider.submits;
		expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
			[String(taskId), 'SUCCESS'],
			[String(taskId), 'SUCCESS'],
		]);
	});

	it('the official channel (camelCase clips): the compact answer has the audio URL, title and duration', async () => {
		ctx.provider.gateway = 'official';
		const result = await generateTool({});
		const items = jsonOf(result);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.audioUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\/.+\.mp3$/);
			expect(item.duration).toBe(121.5);
			expect(typeof item.title).toBe('string');
			expect(item.requestedModel).toBeUndefined();
		}
	});

	it('a replica that lists the new task later than the tool may wait: SUBMITTED, its ID and a word not to resubmit', async () => {
		ctx.provider.listLagMs = 600_000;
		const result = await generateTool({ toolTimeLimit: 5 });
		expect(ctx.provider.counters.submitAttempts).toBe(1);
		expect(jsonOf(result)).toEqual([
			{
				taskId: ctx.provider.submits[0].taskId,
				taskStatus: 'SUBMITTED',
				note: expect.stringMatching(DO_NOT_RESUBMIT),
			},
		]);
	});

	it('a replica a moment behind, within the time: the song', async () => {
		ctx.provider.listLagMs = 1500;
		const result = await generateTool({ toolTimeLimit: 20 });
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['SUCCESS', 'SUCCESS']);
	});

	it('file URLs signed with the key: masked in the compact answer', async () => {
		ctx.provider.signMediaWithKey = true;
		const result = await generateTool({});
		const text = JSON.stringify(jsonOf(result));
		expect(text).not.toContain(ctx.provider.apiKey);
		expect(text).toContain('?key=***');
	});

	it('a task ID holding the key (pasted by the user): masked in the tool note too', async () => {
		const key = ctx.provider.apiKey;
		ctx.provider.addTask({ task_id: key, status: 'IN_PROGRESS', data: [] });
		const taskId = `={{ ${JSON.stringify(key.slice(0, 3))} + ${JSON.stringify(key.slice(3))} }}`;
		const result = await fetchTool({ operation: 'get', taskId });
		const [item] = jsonOf(result);
		expect(item.taskId).toBe('***');
		expect(item.note).toContain('Fetch task *** again later');
	});

	it('a clip made by another model: the tool says so (notAsAsked), without requestedModel', async () => {
		ctx.provider.upgrades = { 'chirp-fenix': 'chirp-hawk' };
		const result = await generateTool({});
		for (const item of jsonOf(result)) {
			expect(String(item.notAsAsked)).toMatch(/made by chirp-hawk v6, not chirp-fenix/);
			expect(item.requestedModel).toBeUndefined();
		}
	});

	it('Tool Time Limit given by an expression as text is read as seconds', async () => {
		ctx.provider.submitDurationMs = [60_000, 60_000];
		const started = Date.now();
		const result = await generateTool({ toolTimeLimit: '={{ "5" }}' });
		expect(Date.now() - started).toBeLessThan(6500);
		expect(jsonOf(result)[0].note).toMatch(DO_NOT_RESUBMIT);
	});
});

describe('a tool whose run fails after a paid submit: the message alone tells the caller', () => {
	it('On Timeout = Fail with Max Wait before the limit: the message names the paid task and says not to resubmit', async () => {
		ctx.provider.listLagMs = 600_000;
		const result = await generateTool({
			toolTimeLimit: 30,
			pollInterval: 3,
			maxWait: 0.1,
			onTimeout: 'error',
		});
		expect(result.status).toBe('error');
		const [{ taskId }] = ctx.provider.submits;
		expect(result.error?.message).toContain(taskId);
		expect(result.error?.message).toMatch(DO_NOT_RESUBMIT);
	});

	it('a 302 after the paid POST: the message says a task may have been created', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 302,
			body: '',
			headers: { location: '/suno/fetch/task_abcdefghijklmnop' },
		});
		const result = await generateTool({ options: { retries: 3 } });
		expect(result.status).toBe('error');
		expect(ctx.provider.log).toHaveLength(1);
		expect(result.error?.message).toContain('A task may have been created (and charged)');
	});

	// Hostile review: "Details: ETIMEDOUT…" in the message made n8n swap it for its own "The connection
	// timed out, consider setting the 'Retry on Fail' option", which pays again and hides the note.
	it('a submit that times out: the message says a task may exist, not to use Retry On Fail', async () => {
		ctx.provider.injectFault({ hang: true });
		const result = await generateTool({ waitForCompletion: false, options: { timeout: 1 } });
		expect(ctx.submitPosts()).toHaveLength(1);
		expect(result.error?.message).toMatch(/^The provider at .* did not answer within 1 s\./);
		expect(result.error?.message).toContain('A task may have been created (and charged)');
		expect(result.error?.message).not.toContain('Retry on Fail');
	});

	it('polls that fail after the paid submit: the message names the paid task', async () => {
		ctx.provider.injectFault({ pass: true }); // the submit
		ctx.provider.injectFault({ status: 500, body: { error: 'boom' }, times: 20 });
		const result = await generateTool({ toolTimeLimit: 20, options: { retries: 0 } });
		expect(ctx.provider.counters.submitAttempts).toBe(1);
		const [{ taskId }] = ctx.provider.submits;
		expect(JSON.stringify(jsonOf(result)) + (result.error?.message ?? '')).toContain(taskId);
		expect(JSON.stringify(jsonOf(result)) + (result.error?.message ?? '')).toMatch(DO_NOT_RESUBMIT);
	});

	it('one failure among two submits: the message names the task the other one paid for', async () => {
		ctx.provider.injectFault({ pass: true }); // item 0's submit
		ctx.provider.injectFault({ status: 429, body: { error: { message: 'slow down' } }, times: 10 });
		const result = await generateTool(
			{ options: { concurrency: 1 }, waitForCompletion: false },
			{ items: [{}, {}] },
		);
		expect(result.status).toBe('error');
		expect(ctx.provider.submits).toHaveLength(1);
		expect(result.error?.message).toContain(ctx.provider.submits[0].taskId);
	});

	it('the same node in a workflow keeps its message short: the rest stays in the description', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 302,
			body: '',
			headers: { location: '/suno/fetch/task_abcdefghijklmnop' },
		});
		const result = await ctx.generate({ ...song, waitForCompletion: false });
		expect(result.error?.message).not.toContain('A task may have been created');
		expect(result.error?.description).toContain('A task may have been created');
	});
});

describe('Suno Fetch as a tool and not: an id the gateway never lists', () => {
	it.each([
		['as a tool', 'fetchTool'],
		['in a workflow', 'fetch'],
	] as const)(
		'%s, with Wait: a NOT_FOUND item saying how long it was polled (as a tool, a word to ask again once)',
		async (_how, node) => {
			const result = await ctx.run(
				{
					operation: 'getMany',
					taskIds: 'ghost-1',
					waitForCompletion: true,
					pollInterval: 1,
					maxWait: 0.1,
				},
				{ node },
			);
			const [item] = jsonOf(result);
			expect(item.taskStatus).toBe('NOT_FOUND');
			expect(String(item.failReason)).toMatch(/^Task ghost-1 was never listed by the provider/);
			if (node === 'fetch') expect(item.note).toBeUndefined();
			else expect(item.note).toMatch(/fetch it again in a minute, and do not submit it again/);
		},
	);

	it('as a tool without Wait: NOT_FOUND, and the same id asked twice is answered once', async () => {
		const taskId = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const result = await fetchTool({
			operation: 'getMany',
			taskIds: `ghost-1, ${taskId}, ghost-1`,
		});
		const items = jsonOf(result);
		expect(items.map((item) => [item.taskId, item.taskStatus])).toEqual([
			['ghost-1', 'NOT_FOUND'],
			[taskId, 'IN_PROGRESS'],
			[taskId, 'IN_PROGRESS'],
		]);
		expect(items[0].note).toMatch(/^The provider does not list task ghost-1\./);
		expect(items[1].note).toContain(`Fetch task ${taskId} again later`);
	});

	it('as a tool, a task listed late and still unfinished when the time ends: its status and a word to fetch later', async () => {
		const taskId = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const result = await fetchTool({
			operation: 'get',
			taskId,
			waitForCompletion: true,
			pollInterval: 1,
			toolTimeLimit: 5,
		});
		const [item] = jsonOf(result);
		expect(item).toMatchObject({ taskId, taskStatus: 'IN_PROGRESS' });
		expect(item.note).toContain('again later');
	});
});

describe('Stop during a tool’s wait', () => {
	it('the run ends promptly, after one submit', async () => {
		ctx.provider.submitDurationMs = [60_000, 60_000];
		const started = Date.now();
		const result = await generateTool({ toolTimeLimit: 30 }, { cancelAfterMs: 1500 });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(result.status).toBe('canceled');
		expect(ctx.provider.submits).toHaveLength(1);
	});
});

describe('an id given as a number past 2^53 (a snowflake id an upstream node read as a number)', () => {
	it.each([
		['Get', 'fetch', { operation: 'get', taskId: '={{ 15446738012545266924 }}' }],
		['Get Many', 'fetch', { operation: 'getMany', taskIds: '={{ [15446738012545266924] }}' }],
		['Get as a tool', 'fetchTool', { operation: 'get', taskId: '={{ 15446738012545266924 }}' }],
	] as const)(
		'%s: an error naming the field and saying to keep the id as text, no fetch of a rounded id',
		async (_how, node, parameters) => {
			ctx.provider.idStyle = 'snowflake';
			const result = await ctx.run(parameters, { node });
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(/^Task IDs? .*past 2\^53/);
			expect(result.error?.message).toMatch(/as text/);
			expect(ctx.provider.counters.requests).toBe(0);
		},
	);

	it('a safe numeric id is taken as it is', async () => {
		ctx.provider.addTask({ task_id: '12345', status: 'SUCCESS', data: [] });
		const result = await ctx.run({ operation: 'get', taskId: '={{ 12345 }}' });
		expect(jsonOf(result)[0]).toMatchObject({ taskId: '12345', taskStatus: 'SUCCESS' });
	});
});

describe('a gateway that answers the submit with the key as the task id', () => {
	const echoKey = () =>
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 200,
			body: { code: 'success', message: '', data: ctx.provider.apiKey },
		});

	it.each([
		['in a workflow', 'generate'],
		['as a tool', 'generateTool'],
	] as const)('%s, Wait off: the item and its note mask it', async (_how, node) => {
		echoKey();
		const result = await ctx.run({ ...song, waitForCompletion: false }, { node });
		expect(result.status).toBe('success');
		expect(jsonOf(result)[0].taskId).toBe('***');
	});
});

describe('a paid task never listed, with On Missing Task and On Timeout both Fail', () => {
	it('On Error → Continue: one error item for the task, naming it', async () => {
		ctx.provider.listLagMs = 600_000;
		const result = await ctx.generate(
			{
				...song,
				pollInterval: 3,
				maxWait: 0.1,
				onTimeout: 'error',
				options: { onMissing: 'error' },
			},
			{ continueOnFail: true },
		);
		const [{ taskId }] = ctx.provider.submits;
		const items = jsonOf(result);
		expect(items).toHaveLength(1);
		expect(items[0].taskId).toBe(taskId);
		expect(String(items[0].error)).toContain(taskId);
	});
});

describe('Suno Fetch of tasks of two actions, as a tool, when one action’s request does not answer in time', () => {
	it('the finished task of the other action is answered as finished, with no word to fetch it later', async () => {
		const music = ctx.provider.createTask({ finishAfter: 0 });
		const lyrics = ctx.provider.createTask({ action: 'LYRICS', finishAfter: 0 });
		ctx.provider.injectFault({ pass: true }); // MUSIC's batch
		ctx.provider.injectFault({ hang: true, times: 5 }); // LYRICS' batch
		const result = await fetchTool(
			{
				operation: 'getMany',
				taskIds: '={{ $json.ids }}',
				action: '={{ $json.action }}',
				toolTimeLimit: 5,
			},
			{
				items: [
					{ ids: music, action: 'MUSIC' },
					{ ids: lyrics, action: 'LYRICS' },
				],
				continueOnFail: true,
			},
		);
		const items = jsonOf(result);
		const finished = items.filter((item) => item.taskId === music);
		expect(finished.map((item) => item.taskStatus)).toEqual(['SUCCESS', 'SUCCESS']);
		expect(finished[0].note).toBeUndefined();
		expect(items.find((item) => item.error !== undefined)?.error).toContain(
			'did not answer within the Tool Time Limit',
		);
		expect(result.hints.map((hint) => hint.message).join(' ')).not.toContain(music);
	});
});

describe('Get Lyrics Timing with the key pasted as a clip id', () => {
	it('a gateway that answers it with no words: the item and the hint mask it', async () => {
		const key = ctx.provider.apiKey;
		ctx.provider.setRoute('GET', `/suno/act/timing/${key}`, {
			status: 200,
			body: { aligned_words: [], waveform_data: [] },
		});
		const clipIds = `={{ ${JSON.stringify(key.slice(0, 3))} + ${JSON.stringify(key.slice(3))} }}`;
		const result = await ctx.run({ operation: 'getLyricsTiming', clipIds }, ctx.offering());
		expect(jsonOf(result)[0].clipId).toBe('***');
		expect(result.hints.map((hint) => hint.message).join(' ')).toContain('clip ***');
	});
});

describe('a tool whose submit is rate limited with a Retry-After past its time', () => {
	it('answers within the Tool Time Limit, saying nothing was created', async () => {
		ctx.provider.injectFault({
			status: 429,
			body: { error: { message: 'slow down' } },
			headers: { 'retry-after': '20' },
			times: 10,
		});
		const started = Date.now();
		const result = await generateTool({ toolTimeLimit: 5, options: { retries: 3 } });
		expect(Date.now() - started).toBeLessThan(6500);
		expect(result.status).toBe('error');
		expect(ctx.provider.submits).toHaveLength(0);
		expect(result.error?.message).toContain('Nothing was created, so nothing was charged.');
	});
});

describe('Suno Fetch as a tool, right after Suno Generate as a tool, from a replica a moment behind', () => {
	it('the task not listed yet: NOT_FOUND with a word to ask again and not to submit it again', async () => {
		const submitted = await generateTool({ waitForCompletion: false });
		const { taskId } = jsonOf(submitted)[0];
		ctx.provider.listLagMs = 600_000;
		const result = await fetchTool({ operation: 'get', taskId: String(taskId) });
		const [item] = jsonOf(result);
		expect(item).toMatchObject({ taskId, taskStatus: 'NOT_FOUND' });
		expect(item.note).toMatch(/again in a minute/);
		expect(item.note).toMatch(DO_NOT_RESUBMIT);
	});
});
