/**
 * Gateways that deviate from the mainstream in plausible ways (issue #19), each through real n8n
 * execution against the local provider: clip lists in two fields, numeric ids past 2^53, success
 * typed as a web page, a 302 after a paid POST, file URLs signed with the key, Stop during a
 * download, lyrics timing refused for the key or the rate, a replica that lists a task late, a
 * failed clip's files, and the not-as-asked hint with Simplify off.
 */
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const { offering, finishedSong } = ctx;

const fast = { pollInterval: 1 };
const mediaRequests = () => ctx.provider.log.filter((entry) => entry.path.startsWith('/media/'));
const fetchRequests = () =>
	ctx.provider.log.filter((entry) => entry.path.startsWith('/suno/fetch'));
const hintText = (result: { hints: Array<{ message: string }> }) =>
	result.hints.map((hint) => hint.message).join(' ');
const NOTHING_CHARGED = 'Nothing was created, so nothing was charged.';
/** The items of a finished song of two clips, each naming its task. */
const expectSong = (result: Parameters<typeof jsonOf>[0], taskId: unknown) =>
	expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
		[taskId, 'SUCCESS'],
		[taskId, 'SUCCESS'],
	]);
const MAY_EXIST = 'A task may have been created (and charged)';

/** A finished clip as new-api stores it. */
const clip = (id: string) => ({
	id,
	title: 'Two Fields',
	status: 'complete',
	audio_url: `https://cdn.example.test/${id}.mp3`,
	metadata: { duration: 100 },
});

describe('a task that keeps its clips in one field and an empty value in the other', () => {
	it.each([
		['[]', []],
		['{}', {}],
		['""', ''],
	])(
		'"clips": %s beside "data": [clip, clip] gives both clips, not one clip-less SUCCESS item',
		async (_shown, empty) => {
			ctx.provider.addTask({
				task_id: 'two-fields',
				action: 'MUSIC',
				status: 'SUCCESS',
				clips: empty,
				data: [clip('c-1'), clip('c-2')],
			});
			const result = await ctx.run({ operation: 'getMany', taskIds: 'two-fields' });
			expect(jsonOf(result).map((item) => [item.clipId, item.clipCount])).toEqual([
				['c-1', 2],
				['c-2', 2],
			]);
		},
	);

	it('"data": [] beside "clips": [clip] gives the clip too', async () => {
		ctx.provider.addTask({
			task_id: 'two-fields',
			status: 'SUCCESS',
			data: [],
			clips: [clip('c-1')],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'two-fields' });
		expect(jsonOf(result).map((item) => item.clipId)).toEqual(['c-1']);
	});
});

describe('numeric task ids past 2^53 (a snowflake gateway)', () => {
	beforeEach(() => {
		ctx.provider.idStyle = 'snowflake';
	});

	it('Get Many matches the task its answer names with a bare JSON number, digit for digit', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		expect(Number.isSafeInteger(Number(id))).toBe(false);
		const result = await ctx.run({ operation: 'getMany', taskIds: id });
		expect(fetchRequests()[0].body).toBe(JSON.stringify({ ids: [id] }));
		expectSong(result, id);
		expect(result.hints).toEqual([]);
	});

	it('Get outputs the same id, not a rounded one; Simplify off keeps it as text', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		const simple = await ctx.run({ operation: 'get', taskId: id });
		expect(jsonOf(simple).map((item) => item.taskId)).toEqual([id, id]);
		const raw = await ctx.run({ operation: 'get', taskId: id, simplify: false });
		expect(jsonOf(raw).map((item) => (item.task as { task_id: unknown }).task_id)).toEqual([
			id,
			id,
		]);
	});

	it('Generate Music pays once, waits and delivers the song of a numeric id', async () => {
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'a song',
			...fast,
		});
		const [submitted] = ctx.provider.submits;
		expect(ctx.provider.counters.submitAttempts).toBe(1);
		expectSong(result, submitted.taskId);
	});

	it('a long number inside a string and a long fraction are left as they are', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', {
			status: 200,
			body: `{"code":"success","data":[{"task_id":12345678901234567891,"status":"SUCCESS","progress":"100%","fail_reason":"a \\\\\\" quote, then 98765432109876543210","data":[{"id":"c","status":"complete","metadata":{"duration":1.12345678901234567}}]}]}`,
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: '12345678901234567891' });
		const [item] = jsonOf(result);
		expect(item.taskId).toBe('12345678901234567891');
		expect(item.failReason).toBe('a \\" quote, then 98765432109876543210');
		expect(item.duration).toBeCloseTo(1.1234567890123457);
	});
});

describe('a paid extra answered with success JSON typed text/html', () => {
	const html = { 'content-type': 'text/html; charset=utf-8' };

	it('Concatenate: the task id in the body is the answer, not "does not offer … nothing was charged"', async () => {
		const taskId = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.setRoute('POST', '/suno/submit/concat', {
			status: 200,
			body: { code: 'success', message: '', data: taskId },
			headers: html,
		});
		const result = await ctx.generate(
			{ operation: 'concatenate', clipId: 'c1', waitForCompletion: false },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result)[0].taskId).toBe(taskId);
	});

	it('Create Persona: the persona in the body is the answer', async () => {
		ctx.provider.setRoute('POST', '/suno/persona/create', {
			status: 200,
			body: { id: 'persona-1', name: 'Me', root_clip_id: 'c1', persona_clips: [] },
			headers: html,
		});
		const result = await ctx.generate(
			{ operation: 'createPersona', clipId: 'c1', personaName: 'Me' },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result)[0].personaId).toBe('persona-1');
	});

	it('Convert to WAV: the URL in the body is the answer', async () => {
		const url = ctx.provider.addMedia('c1.wav');
		ctx.provider.setRoute('GET', '/suno/act/wav/c1', {
			status: 200,
			body: { code: 'success', message: '', data: url },
			headers: html,
		});
		const result = await ctx.generate({ operation: 'convertToWav', clipId: 'c1' }, offering());
		expect(result.status).toBe('success');
		expect(jsonOf(result)[0].fileUrl).toBe(url);
	});

	it('an error envelope typed text/html is the gateway refusing, not a missing route', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/concat', {
			status: 200,
			body: { code: 'fail', message: 'upstream busy', data: null },
			headers: html,
		});
		const result = await ctx.generate({ operation: 'concatenate', clipId: 'c1' }, offering());
		expect(result.error?.message).not.toMatch(/does not offer/);
		expect(result.error?.message).toContain('upstream busy');
	});

	it('an empty 200 typed text/html after a paid request may have made something', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/concat', { status: 200, body: '', headers: html });
		const result = await ctx.generate({ operation: 'concatenate', clipId: 'c1' }, offering());
		expect(result.status).toBe('error');
		expect(result.error?.description).toContain(MAY_EXIST);
	});

	it('a 404 typed text/html whose JSON says "Clip not found" is the route refusing, not a missing route', async () => {
		ctx.provider.setRoute('POST', '/suno/persona/create', {
			status: 404,
			body: { detail: 'Clip not found' },
			headers: html,
		});
		const result = await ctx.generate(
			{ operation: 'createPersona', clipId: 'c1', personaName: 'Me' },
			offering(),
		);
		expect(result.error?.message).toBe(
			'The provider refused the submit (HTTP 404): Clip not found',
		);
		expect(result.error?.description).toContain(NOTHING_CHARGED);
	});

	it('the dashboard page itself still says the gateway does not offer it', async () => {
		ctx.provider.gateway = 'stock';
		const result = await ctx.generate({ operation: 'convertToWav', clipId: 'c1' }, offering());
		expect(result.error?.message).toContain('This gateway does not offer Convert to WAV');
		expect(result.error?.description).toContain(NOTHING_CHARGED);
	});
});

describe('a redirect after a paid POST', () => {
	/** Generate Music (Wait off, Retries 3) whose submit is answered `status` to `location`. */
	const submitRedirected = async (status: number, location: string) => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status,
			body: '',
			headers: { location },
		});
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'a song',
			waitForCompletion: false,
			options: { retries: 3 },
		});
		expect(result.status).toBe('error');
		expect(ctx.provider.log).toHaveLength(1);
		return result.error!;
	};

	it.each([301, 302, 303])(
		'a %i to the task (what Express, PHP and Flask send after a POST) may have created it: sent once, never "nothing was charged"',
		async (status) => {
			const error = await submitRedirected(status, '/suno/fetch/task_abcdefghijklmnop');
			expect(error.message).toContain(
				`redirect (HTTP ${status}) to ${ctx.provider.url}/suno/fetch/task_abcdefghijklmnop`,
			);
			expect(error.description).toContain(MAY_EXIST);
			expect(error.description).not.toContain(NOTHING_CHARGED);
		},
	);

	it.each([
		['https for http', (url: string) => `${url.replace('http:', 'https:')}/suno/submit/music`],
		['a trailing slash', (url: string) => `${url}/suno/submit/music/`],
	])(
		'a 301 to the same route at another address (%s) is a router moving it: nothing was created',
		async (_kind, target) => {
			const error = await submitRedirected(301, target(ctx.provider.url));
			expect(error.description).toContain(NOTHING_CHARGED);
		},
	);

	// Hostile review: a redirect to the very address posted to was read as a router moving the route.
	it.each([301, 302])(
		'a %i to the very address posted to (a handled form’s answer) may have created it',
		async (status) => {
			const error = await submitRedirected(status, `${ctx.provider.url}/suno/submit/music`);
			expect(error.description).toContain(MAY_EXIST);
			expect(error.description).not.toContain(NOTHING_CHARGED);
		},
	);

	it('a 303 to the same route with a query points to a result: it may have been created', async () => {
		const error = await submitRedirected(303, '/suno/submit/music?id=42');
		expect(error.description).toContain(MAY_EXIST);
	});

	it.each([307, 308])(
		'a %i (send the same request there) was not handled: nothing was created, and it is not followed off the route',
		async (status) => {
			const error = await submitRedirected(status, '/elsewhere/music');
			expect(error.description).toContain(NOTHING_CHARGED);
		},
	);
});

describe('a gateway that signs its file URLs with the API key', () => {
	beforeEach(() => {
		ctx.provider.signMediaWithKey = true;
	});

	it.each([true, false])(
		'Simplify %s: the key is masked in every URL of the items',
		async (simplify) => {
			const { taskId } = finishedSong();
			const result = await ctx.run({ operation: 'getMany', taskIds: taskId, simplify });
			const text = JSON.stringify(jsonOf(result));
			expect(text).not.toContain(ctx.provider.apiKey);
			expect(text).toContain('?key=***');
			expect(jsonOf(result)).toHaveLength(2);
		},
	);

	it('a key the gateway echoes in a fail reason or a title is masked there too', async () => {
		const key = ctx.provider.apiKey;
		ctx.provider.addTask({
			task_id: 'echo',
			status: 'FAILURE',
			fail_reason: `bad token ${key}`,
			data: [{ id: 'c-1', title: `for ${key}`, status: 'error' }],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'echo' });
		const [item] = jsonOf(result);
		expect([item.failReason, item.title]).toEqual(['bad token ***', 'for ***']);
	});

	it('a user who pastes the key into Task IDs never sees it in the NOT_FOUND item, the hint or the error', async () => {
		// Built by an expression: the workflow's own parameters are part of the run the harness scans.
		const key = ctx.provider.apiKey;
		const taskIds = `={{ ${JSON.stringify(key.slice(0, 3))} + ${JSON.stringify(key.slice(3))} }}`;
		const emitted = await ctx.run({ operation: 'getMany', taskIds });
		expect(JSON.parse(ctx.provider.log[0].body)).toEqual({ ids: [key] });
		expect(jsonOf(emitted)[0].taskId).toBe('***');
		expect(hintText(emitted)).toBe('1 task id was not found: ***');
		const failed = await ctx.run({
			operation: 'getMany',
			taskIds,
			options: { onMissing: 'error' },
		});
		expect(failed.error?.message).toBe('1 task id was not found: ***');
	});

	it('a title holding the key: the downloaded file’s name does not carry it', async () => {
		const key = ctx.provider.apiKey;
		const audio = ctx.provider.addMedia('c-1.mp3');
		ctx.provider.addTask({
			task_id: 'named',
			status: 'SUCCESS',
			data: [{ id: 'c-1', title: `for ${key}`, status: 'complete', audio_url: audio }],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'named', downloadFiles: ['audio'] });
		expect(result.items[0].binary?.audio.fileName).toBe('for-c-1.mp3');
	});

	// Hostile review: the name took the clip id's first 8 characters, the key's start among them.
	it('a clip id holding the key: the downloaded file’s name carries no part of it', async () => {
		const key = ctx.provider.apiKey;
		const audio = ctx.provider.addMedia('k.mp3');
		ctx.provider.addTask({
			task_id: 'keyed',
			status: 'SUCCESS',
			data: [{ id: key, title: 'Song', status: 'complete', audio_url: audio }],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'keyed', downloadFiles: ['audio'] });
		expect(result.items[0].json.clipId).toBe('***');
		expect(result.items[0].binary?.audio.fileName).toMatch(/^Song-[0-9a-f]{8}\.mp3$/);
	});

	it('a URL that cannot be downloaded and holds the key: its error masks it', async () => {
		const key = ctx.provider.apiKey;
		ctx.provider.addTask({
			task_id: 'ftp',
			status: 'SUCCESS',
			data: [
				{ id: 'c-1', status: 'complete', audio_url: `ftp://files.example.test/a.mp3?key=${key}` },
			],
		});
		const result = await ctx.run(
			{ operation: 'get', taskId: 'ftp', downloadFiles: ['audio'] },
			{ continueOnFail: true },
		);
		expect(jsonOf(result)[0].error).toBe(
			'The audio file of clip c-1 (task ftp) has a URL that cannot be downloaded: "ftp://files.example.test/a.mp3?key=***".',
		);
	});

	it('Download Files: the file is not downloaded (the key would go to the file host), and the item says why', async () => {
		const { taskId } = finishedSong();
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: taskId, downloadFiles: ['audio'] },
			{ continueOnFail: true },
		);
		expect(mediaRequests()).toEqual([]);
		const items = jsonOf(result);
		expect(items).toHaveLength(2);
		for (const item of items) expect(String(item.error)).toMatch(/holds your API key/);
	});
});

describe('Stop during a file download', () => {
	it.each([
		['a body that trickles in', { trickleMs: 50 }],
		['a file server that never answers', { hang: true }],
	])(
		'%s: the file server sees the connection close at the Stop, and nothing is read after it',
		async (_kind, fault) => {
			const { taskId } = finishedSong();
			ctx.provider.mediaFaults.push(fault, fault);
			const stopAfterMs = 1500;
			const started = Date.now();
			const result = await ctx.run(
				{ operation: 'getMany', taskIds: taskId, downloadFiles: ['audio'] },
				{ cancelAfterMs: stopAfterMs },
			);
			expect(result.status).toBe('canceled');
			await new Promise((resolve) => setTimeout(resolve, 500));
			const downloads = mediaRequests();
			expect(downloads).toHaveLength(2);
			for (const download of downloads) {
				expect(download.closedAt).toBeDefined();
				expect(download.closedAt! - started).toBeLessThan(stopAfterMs + 1000);
			}
		},
	);
});

describe('Get Lyrics Timing refused for the key or the rate', () => {
	it('a 429 is retried as the Retries option promises, then the timing arrives', async () => {
		const { clipIds } = finishedSong();
		ctx.provider.injectFault({ status: 429, headers: { 'retry-after': '0' }, times: 2 });
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: clipIds[0], options: { retries: 3 } },
			offering(),
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result)[0].clipId).toBe(clipIds[0]);
		expect(ctx.provider.counters.requests).toBe(3);
	});

	it('a 429 outlasting the retries says rate limiting, not "no timing for this clip"', async () => {
		ctx.provider.injectFault({ status: 429, headers: { 'retry-after': '0' }, times: 5 });
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: 'c1', options: { retries: 1 } },
			offering(),
		);
		expect(result.error?.message).toBe('The provider is rate limiting requests (HTTP 429).');
	});

	it.each([401, 403])('a %i says the key was rejected, as Get and Get Many say', async (status) => {
		ctx.provider.setRoute('GET', '/suno/act/timing/c1', {
			status,
			body: { error: { message: 'Invalid token', type: 'new_api_error' } },
		});
		const result = await ctx.run({ operation: 'getLyricsTiming', clipIds: 'c1' }, offering());
		expect(result.error?.message).toBe(
			`The provider rejected the API key (HTTP ${status}): check the API key and the base URL in the Suno API credential.`,
		);
	});

	it('a wrong key is the key error', async () => {
		const result = await ctx.run(
			{ operation: 'getLyricsTiming', clipIds: 'c1' },
			{
				credentials: {
					apiKey: 'sk-not-this-one',
					provider: 'custom',
					baseUrl: ctx.provider.url,
					extraOperations: ['lyricsTiming'],
				},
			},
		);
		expect(result.error?.message).toMatch(/^The provider rejected the API key \(HTTP 401\)/);
	});
});

describe('Suno Fetch waiting for a task the gateway does not list yet', () => {
	it('the README’s split: Generate with Wait off, then Get Many with Wait, against a replica a moment behind, gives the song', async () => {
		const submitted = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'a song',
			waitForCompletion: false,
		});
		const { taskId } = jsonOf(submitted)[0];
		ctx.provider.listLagMs = 1500;
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: String(taskId),
			waitForCompletion: true,
			...fast,
		});
		expectSong(result, taskId);
		expect(result.hints).toEqual([]);
	});

	it('Get with Wait polls a task answered task_not_exist again too', async () => {
		const taskId = ctx.provider.createTask({ finishAfter: 1 });
		ctx.provider.listLagMs = 60_000;
		setTimeout(() => (ctx.provider.listLagMs = 0), 1500);
		const result = await ctx.run({ operation: 'get', taskId, waitForCompletion: true, ...fast });
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['SUCCESS', 'SUCCESS']);
	});

	it('an id never listed within Max Wait: a NOT_FOUND item that says it was polled that long, and a hint', async () => {
		const started = Date.now();
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: 'ghost-1',
			waitForCompletion: true,
			pollInterval: 2,
			maxWait: 0.1,
		});
		expect(Date.now() - started).toBeGreaterThanOrEqual(5900);
		expect(fetchRequests().length).toBeGreaterThanOrEqual(3);
		const [item] = jsonOf(result);
		expect(item.taskStatus).toBe('NOT_FOUND');
		expect(item.failReason).toBe(
			'Task ghost-1 was never listed by the provider in 6 s of polling: it does not know it for this API key (wrong id, or a task of another account), or has not listed it yet.',
		);
		expect(hintText(result)).toBe(
			'1 task id was never listed by the provider in 6 s of polling: ghost-1.',
		);
	});

	it('On Missing Task = Fail after a wait: the error says how long the id was polled', async () => {
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: 'ghost-1',
			waitForCompletion: true,
			pollInterval: 3,
			maxWait: 0.1,
			options: { onMissing: 'error' },
		});
		expect(result.error?.message).toBe(
			'1 task id was never listed by the provider in 6 s of polling: ghost-1',
		);
	});

	/** Generate Music waiting 6 s for a task the gateway never lists; the run and the paid task. */
	const generateNeverListed = async (onTimeout: 'error' | 'emit') => {
		ctx.provider.listLagMs = 600_000;
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'a song',
			pollInterval: 3,
			maxWait: 0.1,
			onTimeout,
		});
		expect(ctx.provider.counters.submitAttempts).toBe(1);
		return { result, submitted: ctx.provider.submits[0] };
	};

	it('Suno Generate, On Timeout = Fail, a paid task never listed: the error says it is unfinished and names it', async () => {
		const { result, submitted } = await generateNeverListed('error');
		expect(result.error?.message).toBe(
			`1 task was still unfinished after 6 s: ${submitted.taskId}`,
		);
		expect(result.error?.description).toContain(`input item 0: ${submitted.taskId}`);
	});

	it('Suno Generate, On Timeout = Output: a paid task never listed is a NOT_FOUND item, named once by a hint saying it was not resubmitted', async () => {
		const { result, submitted } = await generateNeverListed('emit');
		expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
			[submitted.taskId, 'NOT_FOUND'],
		]);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			`1 task id was never listed by the provider in 6 s of polling: ${submitted.taskId}. It was not submitted again: fetch it later with Suno Fetch.`,
		]);
	});

	it('without Wait for Completion one look decides: NOT_FOUND at once', async () => {
		const result = await ctx.run({ operation: 'getMany', taskIds: 'ghost-1' });
		expect(fetchRequests()).toHaveLength(1);
		expect(jsonOf(result)[0].failReason).toMatch(/was not found/);
		expect(hintText(result)).toBe('1 task id was not found: ghost-1');
	});

	it('a task listed once and then left out by a lagging replica stays as last seen, not "never listed"', async () => {
		const taskId = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		ctx.provider.injectFault({ pass: true });
		ctx.provider.injectFault({
			status: 200,
			body: { code: 'success', message: '', data: null },
			times: 20,
		});
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: taskId,
			waitForCompletion: true,
			pollInterval: 2,
			maxWait: 0.1,
		});
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['IN_PROGRESS', 'IN_PROGRESS']);
		expect(hintText(result)).toContain('1 task was still unfinished after 6 s');
		expect(hintText(result)).not.toContain('never listed');
	});
});

describe('Download Files on a failed task', () => {
	it('says the clip failed and has no files, not that they are not ready yet', async () => {
		const taskId = ctx.provider.createTask({ fail: true, finishAfter: 0 });
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: taskId,
			downloadFiles: ['audio'],
		});
		expect(jsonOf(result).map((item) => item.downloadSkipped)).toEqual([
			'The clip failed (error): it has no files to download.',
			'The clip failed (error): it has no files to download.',
		]);
		expect(mediaRequests()).toEqual([]);
	});

	it('a task that ended UNKNOWN: its clips ended without finishing', async () => {
		ctx.provider.addTask({
			task_id: 'ended',
			status: 'UNKNOWN',
			data: [{ id: 'c-1', title: 'x', audio_url: '' }],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'ended', downloadFiles: ['audio'] });
		expect(jsonOf(result)[0].downloadSkipped).toBe(
			'The clip ended without finishing (UNKNOWN): it has no files to download.',
		);
	});

	it('a clip still streaming is not ready yet', async () => {
		const taskId = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: taskId,
			downloadFiles: ['audio'],
		});
		expect(jsonOf(result)[0].downloadSkipped).toBe(
			'The clip is not finished (streaming): its files are not ready yet.',
		);
	});
});

describe('the not-as-asked hint', () => {
	it('names the task with Simplify off, not "(undefined)"', async () => {
		ctx.provider.gateway = 'stock';
		const { taskId, clipIds } = finishedSong();
		const result = await ctx.generate(
			{
				operation: 'separateStems',
				clipId: clipIds[0],
				originTaskId: taskId,
				simplify: false,
				...fast,
			},
			offering(),
		);
		const [submitted] = ctx.provider.submits;
		expect(result.status).toBe('success');
		expect(hintText(result)).toContain(
			`1 task does not look like what was asked (${submitted.taskId})`,
		);
		expect(hintText(result)).not.toContain('undefined');
	});
});
