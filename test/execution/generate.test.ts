/**
 * Suno Generate through real n8n execution against the local provider: what each operation sends,
 * what comes back with and without waiting, many items, and the checks made before paying.
 */
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const submitBodies = () =>
	ctx.submitPosts().map((entry) => ({
		path: entry.path,
		body: JSON.parse(entry.body) as Record<string, unknown>,
	}));
const pollBodies = () =>
	ctx.provider.log
		.filter((entry) => entry.path === '/suno/fetch')
		.map((entry) => (JSON.parse(entry.body) as { ids: string[] }).ids);

describe('Generate Music', () => {
	it('a description becomes one submit with the newest model, then the finished clips', async () => {
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: '  an upbeat song about cats  ',
			pollInterval: 1,
		});
		expect(result.status).toBe('success');
		expect(submitBodies()).toEqual([
			{
				path: '/suno/submit/music',
				body: {
					gpt_description_prompt: 'an upbeat song about cats',
					make_instrumental: false,
					mv: 'chirp-fenix',
				},
			},
		]);
		const [submitted] = ctx.provider.submits;
		const items = jsonOf(result);
		expect(items.map((item) => [item.taskId, item.taskStatus, item.clipIndex])).toEqual([
			[submitted.taskId, 'SUCCESS', 0],
			[submitted.taskId, 'SUCCESS', 1],
		]);
		expect(items[0].model).toBe('chirp-fenix');
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('the first poll waits one interval: a task just submitted cannot be done yet', async () => {
		await ctx.generate({ operation: 'generateMusic', songDescription: 'x', pollInterval: 1 });
		const [submit, firstPoll] = ctx.provider.log;
		expect(firstPoll.path).toBe('/suno/fetch');
		expect(firstPoll.at - submit.at).toBeGreaterThanOrEqual(950);
	});

	it('custom mode sends the lyrics as prompt, the title, and the style as tags', async () => {
		await ctx.generate({
			operation: 'generateMusic',
			mode: 'custom',
			lyrics: '[Verse]\nNeon on the water',
			title: 'Neon Nights',
			style: 'synth-pop, female vocals',
			modelVersion: 'chirp-crow',
			waitForCompletion: false,
		});
		expect(submitBodies()[0].body).toEqual({
			prompt: '[Verse]\nNeon on the water',
			title: 'Neon Nights',
			tags: 'synth-pop, female vocals',
			make_instrumental: false,
			mv: 'chirp-crow',
		});
	});

	it('an instrumental needs no lyrics; any model an expression gives is sent as it is', async () => {
		const result = await ctx.generate({
			operation: 'generateMusic',
			mode: 'custom',
			style: 'ambient piano',
			instrumental: 'true',
			modelVersion: '={{ "chirp-bluejay-beta" }}',
			waitForCompletion: false,
		});
		expect(result.status).toBe('success');
		expect(submitBodies()[0].body).toMatchObject({
			prompt: '',
			make_instrumental: true,
			mv: 'chirp-bluejay-beta',
		});
	});

	it('without waiting: one item per submitted task, with what was asked and no poll', async () => {
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'rain on a tin roof',
			waitForCompletion: false,
		});
		const [item] = jsonOf(result);
		expect(item).toEqual({
			taskId: ctx.provider.submits[0].taskId,
			action: 'MUSIC',
			submittedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			request: {
				gpt_description_prompt: 'rain on a tin roof',
				make_instrumental: false,
				mv: 'chirp-fenix',
			},
		});
		expect(pollBodies()).toEqual([]);
	});

	it('Wait gives the items Suno Fetch gives for the same tasks, plus the model asked for', async () => {
		const generated = await ctx.generate(
			{
				operation: 'generateMusic',
				songDescription: '={{ $json.about }}',
				pollInterval: 1,
				simplify: false,
			},
			{ items: [{ about: 'trains' }, { about: 'boats' }] },
		);
		const ids = ctx.provider.submits.map((submit) => submit.taskId);
		const fetched = await ctx.run({
			operation: 'getMany',
			taskIds: ids.join(','),
			simplify: false,
			// What Generate downloads by default: a song's audio.
			downloadFiles: ['audio'],
		});
		expect(jsonOf(generated)).toEqual(
			jsonOf(fetched).map((item) => ({
				...item,
				requestedModel: 'chirp-fenix',
				notAsAsked: null,
			})),
		);
		expect(generated.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	it('many items: one submit each, then one shared wait that polls them together', async () => {
		const result = await ctx.generate(
			{
				operation: 'generateMusic',
				songDescription: '={{ $json.about }}',
				pollInterval: 1,
				// Suno Fetch's option, not offered here (#24): n8n drops it, the default of 100 holds.
				options: { batchSize: 2 },
			},
			{ items: [{ about: 'one' }, { about: 'two' }, { about: 'three' }] },
		);
		expect(result.status).toBe('success');
		const ids = ctx.provider.submits.map((submit) => submit.taskId);
		expect(ctx.provider.submits.map((submit) => submit.body.gpt_description_prompt)).toEqual(
			expect.arrayContaining(['one', 'two', 'three']),
		);
		const polled = pollBodies();
		// A task is done on its fourth poll: four rounds, each of the 3 ids in one request.
		expect(polled.map((batch) => batch.length)).toEqual([3, 3, 3, 3]);
		expect(new Set(polled.flat())).toEqual(new Set(ids));
		const byItem = result.items.map((item) => [
			(item.pairedItem as { item: number }).item,
			item.json.description,
		]);
		expect(byItem).toEqual([
			[0, 'one'],
			[0, 'one'],
			[1, 'two'],
			[1, 'two'],
			[2, 'three'],
			[2, 'three'],
		]);
	});

	it('Download Files attaches each finished clip’s audio', async () => {
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'a lullaby',
			pollInterval: 1,
			downloadFiles: ['audio'],
		});
		expect(result.items.map((item) => item.binary?.audio?.mimeType)).toEqual([
			'audio/mpeg',
			'audio/mpeg',
		]);
		expect(ctx.provider.log.filter((entry) => entry.path.startsWith('/media/'))).toHaveLength(2);
	});

	it('On Timeout: the unfinished tasks come out as they are, with a hint, never resubmitted', async () => {
		ctx.provider.advance = 60_000;
		try {
			const result = await ctx.generate({
				operation: 'generateMusic',
				songDescription: 'slow',
				pollInterval: 1,
				maxWait: 0.1,
			});
			expect(result.status).toBe('success');
			// Not started yet: one item for the task, with no clip.
			expect(jsonOf(result).map((item) => [item.taskStatus, item.clipId])).toEqual([
				['NOT_START', null],
			]);
			expect(result.hints.map((hint) => hint.message).join(' ')).toMatch(
				/1 task was still unfinished after \d+ s: .*It was not submitted again: fetch it later with Suno Fetch\./,
			);
			expect(ctx.provider.counters.submitAttempts).toBe(1);
		} finally {
			ctx.provider.advance = 'poll';
		}
	});
});

describe('Extend Music', () => {
	it('continues a clip from a point, with the origin task', async () => {
		const origin = ctx.provider.createTask({ finishAfter: 0 });
		const result = await ctx.generate({
			operation: 'extendMusic',
			clipId: 'clip-123',
			originTaskId: origin,
			continueAt: '42.5',
			lyrics: '[Bridge]\nAnd on',
			pollInterval: 1,
		});
		expect(result.status).toBe('success');
		expect(submitBodies()[0].body).toEqual({
			prompt: '[Bridge]\nAnd on',
			make_instrumental: false,
			mv: 'chirp-fenix',
			continue_clip_id: 'clip-123',
			continue_at: 42.5,
			task_id: origin,
		});
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['SUCCESS', 'SUCCESS']);
	});

	it.each([
		[{ clipId: '={{ "" }}' }, 'Clip ID'],
		[{ originTaskId: ' ' }, 'Origin Task ID'],
		[{ continueAt: -5 }, 'Continue At (Seconds) must be at least 0 (it is -5).'],
		[{ continueAt: 'abc' }, 'Continue At (Seconds) must be a number, not "abc".'],
		[{ continueAt: 0 }, 'Continue At (Seconds) is 0'],
	])('refused before anything is sent: %s', async (change, message) => {
		const result = await ctx.generate({
			operation: 'extendMusic',
			clipId: 'clip-1',
			originTaskId: 'task-1',
			continueAt: 30,
			...change,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(message);
		expect(ctx.provider.log).toEqual([]);
	});
});

describe('Generate Lyrics', () => {
	it('sends the prompt and returns the lyrics task’s title and text', async () => {
		const result = await ctx.generate({
			operation: 'generateLyrics',
			prompt: 'a lighthouse keeper in love',
			pollInterval: 1,
		});
		expect(submitBodies()).toEqual([
			{ path: '/suno/submit/lyrics', body: { prompt: 'a lighthouse keeper in love' } },
		]);
		const [item] = jsonOf(result);
		expect(item.action).toBe('LYRICS');
		expect(item.taskStatus).toBe('SUCCESS');
		expect(item.title).toEqual(expect.any(String));
		expect(item.lyrics).toContain('lighthouse keeper');
	});
});

describe('checked before anything is paid for', () => {
	it.each([
		[{ operation: 'generateLyrics', prompt: '   ' }, 'Prompt is empty'],
		[{ operation: 'generateMusic', songDescription: '={{ "  " }}' }, 'Song Description is empty'],
		[{ operation: 'generateMusic', mode: 'custom', lyrics: '' }, 'Lyrics is empty'],
		[
			{ operation: 'generateMusic', songDescription: 'x', modelVersion: '' },
			'Model Version is empty',
		],
		[
			{ operation: 'generateMusic', songDescription: 'x', modelVersion: 'chirp-v3-5' },
			'Model Version chirp-v3-5 is offline',
		],
		[
			{
				operation: 'generateMusic',
				mode: 'custom',
				lyrics: 'x'.repeat(3001),
				modelVersion: 'chirp-v4',
			},
			'Lyrics is 3001 characters long; chirp-v4 takes at most 3000.',
		],
		[
			{
				operation: 'generateMusic',
				songDescription: 'x',
				options: { additionalBodyFields: '{"a":' },
			},
			'Extra Body Fields is not valid JSON',
		],
		[
			{
				operation: 'generateMusic',
				songDescription: 'x',
				options: { additionalBodyFields: '[1]' },
			},
			'Extra Body Fields must be a JSON object',
		],
		[
			{
				operation: 'generateMusic',
				songDescription: 'x',
				options: { additionalBodyFields: '{"mv":"v"}' },
			},
			'Extra Body Fields sets "mv"',
		],
	])('%#: %s', async (parameters, message) => {
		const result = await ctx.generate({ waitForCompletion: false, ...parameters });
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain(message);
		expect(ctx.provider.log).toEqual([]);
	});

	it('one bad item among many stops the run before any submit', async () => {
		const result = await ctx.generate(
			{
				operation: 'generateMusic',
				songDescription: '={{ $json.about }}',
				waitForCompletion: false,
			},
			{ items: [{ about: 'fine' }, { about: '' }, { about: 'also fine' }] },
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('Song Description is empty');
		expect(result.error?.context?.itemIndex).toBe(1);
		expect(ctx.provider.counters.submitAttempts).toBe(0);
	});

	it('with On Error → Continue, the bad item gets an error item and the others are submitted', async () => {
		const result = await ctx.generate(
			{
				operation: 'generateMusic',
				songDescription: '={{ $json.about }}',
				waitForCompletion: false,
			},
			{ items: [{ about: 'fine' }, { about: '' }, { about: 'also fine' }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.pairedItem, Object.keys(item.json)[0]])).toEqual([
			[{ item: 0 }, 'taskId'],
			[{ item: 1 }, 'error'],
			[{ item: 2 }, 'taskId'],
		]);
		expect(ctx.provider.counters.submit).toBe(2);
	});

	it('Extra Body Fields are added to the body', async () => {
		await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'x',
			waitForCompletion: false,
			options: {
				additionalBodyFields: '{"negative_tags": "heavy metal", "metadata": {"vocal_gender": "f"}}',
			},
		});
		expect(submitBodies()[0].body).toMatchObject({
			negative_tags: 'heavy metal',
			metadata: { vocal_gender: 'f' },
			mv: 'chirp-fenix',
		});
	});
});

describe('the provider’s answers', () => {
	it.each(['uuid', 'hex', 'task'] as const)(
		'a %s task id is submitted, waited for and output',
		async (style) => {
			ctx.provider.idStyle = style;
			const result = await ctx.generate({
				operation: 'generateMusic',
				songDescription: 'x',
				pollInterval: 1,
			});
			const [{ taskId }] = ctx.provider.submits;
			expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
				[taskId, 'SUCCESS'],
				[taskId, 'SUCCESS'],
			]);
		},
	);

	it('a 2026 gateway’s message comes with the task', async () => {
		ctx.provider.era = '2026';
		ctx.provider.idStyle = 'task';
		const result = await ctx.generate({
			operation: 'generateLyrics',
			prompt: 'x',
			waitForCompletion: false,
		});
		expect(jsonOf(result)[0]).toMatchObject({
			taskId: expect.stringMatching(/^task_[0-9A-Za-z]{32}$/),
			providerMessage: 'task completed successfully',
		});
	});

	it('an id wrapped as {task_id} is read', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			body: { code: 'success', message: '', data: { task_id: 'wrapped-1' } },
		});
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'x',
			waitForCompletion: false,
		});
		expect(jsonOf(result)[0].taskId).toBe('wrapped-1');
	});
});
