/**
 * The provider extras' paid answers, through real n8n execution against the local provider:
 * redirects on the paid routes, the same clip asked for by several items, the file
 * signature checks, the credential's Extra Operations Offered, the "not as asked" check, what
 * the run's errors keep of what was paid for, and lyrics timing as subtitles.
 * `[FOUND]` tests failed before their fix (12 defects); `[GUARD]` tests passed already and keep
 * something important from regressing.
 */
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const { offering, finishedSong } = ctx;

const fast = { pollInterval: 1 };
const mediaRequests = () => ctx.provider.log.filter((entry) => entry.path.startsWith('/media/'));
const paidPaths = () =>
	ctx.provider.log
		.filter((entry) => !entry.path.startsWith('/media/') && !entry.path.startsWith('/suno/fetch'))
		.map((entry) => `${entry.method} ${entry.path}`);

/** A timing answer with these aligned words. */
const timingRoute = (clipId: string, words: unknown[]) =>
	ctx.provider.setRoute('GET', `/suno/act/timing/${clipId}`, {
		status: 200,
		body: { aligned_words: words, waveform_data: [], hoot_cer: 0, is_streamed: false },
	});

/** An aligned word as Suno sends it. */
const w = (word: string, start: number, end: number) => ({
	word,
	success: true,
	start_s: start,
	end_s: end,
	p_align: 0.9,
});

describe('redirects on the paid routes', () => {
	it('[FOUND] a 301 from /suno/act/wav/{id} to /suno/act/wav/{id}/ (trailing slash) is not passed off as the WAV file', async () => {
		const { clipIds } = finishedSong();
		const route = `/suno/act/wav/${clipIds[0]}`;
		const file = `${ctx.provider.url}/media/${clipIds[0]}.wav`;
		ctx.provider.addMedia(`${clipIds[0]}.wav`);
		ctx.provider.setRoute('GET', route, {
			status: 301,
			body: '',
			headers: { location: `${route}/`, 'content-type': 'text/plain' },
		});
		ctx.provider.setRoute('GET', `${route}/`, {
			status: 200,
			body: { code: 'success', message: '', data: file },
		});
		const result = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0] },
			offering(),
		);
		// Today: success, fileUrl = `${gateway}/suno/act/wav/<id>/` — the API route, not a file.
		if (result.status === 'success') expect(result.items[0].json.fileUrl).toBe(file);
		else expect(result.error?.message).toMatch(/redirect/i);
	});

	it('[FOUND] a 307 from /suno/act/mp4/{id} back into the gateway API (same route, a query added) is not the MP4 file', async () => {
		const { clipIds } = finishedSong();
		const route = `/suno/act/mp4/${clipIds[0]}`;
		ctx.provider.setRoute('GET', route, {
			status: 307,
			body: '',
			headers: { location: `${route}?attempt=2`, 'content-type': 'text/plain' },
		});
		const result = await ctx.generate({ operation: 'renderMp4', clipId: clipIds[0] }, offering());
		// Today: success, fileUrl = `${gateway}/suno/act/mp4/<id>?attempt=2` (a paid API route).
		const fileUrl = String(result.items[0]?.json.fileUrl ?? '');
		expect(fileUrl).not.toContain('/suno/act/');
		expect(result.status).toBe('error');
	});

	it('[FOUND] a redirect to a file whose URL carries the key, Download Files off: not a silent URL with "***" in it', async () => {
		const { clipIds } = finishedSong();
		const elsewhere = `${ctx.provider.url.replace('127.0.0.1', 'localhost')}/media/${clipIds[0]}.wav?token=${ctx.provider.apiKey}`;
		ctx.provider.setRoute('GET', `/suno/act/wav/${clipIds[0]}`, {
			status: 302,
			body: '',
			headers: { location: elsewhere, 'content-type': 'text/plain' },
		});
		const result = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0] },
			offering(),
		);
		// Today: success with fileUrl ".../x.wav?token=***" — a URL that cannot work, and no word.
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/API key/);
	});

	it('[FOUND] a 303 (See Other) after the paid persona create is not "Nothing was created, so nothing was charged"', async () => {
		const { clipIds } = finishedSong();
		ctx.provider.setRoute('POST', '/suno/persona/create', {
			status: 303,
			body: '',
			headers: { location: '/suno/persona/fd213afd-ac1c-4822-9802-c1c0ea45e77b' },
		});
		const result = await ctx.generate(
			{ operation: 'createPersona', clipId: clipIds[0], personaName: 'Me' },
			offering(),
		);
		expect(result.status).toBe('error');
		expect(ctx.provider.log).toHaveLength(1);
		// A 303 answers a POST that was handled: the persona exists and was paid for.
		expect(result.error?.description).not.toContain('nothing was charged');
	});

	it('[GUARD] a 307 ping-pong on persona create is followed once, never looped; a relative redirect to a WAV is fetched without the key', async () => {
		const { clipIds } = finishedSong();
		const base = ctx.provider.url;
		ctx.provider.setRoute('POST', '/suno/persona/create', {
			status: 307,
			body: '',
			headers: { location: `${base}/suno/persona/create/`, 'content-type': 'text/plain' },
		});
		ctx.provider.setRoute('POST', '/suno/persona/create/', {
			status: 307,
			body: '',
			headers: { location: `${base}/suno/persona/create`, 'content-type': 'text/plain' },
		});
		const pingPong = await ctx.generate(
			{ operation: 'createPersona', clipId: clipIds[0], personaName: 'Me' },
			offering(),
		);
		expect(pingPong.status).toBe('error');
		expect(paidPaths()).toEqual(['POST /suno/persona/create', 'POST /suno/persona/create/']);
		expect(ctx.provider.personas).toEqual([]);

		ctx.provider.reset();
		const song = finishedSong();
		ctx.provider.addMedia(`${song.clipIds[0]}.wav`);
		ctx.provider.setRoute('GET', `/suno/act/wav/${song.clipIds[0]}`, {
			status: 302,
			body: '',
			headers: { location: `../../../media/${song.clipIds[0]}.wav`, 'content-type': 'text/plain' },
		});
		const relative = await ctx.generate(
			{ operation: 'convertToWav', clipId: song.clipIds[0], downloadFiles: ['audio'] },
			offering(),
		);
		expect(relative.status).toBe('success');
		expect(relative.items[0].json.fileUrl).toBe(`${base}/media/${song.clipIds[0]}.wav`);
		expect(relative.items[0].binary?.audio?.mimeType).toBe('audio/wav');
		const [download] = mediaRequests();
		expect(download.headers.authorization).toBeUndefined();
		expect(ctx.provider.log).toHaveLength(2);
	});
});

describe('the same clip asked for by several items', () => {
	it("[GUARD] the same clip's WAV asked by two items, answered with a task ID: one paid request, each item gets the task, with Wait off and On Error → Continue as with Wait on", async () => {
		ctx.provider.actShape = 'taskId';
		const { clipIds } = finishedSong();
		const result = await ctx.generate(
			{ operation: 'convertToWav', clipId: '={{ $json.clip }}', waitForCompletion: false },
			{
				...offering(),
				continueOnFail: true,
				items: [
					{ clip: clipIds[0] },
					{ clip: ` ${clipIds[0]} ` },
					{ clip: 'no-such-clip' },
					{ clip: 'no-such-clip' },
				],
			},
		);
		expect(result.status).toBe('success');
		// One request per distinct clip: the clip asked twice is paid once, the unknown one tried once.
		expect(ctx.provider.counters.act).toBe(2);
		const items = jsonOf(result);
		expect(items).toHaveLength(4);
		expect(typeof items[0].taskId).toBe('string');
		expect(items[1].taskId).toBe(items[0].taskId);
		expect(items[1].request).toEqual({ clipId: clipIds[0] });
		expect(String(items[2].error)).toContain('does not know that clip');
		expect(String(items[3].error)).toContain('Input item 2 asked for the same file');
		expect(ctx.provider.tasks.has(String(items[0].taskId))).toBe(true);

		// The same with Wait on: each item gets the finished WAV, still one paid request.
		ctx.provider.reset();
		ctx.provider.actShape = 'taskId';
		const song = finishedSong();
		const waited = await ctx.generate(
			{ operation: 'convertToWav', clipId: '={{ $json.clip }}', ...fast },
			{ ...offering(), items: [{ clip: song.clipIds[0] }, { clip: song.clipIds[0] }] },
		);
		expect(waited.status).toBe('success');
		expect(ctx.provider.counters.act).toBe(1);
		expect(waited.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of jsonOf(waited)) expect(String(item.audioUrl)).toMatch(/\.wav$/);
	});
});

describe('file answers and their signatures', () => {
	it('[GUARD] a WAV sent as bytes in chunks (no Content-Length) arrives whole; an empty 200 typed audio/wav is an error, sent once', async () => {
		ctx.provider.actShape = 'bytes';
		ctx.provider.mediaChunked = true;
		try {
			const { clipIds } = finishedSong();
			const result = await ctx.generate(
				{ operation: 'convertToWav', clipId: clipIds[0] },
				offering(),
			);
			expect(result.status).toBe('success');
			const audio = result.items[0].binary?.audio;
			expect(audio?.mimeType).toBe('audio/wav');
			expect(Buffer.from(audio!.data, 'base64').length).toBe(ctx.provider.mediaSize);
		} finally {
			ctx.provider.mediaChunked = false;
		}
		ctx.provider.reset();
		const { clipIds } = finishedSong();
		ctx.provider.setRoute('GET', `/suno/act/wav/${clipIds[0]}`, {
			status: 200,
			body: '',
			headers: { 'content-type': 'audio/wav' },
		});
		const empty = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0], options: { retries: 3 } },
			offering(),
		);
		expect(empty.status).toBe('error');
		expect(empty.error?.message).toContain('not a WAV (audio/wav, 0 bytes');
		expect(empty.error?.description).toContain('may have been created');
		expect(ctx.provider.log).toHaveLength(1);
	});

	it('[FOUND] a WAV answered as bytes over Max File Size: the error says the WAV was made and paid for', async () => {
		ctx.provider.actShape = 'bytes';
		const size = ctx.provider.mediaSize;
		ctx.provider.mediaSize = 1_200_000;
		try {
			const { clipIds } = finishedSong();
			const result = await ctx.generate(
				{
					operation: 'convertToWav',
					clipId: clipIds[0],
					downloadFiles: ['audio'],
					options: { maxFileSize: 1 },
				},
				offering(),
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain('more than Max File Size');
			expect(`${result.error?.message} ${result.error?.description}`).toMatch(
				/paid|charged|made in this run/i,
			);
		} finally {
			ctx.provider.mediaSize = size;
		}
	});
});

describe('Extra Operations Offered given in odd forms', () => {
	it('[GUARD] names in any case and spacing count; numbers, objects and unknown names enable nothing', async () => {
		const { clipIds } = finishedSong();
		const ok = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0] },
			offering(' CONVERT  to wav ;  nonsense'),
		);
		expect(ok.status).toBe('success');
		for (const odd of [5, { convertToWav: true }, ['convertToWav2'], 'true', '*', 'all']) {
			ctx.provider.reset();
			const result = await ctx.generate({ operation: 'convertToWav', clipId: 'c1' }, offering(odd));
			expect(result.error?.message).toBe(
				'Convert to WAV is not enabled for this gateway, so nothing was sent.',
			);
			expect(ctx.provider.log).toEqual([]);
		}
	});
});

describe('ids in paid answers', () => {
	it('[FOUND] a persona ID or a WAV task ID longer than 2^53 is kept digit for digit, not rounded to another ID', async () => {
		const { clipIds } = finishedSong();
		ctx.provider.setRoute('POST', '/suno/persona/create', {
			status: 200,
			body: `{"id":12345678901234567891,"name":"Me","root_clip_id":"${clipIds[0]}","persona_clips":[],"is_public":false}`,
		});
		const persona = await ctx.generate(
			{ operation: 'createPersona', clipId: clipIds[0], personaName: 'Me' },
			offering(),
		);
		// Today: success, personaId "12345678901234567000": the paid persona's real ID is lost.
		const said = (result: typeof persona) =>
			result.status === 'success'
				? JSON.stringify(jsonOf(result))
				: `${result.error?.message} ${result.error?.description}`;
		expect(said(persona)).toContain('12345678901234567891');

		ctx.provider.setRoute('GET', `/suno/act/wav/${clipIds[0]}`, {
			status: 200,
			body: '{"code":"success","message":"","data":{"task_id":12345678901234567891}}',
		});
		const wav = await ctx.generate(
			{ operation: 'convertToWav', clipId: clipIds[0], waitForCompletion: false },
			offering(),
		);
		expect(said(wav)).toContain('12345678901234567891');
	});
});

describe('notAsAsked', () => {
	const submitAnswering = (taskId: string) =>
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 200,
			body: { code: 'success', message: '', data: taskId },
		});

	it('[FOUND] a stems task that SUCCEEDS with no clips is flagged, not an item that looks done', async () => {
		const { taskId, clipIds } = finishedSong();
		submitAnswering(ctx.provider.createTask({ finishAfter: 0, clips: 0 }));
		const result = await ctx.generate(
			{ operation: 'separateStems', clipId: clipIds[0], originTaskId: taskId, ...fast },
			offering(),
		);
		const items = jsonOf(result);
		// Today: one item, taskStatus SUCCESS, no clip, notAsAsked null, no hint.
		const flagged =
			result.status === 'error' || items.every((item) => typeof item.notAsAsked === 'string');
		expect(flagged).toBe(true);
	});

	it('[FOUND] twelve stems asked, two come back: flagged (the twelve are billed 5×)', async () => {
		const { taskId, clipIds } = finishedSong();
		const two = ctx.provider.createTask({
			finishAfter: 0,
			clipTitles: ['Neon Nights - Vocals', 'Neon Nights - Instrumental'],
			metadata: { stem_from_id: clipIds[0], stem_task: 'two' },
		});
		submitAnswering(two);
		const result = await ctx.generate(
			{
				operation: 'separateStems',
				clipId: clipIds[0],
				originTaskId: taskId,
				stems: 'twelve',
				...fast,
			},
			offering(),
		);
		expect(result.status).toBe('success');
		const items = jsonOf(result);
		expect(items.map((item) => item.stem)).toEqual(['Vocals', 'Instrumental']);
		for (const item of items) expect(typeof item.notAsAsked).toBe('string');
	});
});

describe('what a failed run keeps of what was paid for', () => {
	it('[FOUND] a WAV download fails after other items were paid for: the error names the task ID and the WAV URL they made', async () => {
		const a = finishedSong();
		const b = finishedSong({ title: 'Other' });
		const c = finishedSong({ title: 'Third' });
		const converted = finishedSong({ title: 'Converted' });
		// Item 0: answered with a task ID; item 1: a WAV URL that downloads; item 2: one that does not.
		ctx.provider.setRoute('GET', `/suno/act/wav/${a.clipIds[0]}`, {
			status: 200,
			body: { code: 'success', message: '', data: converted.taskId },
		});
		ctx.provider.setRoute('GET', `/suno/act/wav/${c.clipIds[0]}`, {
			status: 200,
			body: { code: 'success', message: '', data: `${ctx.provider.url}/media/gone.wav` },
		});
		const result = await ctx.generate(
			{
				operation: 'convertToWav',
				clipId: '={{ $json.clip }}',
				downloadFiles: ['audio'],
				...fast,
				options: { retries: 0, concurrency: 1 },
			},
			{
				...offering(),
				items: [{ clip: a.clipIds[0] }, { clip: b.clipIds[0] }, { clip: c.clipIds[0] }],
			},
		);
		expect(result.status).toBe('error');
		expect(paidPaths().filter((path) => path.startsWith('GET /suno/act/wav/'))).toHaveLength(3);
		// Today: "… The WAV is at …/gone.wav." only: input item 0's paid task and item 1's WAV are lost.
		const said = `${result.error?.message} ${result.error?.description}`;
		expect(said).toContain(converted.taskId);
		expect(said).toContain(`${ctx.provider.url}/media/${b.clipIds[0]}.wav`);
	});
});

describe('Get Lyrics Timing as subtitles', () => {
	it('[GUARD] times over an hour: SRT hours, LRC minutes past 59', async () => {
		const { clipIds } = finishedSong();
		timingRoute(clipIds[0], [w('[Outro]\nStill ', 3725.5, 3726), w('here\n', 3726, 3727.25)]);
		const result = await ctx.run({ operation: 'getLyricsTiming', clipIds: clipIds[0] }, offering());
		const [item] = jsonOf(result);
		expect(item.srt).toBe('1\n01:02:05,500 --> 01:02:07,250\nStill here\n');
		expect(item.lrc).toBe('[62:05.50]Still here');
	});

	it('[FOUND] words out of order within a line do not make an SRT cue that ends before it starts', async () => {
		const { clipIds } = finishedSong();
		timingRoute(clipIds[0], [w('Hold ', 10, 11), w('on\n', 4, 5)]);
		const result = await ctx.run({ operation: 'getLyricsTiming', clipIds: clipIds[0] }, offering());
		const lines = (jsonOf(result)[0]?.lines ?? []) as Array<{ startS: number; endS: number }>;
		const sane = lines.every((line) => line.endS >= line.startS);
		expect(result.status === 'error' || sane).toBe(true);
	});

	it('[FOUND] a section tag alone, without times, is not "a sung word without times"', async () => {
		const { clipIds } = finishedSong();
		timingRoute(clipIds[0], [
			w('[Verse]\nHold ', 1, 1.5),
			w('on\n', 1.5, 2),
			{ word: '[Instrumental Break]\n', success: false, start_s: null, end_s: null },
			w('[Chorus]\nAgain\n', 30, 31),
		]);
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: clipIds[0], timingOutput: 'line' },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result).map((line) => [line.text, line.section])).toEqual([
			['Hold on', 'Verse'],
			['Again', 'Chorus'],
		]);
	});

	it('[FOUND] lyrics without spaces (Chinese, one aligned word per character) are not spaced out', async () => {
		const { clipIds } = finishedSong();
		timingRoute(clipIds[0], [w('[主歌]\n我', 1, 1.3), w('爱', 1.3, 1.6), w('你\n', 1.6, 2)]);
		const result = await ctx.run({ operation: 'getLyricsTiming', clipIds: clipIds[0] }, offering());
		const [item] = jsonOf(result);
		// Today: "我 爱 你" — a space the provider never sent, in the lyrics, the SRT and the LRC.
		expect(item.lyrics).toBe('我爱你');
		expect(String(item.lrc)).toBe('[00:01.00]我爱你');
	});

	it('[GUARD] many clips, one unknown, without On Error → Continue: an error naming that clip, not a partial success', async () => {
		const lyrics = '[Verse]\nHold on';
		const a = finishedSong({ prompt: lyrics, gptDescriptionPrompt: null });
		const b = finishedSong({ prompt: lyrics, gptDescriptionPrompt: null });
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: `${a.clipIds[0]}, nope, ${b.clipIds[0]}` },
			offering(),
		);
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The provider does not know clip nope.');
	});
});
