/**
 * The provider extras through real n8n execution against the local provider: what each operation
 * sends and gives back, where it is refused before anything is sent, and what a stock new-api
 * gateway (which lacks them) makes of each, with the request log as witness.
 */
import type { IDataObject } from 'n8n-workflow';

import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const { offering, finishedSong } = ctx;

const sent = () =>
	ctx.provider.log
		.filter((entry) => !entry.path.startsWith('/media/') && entry.path !== '/suno/fetch')
		.map((entry) => ({
			method: entry.method,
			path: entry.path,
			body: entry.body ? (JSON.parse(entry.body) as Record<string, unknown>) : undefined,
		}));

const fast = { pollInterval: 1 };

describe('refused before anything is sent', () => {
	const cases: Array<[string, 'fetch' | 'generate', IDataObject]> = [
		['Concatenate', 'generate', { operation: 'concatenate', clipId: 'c1' }],
		[
			'Separate Stems',
			'generate',
			{ operation: 'separateStems', clipId: 'c1', originTaskId: 't1' },
		],
		[
			'Upload Audio From URL',
			'generate',
			{ operation: 'uploadAudio', audioUrl: 'https://x.test/a.mp3' },
		],
		['Cover', 'generate', { operation: 'cover', clipId: 'c1' }],
		[
			'Generate Song With Persona',
			'generate',
			{ operation: 'generateWithPersona', personaId: 'p1', artistClipId: 'c1', lyrics: 'la' },
		],
		['Create Persona', 'generate', { operation: 'createPersona', clipId: 'c1', personaName: 'Me' }],
		['Convert to WAV', 'generate', { operation: 'convertToWav', clipId: 'c1' }],
		['Render MP4 Video', 'generate', { operation: 'renderMp4', clipId: 'c1' }],
		['Get Lyrics Timing', 'fetch', { operation: 'getLyricsTiming', clipIds: 'c1' }],
	];

	it.each(cases)(
		'%s on a Custom gateway that does not say it offers it: an error that says why, and no request',
		async (name, node, parameters) => {
			const result = await ctx.run(parameters, { node });
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				`${name} is not enabled for this gateway, so nothing was sent.`,
			);
			expect(result.error?.description).toContain('Extra Operations Offered');
			// A song submit with extra fields risks a plain song; an own route, an error or a web page.
			expect(result.error?.description).toMatch(
				/bill an ordinary song|answers with an error or a web page/,
			);
			expect(ctx.provider.log).toEqual([]);
		},
	);

	it('ticking one operation enables that one only', async () => {
		const result = await ctx.generate(
			{ operation: 'cover', clipId: 'c1' },
			offering(['concatenate']),
		);
		expect(result.error?.message).toBe(
			'Cover is not enabled for this gateway, so nothing was sent.',
		);
		expect(ctx.provider.log).toEqual([]);
	});

	it('a preset whose provider does not document them (gpt.ge) is refused without a request', async () => {
		const result = await ctx.generate(
			{ operation: 'concatenate', clipId: 'c1' },
			{ credentials: { apiKey: ctx.provider.apiKey, provider: 'https://api.gpt.ge' } },
		);
		expect(result.error?.message).toBe(
			'Concatenate is not enabled for this gateway, so nothing was sent.',
		);
		expect(ctx.provider.log).toEqual([]);
	});

	it('with On Error → Continue every item gets the refusal, and still nothing is sent', async () => {
		const result = await ctx.generate(
			{ operation: 'separateStems', clipId: 'c1', originTaskId: 't1' },
			{ items: [{ json: {} }, { json: {} }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result).map((item) => item.error)).toEqual([
			'Separate Stems is not enabled for this gateway, so nothing was sent.',
			'Separate Stems is not enabled for this gateway, so nothing was sent.',
		]);
		expect(ctx.provider.log).toEqual([]);
	});

	it('Extra Body Fields is not offered for a GET (Convert to WAV), which has no body', async () => {
		const { SunoGenerate } = await import('../../nodes/SunoGenerate/SunoGenerate.node');
		const options = new SunoGenerate().description.properties.find(
			(field) => field.name === 'options',
		);
		const field = options?.options?.find(
			(option) => 'name' in option && option.name === 'additionalBodyFields',
		);
		expect((field as { displayOptions?: unknown } | undefined)?.displayOptions).toEqual({
			hide: { '/operation': ['convertToWav', 'renderMp4'] },
		});
	});

	it('an Audio URL that is not http(s) is refused before the paid upload', async () => {
		const result = await ctx.generate(
			{ operation: 'uploadAudio', audioUrl: 'file:///etc/passwd' },
			offering(),
		);
		expect(result.error?.message).toContain('Audio URL must be a public http(s) address');
		expect(ctx.provider.log).toEqual([]);
	});
});

describe('on a gateway that offers them', () => {
	it('Concatenate: {clip_id, is_infill} to /suno/submit/concat, then the one full-song clip', async () => {
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'concatenate', clipId: clipIds[0], ...fast },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/suno/submit/concat',
				body: { clip_id: clipIds[0], is_infill: false },
			},
		]);
		const items = jsonOf(result);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({
			taskId: ctx.provider.submits[0].taskId,
			taskStatus: 'SUCCESS',
			title: 'Neon Nights',
			notAsAsked: null,
		});
		expect(result.hints).toEqual([]);
	});

	it('Separate Stems (two): the documented gen_stem body, then one item per stem, named', async () => {
		const { taskId, clipIds } = finishedSong();
		const result = await ctx.generate(
			{
				operation: 'separateStems',
				clipId: clipIds[1],
				originTaskId: taskId,
				stemTitle: 'Neon Nights',
				...fast,
			},
			offering(),
		);
		expect(result.status).toBe('success');
		expect(sent()[0]).toEqual({
			method: 'POST',
			path: '/suno/submit/music',
			body: {
				task: 'gen_stem',
				generation_type: 'TEXT',
				title: 'Neon Nights',
				mv: 'chirp-auk',
				prompt: '',
				make_instrumental: true,
				task_id: taskId,
				continue_clip_id: clipIds[1],
				continued_aligned_prompt: null,
				continue_at: null,
				stem_type_id: 91,
				stem_type_group_name: 'Two',
				stem_task: 'two',
			},
		});
		const items = jsonOf(result);
		expect(items.map((item) => [item.stem, item.title, item.notAsAsked])).toEqual([
			['Vocals', 'Neon Nights - Vocals', null],
			['Instrumental', 'Neon Nights - Instrumental', null],
		]);
	});

	it('Separate Stems (all instruments): twelve stems, each its own item with its audio file', async () => {
		const { taskId, clipIds } = finishedSong();
		const result = await ctx.generate(
			{
				operation: 'separateStems',
				clipId: clipIds[0],
				originTaskId: taskId,
				stems: 'twelve',
				downloadFiles: ['audio'],
				...fast,
			},
			offering(),
		);
		expect(result.status).toBe('success');
		expect(sent()[0].body).toMatchObject({ stem_type_group_name: 'Twelve', stem_task: 'twelve' });
		expect(result.items).toHaveLength(12);
		expect(result.items.map((item) => item.json.stem)).toContain('Drums');
		expect(result.items.every((item) => item.binary?.audio?.mimeType === 'audio/mpeg')).toBe(true);
		// Empty Title sends the clip ID: the gateways document title as required.
		expect(sent()[0].body?.title).toBe(clipIds[0]);
	});

	it('Upload Audio From URL: {url} to /suno/uploads/audio-url, then the clip Extend and Cover take', async () => {
		const result = await ctx.generate(
			{ operation: 'uploadAudio', audioUrl: ' https://cdn.example.com/My%20Demo.mp3 ', ...fast },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/suno/uploads/audio-url',
				body: { url: 'https://cdn.example.com/My%20Demo.mp3' },
			},
		]);
		const [item] = jsonOf(result);
		expect(item.title).toBe('My Demo');
		expect(typeof item.clipId).toBe('string');
	});

	it('Cover: task "cover" with cover_clip_id and the song fields; its clips are marked as a cover', async () => {
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'cover', clipId: clipIds[0], style: 'jazz', ...fast },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(sent()[0].body).toEqual({
			prompt: '',
			tags: 'jazz',
			make_instrumental: false,
			mv: 'chirp-fenix',
			task: 'cover',
			cover_clip_id: clipIds[0],
		});
		expect(jsonOf(result).map((item) => item.notAsAsked)).toEqual([null, null]);
	});

	it('Create Persona: answered at once with the persona, no task and no poll', async () => {
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{
				operation: 'createPersona',
				clipId: clipIds[0],
				personaName: 'Midnight',
				personaDescription: 'warm',
			},
			offering(),
		);
		expect(result.status).toBe('success');
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/suno/persona/create',
				body: {
					root_clip_id: clipIds[0],
					name: 'Midnight',
					description: 'warm',
					clips: [clipIds[0]],
					is_public: false,
				},
			},
		]);
		expect(ctx.provider.log.filter((entry) => entry.path === '/suno/fetch')).toEqual([]);
		const [item] = jsonOf(result);
		expect(item).toMatchObject({
			personaId: ctx.provider.personas[0].id,
			name: 'Midnight',
			rootClipId: clipIds[0],
			clipIds: [clipIds[0]],
		});
	});

	it('Generate Song With Persona: the persona fields, and clips carrying the persona', async () => {
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{
				operation: 'generateWithPersona',
				personaId: 'persona-1',
				artistClipId: clipIds[0],
				lyrics: '[Verse]\nHello',
				...fast,
			},
			offering(),
		);
		expect(result.status).toBe('success');
		expect(sent()[0].body).toMatchObject({
			task: 'artist_consistency',
			persona_id: 'persona-1',
			artist_clip_id: clipIds[0],
			generation_type: 'TEXT',
			prompt: '[Verse]\nHello',
		});
		expect(jsonOf(result).map((item) => item.notAsAsked)).toEqual([null, null]);
	});
});

describe('Convert to WAV and Render MP4: every answer shape seen, and none guessed', () => {
	const plainFile = async (name: string) =>
		Buffer.from(await (await fetch(`${ctx.provider.url}/media/${name}`)).arrayBuffer());

	it.each(['url', 'object', 'raw', 'bytes'])(
		'a WAV answered as %s becomes the item and, with Download Files, its file byte for byte',
		async (shape) => {
			ctx.provider.actShape = shape as never;
			const { clipIds } = finishedSong();
			const result = await ctx.generate(
				{ operation: 'convertToWav', clipId: clipIds[0], downloadFiles: ['audio'] },
				offering(),
			);
			expect(result.status).toBe('success');
			expect(sent()).toEqual([
				{ method: 'GET', path: `/suno/act/wav/${clipIds[0]}`, body: undefined },
			]);
			const [item] = result.items;
			expect(item.json).toMatchObject({ clipId: clipIds[0], fileType: 'wav' });
			if (shape !== 'bytes')
				expect(item.json.fileUrl).toBe(`${ctx.provider.url}/media/${clipIds[0]}.wav`);
			expect(item.binary?.audio?.mimeType).toBe('audio/wav');
			expect(item.binary?.audio?.fileName).toBe(`suno-${clipIds[0]}.wav`);
			const bytes = Buffer.from(item.binary!.audio.data, 'base64');
			expect(bytes.equals(await plainFile(`${clipIds[0]}.wav`))).toBe(true);
		},
	);

	it('an MP4 answered with a URL lands in the video field', async () => {
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'renderMp4', clipId: clipIds[1], downloadFiles: ['video'] },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(result.items[0].json.fileUrl).toBe(`${ctx.provider.url}/media/${clipIds[1]}.mp4`);
		expect(result.items[0].binary?.video?.mimeType).toBe('video/mp4');
	});

	it('Download Files takes the WAV with Audio only: another file kind downloads nothing', async () => {
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0], downloadFiles: ['image'] },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(result.items[0].binary).toBeUndefined();
		expect(ctx.provider.log.filter((entry) => entry.path.startsWith('/media/'))).toEqual([]);
	});

	it('a WAV answered with a task ID is waited for like any task', async () => {
		ctx.provider.actShape = 'taskId';
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0], ...fast },
			offering(),
		);
		expect(result.status).toBe('success');
		const [item] = jsonOf(result);
		expect(item.taskStatus).toBe('SUCCESS');
		expect(String(item.audioUrl)).toMatch(/\.wav$/);
	});

	it.each([
		['empty', '""'],
		['weird', '{"state":"running"}'],
	])('an answer with no file (%s) is an error that quotes it', async (shape, quoted) => {
		ctx.provider.actShape = shape as never;
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0] },
			offering(),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toContain('holds no WAV file, URL or task ID');
		expect(result.error?.message).toContain(quoted);
		// Sent once: it may be billed.
		expect(ctx.provider.counters.act).toBe(1);
	});

	it('an unknown clip is named as such, and not sent again', async () => {
		const result = await ctx.generate(
			{ operation: 'renderMp4', clipId: 'no-such-clip', options: { retries: 3 } },
			offering(),
		);
		expect(result.error?.message).toContain('does not know that clip');
		expect(result.error?.description).toContain('Nothing was created');
		expect(ctx.provider.counters.act).toBe(1);
	});
});

describe('Get Lyrics Timing (Suno Fetch)', () => {
	const lyrics = '[Verse]\nWinter winds they cut so deep\n[Chorus]\nHold on';

	it('one item per clip: the lines with their sections and times, SRT and LRC subtitles', async () => {
		const { clipIds } = finishedSong({ prompt: lyrics, gptDescriptionPrompt: null });
		const result = await ctx.run({ operation: 'getLyricsTiming', clipIds: clipIds[0] }, offering());
		expect(result.status).toBe('success');
		expect(sent()).toEqual([
			{ method: 'GET', path: `/suno/act/timing/${clipIds[0]}`, body: undefined },
		]);
		const [item] = jsonOf(result);
		expect(item.lyrics).toBe('Winter winds they cut so deep\nHold on');
		const lines = item.lines as Array<Record<string, unknown>>;
		expect(lines.map((line) => [line.text, line.section])).toEqual([
			['Winter winds they cut so deep', 'Verse'],
			['Hold on', 'Chorus'],
		]);
		expect(item.wordCount).toBe(8);
		expect(String(item.srt)).toMatch(/^1\n00:00:\d\d,\d{3} --> 00:00:\d\d,\d{3}\nWinter winds/);
		expect(String(item.lrc).split('\n')[1]).toMatch(/^\[00:\d\d\.\d\d\]Hold on$/);
	});

	it('one item per word, in order, each with its line; a clip two items name is asked for once', async () => {
		const { clipIds } = finishedSong({ prompt: lyrics, gptDescriptionPrompt: null });
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: clipIds[0], timingOutput: 'word' },
			{ ...offering(), items: [{ json: {} }, { json: {} }] },
		);
		const words = jsonOf(result);
		expect(words.slice(0, 3).map((word) => [word.word, word.lineIndex])).toEqual([
			['Winter', 0],
			['winds', 0],
			['they', 0],
		]);
		expect(words).toHaveLength(16);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			...Array(8).fill({ item: 0 }),
			...Array(8).fill({ item: 1 }),
		]);
		expect(ctx.provider.counters.timing).toBe(1);
		const starts = words.slice(0, 8).map((word) => word.startS as number);
		expect([...starts].sort((a, b) => a - b)).toEqual(starts);
	});

	it('an unfinished clip gets a message that says to wait for it; an unknown one is named', async () => {
		const running = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const { live } = ctx.provider.tasks.get(running) as { live: { clipIds: string[] } };
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: `${live.clipIds[0]} nope` },
			{ ...offering(), continueOnFail: true },
		);
		const [unfinished, unknown] = jsonOf(result);
		expect(unfinished.error).toContain(`Suno gave no timing for clip ${live.clipIds[0]}`);
		expect(unfinished.errorDescription).toContain('only for a finished clip');
		expect(unknown.error).toBe('The provider does not know clip nope.');
	});

	it('an instrumental clip: no words, and a hint that says so', async () => {
		const { clipIds } = finishedSong({ prompt: '', gptDescriptionPrompt: null });
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: clipIds[0], timingOutput: 'line' },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(result.items).toEqual([]);
		expect(result.hints.map((hint) => hint.message).join(' ')).toContain(
			`Suno aligned no sung words for clip ${clipIds[0]}`,
		);
	});
});

describe('a stock new-api gateway, told it offers everything', () => {
	beforeEach(() => {
		ctx.provider.gateway = 'stock';
	});

	it.each([
		['Concatenate', { operation: 'concatenate', clipId: 'c1' }, 'it has no channel for it'],
		[
			'Upload Audio From URL',
			{ operation: 'uploadAudio', audioUrl: 'https://x.test/a.mp3' },
			'with a web page (HTTP 200)',
		],
		[
			'Create Persona',
			{ operation: 'createPersona', clipId: 'c1', personaName: 'Me' },
			'with a web page (HTTP 200)',
		],
		['Convert to WAV', { operation: 'convertToWav', clipId: 'c1' }, 'with a web page (HTTP 200)'],
		['Render MP4 Video', { operation: 'renderMp4', clipId: 'c1' }, 'with a web page (HTTP 200)'],
	])(
		'%s: "this gateway does not offer it", nothing created, sent once',
		async (name, parameters, why) => {
			const result = await ctx.generate({ ...parameters, options: { retries: 3 } }, offering());
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain(`This gateway does not offer ${name}: `);
			expect(result.error?.message).toContain(why);
			expect(result.error?.description).toContain('Nothing was created, so nothing was charged.');
			expect(result.error?.message).not.toMatch(/JSON|parse/i);
			expect(ctx.provider.log).toHaveLength(1);
			expect(ctx.provider.submits).toEqual([]);
		},
	);

	it('Get Lyrics Timing: "this gateway does not offer" it, not a parse error', async () => {
		const result = await ctx.run({ operation: 'getLyricsTiming', clipIds: 'c1' }, offering());
		expect(result.error?.message).toBe(
			'This gateway does not offer Get Lyrics Timing: it answered /suno/act/timing/c1 with a web page (HTTP 200), as a gateway does for a route it does not have.',
		);
	});

	it('Separate Stems becomes a plain extension there: its items and a hint say it is not stems', async () => {
		const { taskId, clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'separateStems', clipId: clipIds[0], originTaskId: taskId, ...fast },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(ctx.provider.submits[0].forwarded).not.toHaveProperty('task');
		const items = jsonOf(result);
		expect(items).toHaveLength(2);
		for (const item of items) {
			expect(item.stem).toBeNull();
			expect(String(item.notAsAsked)).toContain('none of its clips is a stem');
		}
		expect(result.hints.map((hint) => hint.message).join(' ')).toContain(
			'1 task does not look like what was asked',
		);
	});

	it.each([
		['cover', { operation: 'cover', clipId: 'COVER', style: 'jazz' }, 'not marked as a cover'],
		[
			'persona',
			{ operation: 'generateWithPersona', personaId: 'p-9', artistClipId: 'COVER', lyrics: 'la' },
			'do not carry persona p-9',
		],
	])(
		'a %s comes back as an ordinary song: flagged on every item',
		async (_kind, parameters, why) => {
			const { clipIds } = finishedSong();
			const asked = JSON.parse(JSON.stringify(parameters).replace(/COVER/g, clipIds[0]));
			const result = await ctx.generate({ ...asked, ...fast }, offering());
			expect(result.status).toBe('success');
			const items = jsonOf(result);
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) expect(String(item.notAsAsked)).toContain(why);
		},
	);
});
