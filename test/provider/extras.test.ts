/**
 * The local provider's reseller extras (suno-extras.md §13) on its 'extended' gateway — concat,
 * upload by URL, stems, cover, persona music, persona creation, timing, WAV/MP4 — and what a stock
 * new-api ('stock') makes of the same requests. Plain HTTP against a started provider.
 */
import { LocalSunoProvider, STEMS, mediaBytes } from './provider';

let provider: LocalSunoProvider;
beforeAll(async () => {
	provider = await new LocalSunoProvider().start();
});
afterEach(() => provider.reset());
afterAll(async () => provider.stop());

interface Answer {
	status: number;
	type: string | null;
	text: string;
	json: any;
	bytes: Buffer;
}

async function call(
	method: string,
	path: string,
	body?: unknown,
	auth: string | null = `Bearer ${provider.apiKey}`,
): Promise<Answer> {
	const headers: Record<string, string> = {};
	if (auth) headers.authorization = auth;
	if (body !== undefined) headers['content-type'] = 'application/json';
	const response = await fetch(`${provider.url}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
	});
	const bytes = Buffer.from(await response.arrayBuffer());
	const text = bytes.toString('utf8');
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, type: response.headers.get('content-type'), text, json, bytes };
}

const post = (path: string, body?: unknown) => call('POST', path, body);

/** A new-api refusal: HTTP 400 with the task-family error envelope. */
function expectRefusal(answer: Answer, code: string, message: string) {
	expect(answer.status).toBe(400);
	expect(answer.json).toEqual({ code, message, data: null });
}
const get = (path: string) => call('GET', path);

/** Polls GET /suno/fetch/{id} until the task is SUCCESS (advance 'poll': one step a fetch). */
async function finished(taskId: string) {
	for (let poll = 0; poll < 6; poll++) {
		const { json } = await get(`/suno/fetch/${taskId}`);
		if (json.data.status === 'SUCCESS') return json.data;
	}
	throw new Error(`task ${taskId} never finished`);
}

/** A finished song made with `createTask`, and its clips as fetch shows them. */
async function song(spec: Parameters<LocalSunoProvider['createTask']>[0] = {}) {
	const taskId = provider.createTask({ finishAfter: 0, ...spec });
	const task = await finished(taskId);
	return { taskId, clips: task.data as any[] };
}

const LYRICS = '[Verse]\nWinter winds they cut so deep\n[Chorus]\nHold on';

describe('POST /suno/submit/concat', () => {
	it('joins an extension to what it extended: one clip with the concat history, once finished', async () => {
		const source = await song({
			title: 'Winter Song',
			tags: 'folk',
			duration: 200.25,
			continueClipId: 'orig-clip',
			continueAt: 42.5,
		});
		const clipId = source.clips[0].id;
		const answer = await post('/suno/submit/concat', { clip_id: clipId, is_infill: true });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ code: 'success', message: '', data: expect.any(String) });
		const taskId = answer.json.data;
		expect(provider.submits).toEqual([
			{
				action: 'MUSIC',
				route: 'concat',
				body: { clip_id: clipId, is_infill: true },
				forwarded: { clip_id: clipId, is_infill: true },
				mv: undefined,
				taskId,
				at: expect.any(Number),
			},
		]);
		expect(provider.counters).toMatchObject({ submitAttempts: 1, submit: 1 });

		// Not done at once: it moves through the stages like any task.
		expect((await get(`/suno/fetch/${taskId}`)).json.data.status).toBe('NOT_START');
		const task = await finished(taskId);
		expect(task.action).toBe('MUSIC');
		expect(task.data).toHaveLength(1);
		const [clip] = task.data;
		expect(clip.id).not.toBe(clipId);
		expect(clip.title).toBe('Winter Song');
		expect(clip.metadata).toMatchObject({ type: 'concat', tags: 'folk', duration: 260.25 });
		expect(clip.metadata.concat_history).toEqual([
			{ id: 'orig-clip', continue_at: 42.5, type: 'gen', source: 'web', infill: true },
			{ id: clipId, continue_at: null },
		]);
		expect(clip.audio_url).toBe(`${provider.url}/media/${clip.id}.mp3`);
		const audio = await get(`/media/${clip.id}.mp3`);
		expect(audio.status).toBe(200);
		expect(audio.type).toBe('audio/mpeg');
	});

	it('a clip that extended nothing heads its own history; is_infill defaults to false', async () => {
		const { clips } = await song();
		const { json } = await post('/suno/submit/concat', { clip_id: clips[1].id });
		const [clip] = (await finished(json.data)).data;
		expect(clip.metadata.concat_history[0]).toEqual({
			id: clips[1].id,
			continue_at: null,
			type: 'gen',
			source: 'web',
			infill: false,
		});
	});

	it('refuses an empty clip_id and a clip no task has, counting both attempts', async () => {
		const empty = await post('/suno/submit/concat', { is_infill: false });
		expectRefusal(empty, 'invalid_request', 'clip_id is empty');
		const unknown = await post('/suno/submit/concat', { clip_id: 'no-such-clip' });
		expect(unknown.status).toBe(400);
		expect(unknown.json).toEqual({ code: 'task_not_exist', message: 'clip_not_exist', data: null });
		const broken = await post('/suno/submit/concat', '{"clip_id":');
		expect(broken.status).toBe(400);
		expect(broken.json.code).toBe('invalid_request');
		expect(provider.counters).toMatchObject({ submitAttempts: 3, submit: 0 });
		expect(provider.submits).toEqual([]);
		expect(provider.tasks.size).toBe(0);
	});

	it('needs the key like every relay route', async () => {
		const answer = await call('POST', '/suno/submit/concat', { clip_id: 'x' }, 'Bearer wrong');
		expect(answer.status).toBe(401);
		expect(answer.json.error.type).toBe('new_api_error');
	});
});

describe('POST /suno/uploads/audio-url', () => {
	it('makes a task holding one uploaded clip named after the file, without fetching the URL', async () => {
		const url = 'https://cdn.example/ai/My%20First%20Song.mp3?sig=abc';
		const answer = await post('/suno/uploads/audio-url', { url });
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({ code: 'success', message: '', data: expect.any(String) });
		expect(provider.submits[0]).toMatchObject({
			action: 'MUSIC',
			route: 'upload',
			body: { url },
			forwarded: { url },
			taskId: answer.json.data,
		});
		expect(provider.counters.submitAttempts).toBe(1);
		const task = await finished(answer.json.data);
		expect(task.action).toBe('MUSIC');
		expect(task.data).toHaveLength(1);
		const [clip] = task.data;
		expect(clip.title).toBe('My First Song');
		expect(clip.metadata).toMatchObject({ type: 'upload', prompt: '' });
		expect(clip.audio_url).toBe(`${provider.url}/media/${clip.id}.mp3`);
		expect((await get(`/media/${clip.id}.mp3`)).status).toBe(200);
		expect(provider.log.some((entry) => entry.path.includes('My%20First'))).toBe(false);
	});

	it('falls back to "Uploaded audio" when the URL names no file', async () => {
		const { json } = await post('/suno/uploads/audio-url', { url: 'https://cdn.example/' });
		expect((await finished(json.data)).data[0].title).toBe('Uploaded audio');
	});

	it.each([[{}], [{ url: '' }], [{ url: 42 }]])('refuses %j: url is empty', async (body) => {
		const answer = await post('/suno/uploads/audio-url', body);
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ code: 'invalid_request', message: 'url is empty', data: null });
		expect(provider.submits).toEqual([]);
		expect(provider.counters.submitAttempts).toBe(1);
	});
});

describe('POST /suno/submit/music with task gen_stem', () => {
	const stemBody = (taskId: string, clipId: string, group: 'Two' | 'Twelve') => ({
		task: 'gen_stem',
		generation_type: 'TEXT',
		title: 'Security String',
		mv: 'chirp-auk',
		prompt: '',
		make_instrumental: true,
		task_id: taskId,
		continue_clip_id: clipId,
		continued_aligned_prompt: null,
		continue_at: null,
		stem_type_id: 91,
		stem_type_group_name: group,
		stem_task: group.toLowerCase(),
	});

	it.each([
		['Two', STEMS.two],
		['Twelve', STEMS.twelve],
	] as const)('%s: one chirp-stem clip per stem, titled after the source', async (group, stems) => {
		const source = await song({ title: 'Harbour', tags: 'folk', duration: 200.25 });
		const clipId = source.clips[1].id;
		const answer = await post('/suno/submit/music', stemBody(source.taskId, clipId, group));
		expect(answer.status).toBe(200);
		expect(provider.submits[0]).toMatchObject({ route: 'music', mv: 'chirp-auk' });
		expect(provider.submits[0].forwarded).toEqual(provider.submits[0].body);
		const task = await finished(answer.json.data);
		expect(task.data.map((clip: any) => clip.title)).toEqual(
			stems.map((stem) => `Harbour - ${stem}`),
		);
		expect(stems).toHaveLength(group === 'Two' ? 2 : 12);
		for (const clip of task.data) {
			expect(clip.model_name).toBe('chirp-stem');
			expect(clip.metadata).toMatchObject({
				type: 'stem',
				stem_from_id: clipId,
				stem_task: group.toLowerCase(),
				duration: 200.25,
				tags: 'folk',
			});
			expect(clip.metadata.history).toBeNull();
		}
		expect(new Set(task.data.map((clip: any) => clip.id)).size).toBe(stems.length);
	});

	it.each([
		[{ stem_task: 'two', stem_type_group_name: 'Twelve' }],
		[{ stem_task: 'two', stem_type_group_name: undefined }],
		[{ stem_task: 'three', stem_type_group_name: 'Three' }],
	])('refuses stems that disagree or are missing: %j', async (stems) => {
		const source = await song();
		const body = { ...stemBody(source.taskId, source.clips[0].id, 'Two'), ...stems };
		const answer = await post('/suno/submit/music', body);
		expectRefusal(answer, 'invalid_request', 'stem_task must be two or twelve');
		expect(provider.submits).toEqual([]);
	});

	it('the clip must come from the task named by task_id, and task_id is required', async () => {
		const source = await song();
		const other = await song();
		const wrong = await post(
			'/suno/submit/music',
			stemBody(other.taskId, source.clips[0].id, 'Two'),
		);
		expectRefusal(wrong, 'task_not_exist', 'task_origin_not_exist');
		const { task_id: _omitted, ...noTask } = stemBody(source.taskId, source.clips[0].id, 'Two');
		const missing = await post('/suno/submit/music', noTask);
		expectRefusal(missing, 'invalid_request', 'task id is empty');
		expect(provider.submits).toEqual([]);
	});
});

describe('POST /suno/submit/music with task cover or artist_consistency', () => {
	it('cover: two songs from the prompt that name the covered clip', async () => {
		const { clips } = await song();
		const answer = await post('/suno/submit/music', {
			task: 'cover',
			cover_clip_id: clips[0].id,
			prompt: '[Verse]\nAgain',
			tags: 'jazz',
			title: 'Covered',
			mv: 'chirp-v4',
		});
		expect(answer.status).toBe(200);
		const task = await finished(answer.json.data);
		expect(task.data).toHaveLength(2);
		for (const clip of task.data) {
			expect(clip.title).toBe('Covered');
			expect(clip.metadata).toMatchObject({
				task: 'cover',
				cover_clip_id: clips[0].id,
				tags: 'jazz',
				prompt: '[Verse]\nAgain',
				type: 'gen',
			});
		}
	});

	it('cover of a clip nobody has is refused', async () => {
		const answer = await post('/suno/submit/music', { task: 'cover', cover_clip_id: 'nope' });
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({ code: 'task_not_exist', message: 'clip_not_exist', data: null });
		expect(provider.submits).toEqual([]);
	});

	it('artist_consistency: two songs carrying the persona and its clip', async () => {
		const answer = await post('/suno/submit/music', {
			task: 'artist_consistency',
			persona_id: 'persona-1',
			artist_clip_id: 'artist-clip-1',
			prompt: '[Verse]\nYou',
			tags: 'pop',
			title: 'Persona Song',
			mv: 'chirp-v4-tau',
		});
		expect(answer.status).toBe(200);
		const task = await finished(answer.json.data);
		expect(task.data).toHaveLength(2);
		for (const clip of task.data)
			expect(clip.metadata).toMatchObject({
				task: 'artist_consistency',
				persona_id: 'persona-1',
				artist_clip_id: 'artist-clip-1',
			});
		expect(provider.submits[0].forwarded).toMatchObject({ persona_id: 'persona-1' });
	});

	it.each([
		[{ persona_id: 'p' }],
		[{ artist_clip_id: 'c' }],
		[{ persona_id: '', artist_clip_id: 'c' }],
	])('artist_consistency without both ids is refused: %j', async (ids) => {
		const answer = await post('/suno/submit/music', {
			task: 'artist_consistency',
			prompt: 'x',
			...ids,
		});
		expectRefusal(answer, 'invalid_request', 'persona_id is empty');
	});

	it('any other task value is ignored: an ordinary song', async () => {
		const answer = await post('/suno/submit/music', {
			task: 'upload_extend',
			mv: 'chirp-v4',
			prompt: 'hi',
			title: 'Plain',
		});
		const task = await finished(answer.json.data);
		expect(task.data).toHaveLength(2);
		expect(task.data[0].metadata.type).toBe('gen');
		expect(task.data[0].metadata).not.toHaveProperty('task');
	});
});

describe('POST /suno/persona/create', () => {
	it.each(['/suno/persona/create', '/suno/persona/create/'])(
		"%s answers Suno's persona object, raw, and charges the quota",
		async (path) => {
			const { clips } = await song({ title: 'Root' });
			provider.quota = 5;
			const body = {
				root_clip_id: clips[0].id,
				name: 'Singer',
				description: 'warm voice',
				clips: [clips[0].id],
				is_public: true,
			};
			const answer = await post(path, body);
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				name: 'Singer',
				description: 'warm voice',
				root_clip_id: clips[0].id,
				clip: clips[0],
				user_display_name: expect.any(String),
				user_handle: expect.any(String),
				user_image_url: expect.any(String),
				persona_clips: [{ clip: clips[0], id: expect.any(Number) }],
				is_public: true,
			});
			expect(answer.json).not.toHaveProperty('code');
			expect(provider.personas).toEqual([{ id: answer.json.id, body, at: expect.any(Number) }]);
			expect(provider.counters.personaCreate).toBe(1);
			expect(provider.quota).toBe(4);
			expect(provider.submits).toEqual([]);
		},
	);

	it('an unknown root clip is a 404, missing fields a 400; neither is charged', async () => {
		provider.quota = 5;
		const unknown = await post('/suno/persona/create', { root_clip_id: 'nope', name: 'x' });
		expect(unknown.status).toBe(404);
		expect(unknown.json).toEqual({ detail: 'Clip not found' });
		const { clips } = await song();
		const noName = await post('/suno/persona/create/', { root_clip_id: clips[0].id });
		expect(noName.status).toBe(400);
		expect(noName.json).toEqual({ detail: 'root_clip_id and name are required' });
		expect(provider.personas).toEqual([]);
		expect(provider.quota).toBe(5);
		expect(provider.counters.personaCreate).toBe(2);
	});
});

describe('GET /suno/act/timing/{clip_id}', () => {
	it('aligns the lyrics word by word, tags glued to the next word, times rising', async () => {
		const { clips } = await song({ prompt: LYRICS });
		const answer = await get(`/suno/act/timing/${clips[0].id}`);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			aligned_words: expect.any(Array),
			waveform_data: expect.any(Array),
			hoot_cer: 0.03,
			is_streamed: false,
		});
		const words = answer.json.aligned_words;
		expect(words.map((word: any) => word.word)).toEqual([
			'[Verse]\nWinter ',
			'winds ',
			'they ',
			'cut ',
			'so ',
			'deep\n',
			'[Chorus]\nHold ',
			'on',
		]);
		expect(words[0]).toMatchObject({ success: true, start_s: 8.38, end_s: 8.78 });
		for (const [index, word] of words.entries()) {
			expect(word.end_s).toBeGreaterThan(word.start_s);
			if (index > 0) expect(word.start_s).toBe(words[index - 1].end_s);
			for (const value of [word.start_s, word.end_s, word.p_align])
				expect(Math.round(value * 1000) / 1000).toBe(value);
			expect(word.p_align).toBeGreaterThan(0);
			expect(word.p_align).toBeLessThanOrEqual(1);
		}
		expect(answer.json.waveform_data.length).toBeGreaterThan(0);
		expect(answer.json.waveform_data.every((value: unknown) => typeof value === 'number')).toBe(
			true,
		);
		expect(provider.counters.timing).toBe(1);
	});

	it('an instrumental has no words', async () => {
		const { clips } = await song({ prompt: '' });
		const answer = await get(`/suno/act/timing/${clips[0].id}`);
		expect(answer.status).toBe(200);
		expect(answer.json.aligned_words).toEqual([]);
	});

	it('a clip still rendering, and a clip nobody has, are refused', async () => {
		const id = provider.createTask({ holdAt: 'IN_PROGRESS' });
		const [clip] = (await get(`/suno/fetch/${id}`)).json.data.data;
		const unfinished = await get(`/suno/act/timing/${clip.id}`);
		expect(unfinished.status).toBe(400);
		expect(unfinished.json).toEqual({ detail: 'Clip is not complete' });
		const unknown = await get('/suno/act/timing/no-such-clip');
		expect(unknown.status).toBe(400);
		expect(unknown.json).toEqual({ code: 'task_not_exist', message: 'task_not_exist', data: null });
		expect(provider.counters.timing).toBe(2);
	});
});

describe('GET /suno/act/{wav|mp4}/{clip_id}', () => {
	const TYPES = { wav: 'audio/wav', mp4: 'video/mp4' } as const;

	it.each(['wav', 'mp4'] as const)(
		'%s, url (default): a served file URL in the envelope',
		async (kind) => {
			const { clips } = await song();
			const answer = await get(`/suno/act/${kind}/${clips[0].id}`);
			const fileUrl = `${provider.url}/media/${clips[0].id}.${kind}`;
			expect(answer.status).toBe(200);
			expect(answer.json).toEqual({ code: 'success', message: '', data: fileUrl });
			const file = await call('GET', fileUrl.slice(provider.url.length), undefined, null);
			expect(file.status).toBe(200);
			expect(file.type).toBe(TYPES[kind]);
			expect(file.bytes.equals(mediaBytes(`${clips[0].id}.${kind}`, provider.mediaSize))).toBe(
				true,
			);
			expect(provider.acts).toEqual([{ kind, clipId: clips[0].id, at: expect.any(Number) }]);
			expect(provider.counters.act).toBe(1);
		},
	);

	it('wav, taskId: a new one-clip task whose audio is the WAV', async () => {
		const { clips } = await song({ title: 'Source' });
		provider.actShape = 'taskId';
		const answer = await get(`/suno/act/wav/${clips[0].id}`);
		expect(answer.json).toEqual({ code: 'success', message: '', data: expect.any(String) });
		expect(answer.json.data).not.toMatch(/^http/);
		const task = await finished(answer.json.data);
		expect(task.action).toBe('MUSIC');
		expect(task.data).toHaveLength(1);
		const [clip] = task.data;
		expect(clip.id).not.toBe(clips[0].id);
		expect(clip.title).toBe('Source');
		expect(clip.metadata.type).toBe('wav');
		expect(clip.audio_url).toBe(`${provider.url}/media/${clip.id}.wav`);
		const file = await get(`/media/${clip.id}.wav`);
		expect(file.type).toBe('audio/wav');
		expect(file.bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
		expect(provider.submits).toEqual([]);
	});

	it("mp4, taskId: a new one-clip task whose video is the MP4, audio the source's", async () => {
		const { clips } = await song({ title: 'Source' });
		provider.actShape = 'taskId';
		const answer = await get(`/suno/act/mp4/${clips[0].id}`);
		const [clip] = (await finished(answer.json.data)).data;
		expect(clip.id).not.toBe(clips[0].id);
		expect(clip.metadata.type).toBe('mp4');
		expect(clip.video_url).toBe(`${provider.url}/media/${clip.id}.mp4`);
		expect(clip.audio_url).toBe(clips[0].audio_url);
	});

	it.each([
		[
			'object',
			'wav',
			(url: string) => ({ code: 'success', message: '', data: { wav_file_url: url } }),
		],
		[
			'object',
			'mp4',
			(url: string) => ({ code: 'success', message: '', data: { mp4_file_url: url } }),
		],
		['raw', 'wav', (url: string) => ({ wav_file_url: url })],
		['raw', 'mp4', (url: string) => ({ video_url: url })],
		['empty', 'wav', () => ({ code: 'success', message: '', data: '' })],
		['empty', 'mp4', () => ({ code: 'success', message: '', data: '' })],
		['weird', 'wav', () => ({ code: 'success', message: '', data: { state: 'running' } })],
		['weird', 'mp4', () => ({ code: 'success', message: '', data: { state: 'running' } })],
	] as const)('%s, %s', async (shape, kind, expected) => {
		const { clips } = await song();
		provider.actShape = shape;
		const answer = await get(`/suno/act/${kind}/${clips[0].id}`);
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual(expected(`${provider.url}/media/${clips[0].id}.${kind}`));
	});

	it.each(['wav', 'mp4'] as const)('%s, bytes: the file itself', async (kind) => {
		const { clips } = await song();
		provider.actShape = 'bytes';
		const answer = await get(`/suno/act/${kind}/${clips[0].id}`);
		expect(answer.status).toBe(200);
		expect(answer.type).toBe(TYPES[kind]);
		expect(answer.bytes.length).toBe(provider.mediaSize);
		expect(answer.bytes.equals(mediaBytes(`${clips[0].id}.${kind}`, provider.mediaSize))).toBe(
			true,
		);
	});

	it('refuses a clip nobody has and a clip not complete, logging every call', async () => {
		const unknown = await get('/suno/act/wav/no-such-clip');
		expect(unknown.status).toBe(400);
		expect(unknown.json).toEqual({ code: 'task_not_exist', message: 'task_not_exist', data: null });
		const id = provider.createTask({ holdAt: 'QUEUED' });
		const [clip] = (await get(`/suno/fetch/${id}`)).json.data.data;
		const queued = await get(`/suno/act/mp4/${clip.id}`);
		expect(queued.status).toBe(400);
		expect(queued.json).toEqual({ code: 'fail', message: 'clip is not complete', data: null });
		expect(provider.acts.map((act) => [act.kind, act.clipId])).toEqual([
			['wav', 'no-such-clip'],
			['mp4', clip.id],
		]);
		expect(provider.counters.act).toBe(2);
	});

	it('needs the key', async () => {
		const { clips } = await song();
		expect((await call('GET', `/suno/act/wav/${clips[0].id}`, undefined, null)).status).toBe(401);
		expect((await call('GET', `/suno/act/timing/${clips[0].id}`, undefined, null)).status).toBe(
			401,
		);
	});
});

describe('quota', () => {
	it('concat, upload and persona creation answer 403 once it is spent, creating nothing', async () => {
		const { clips } = await song();
		const tasks = provider.tasks.size;
		provider.quota = 0;
		const refusal = { code: 'quota_not_enough', message: 'user quota is not enough', data: null };
		const concat = await post('/suno/submit/concat', { clip_id: clips[0].id });
		const upload = await post('/suno/uploads/audio-url', { url: 'https://x.example/a.mp3' });
		const persona = await post('/suno/persona/create', { root_clip_id: clips[0].id, name: 'x' });
		for (const answer of [concat, upload, persona]) {
			expect(answer.status).toBe(403);
			expect(answer.json).toEqual(refusal);
		}
		expect(provider.tasks.size).toBe(tasks);
		expect(provider.submits).toEqual([]);
		expect(provider.personas).toEqual([]);
		expect(provider.counters).toMatchObject({ submitAttempts: 2, submit: 0, personaCreate: 1 });
	});

	it('each accepted concat, upload or persona uses one', async () => {
		const { clips } = await song();
		provider.quota = 3;
		provider.era = '2026';
		expect((await post('/suno/submit/concat', { clip_id: clips[0].id })).status).toBe(200);
		expect((await post('/suno/uploads/audio-url', { url: 'https://x.example/a.mp3' })).status).toBe(
			200,
		);
		expect(
			(await post('/suno/persona/create', { root_clip_id: clips[0].id, name: 'x' })).status,
		).toBe(200);
		expect(provider.quota).toBe(0);
		const next = await post('/suno/submit/music', { prompt: 'x' });
		expect(next.status).toBe(403);
		expect(next.json.code).toBe('insufficient_user_quota');
	});
});

describe('submit records', () => {
	it('music and lyrics record their route and forward the body whole on the extended gateway', async () => {
		const music = {
			prompt: 'la',
			title: 'T',
			mv: 'chirp-v4',
			task: 'whatever',
			negative_tags: 'x',
		};
		await post('/suno/submit/music', music);
		await post('/suno/submit/lyrics', { prompt: 'rain' });
		expect(
			provider.submits.map(({ action, route, body, forwarded }) => ({
				action,
				route,
				body,
				forwarded,
			})),
		).toEqual([
			{ action: 'MUSIC', route: 'music', body: music, forwarded: music },
			{
				action: 'LYRICS',
				route: 'lyrics',
				body: { prompt: 'rain' },
				forwarded: { prompt: 'rain' },
			},
		]);
	});
});

describe("gateway 'stock' (an unmodified new-api)", () => {
	beforeEach(() => {
		provider.gateway = 'stock';
	});

	it('drops the fields dto.SunoSubmitReq lacks: a gen_stem becomes a plain extension', async () => {
		const source = await song({ title: 'Harbour' });
		const clipId = source.clips[0].id;
		const body = {
			task: 'gen_stem',
			generation_type: 'TEXT',
			title: 'Security String',
			mv: 'chirp-auk',
			prompt: '',
			make_instrumental: true,
			task_id: source.taskId,
			continue_clip_id: clipId,
			continued_aligned_prompt: null,
			continue_at: null,
			stem_type_id: 91,
			stem_type_group_name: 'Two',
			stem_task: 'two',
		};
		const answer = await post('/suno/submit/music', body);
		expect(answer.status).toBe(200);
		const [record] = provider.submits;
		expect(record.body).toEqual(body);
		expect(record.forwarded).toEqual({
			title: 'Security String',
			mv: 'chirp-auk',
			prompt: '',
			make_instrumental: true,
			task_id: source.taskId,
			continue_clip_id: clipId,
			continue_at: null,
		});
		expect(record.forwarded).not.toHaveProperty('task');
		const task = await finished(answer.json.data);
		expect(task.data).toHaveLength(2);
		for (const clip of task.data) {
			expect(clip.title).toBe('Security String');
			expect(clip.model_name).toBe('chirp-auk');
			expect(clip.metadata.type).toBe('gen');
			expect(clip.metadata.history).toEqual([
				{ id: clipId, continue_at: null, type: 'gen', source: 'web', infill: false },
			]);
			expect(clip.metadata).not.toHaveProperty('stem_from_id');
			expect(clip.metadata).not.toHaveProperty('stem_task');
		}
	});

	it('a cover or persona request becomes an ordinary song, keeping the newer dto fields', async () => {
		const { clips } = await song();
		const answer = await post('/suno/submit/music', {
			task: 'cover',
			cover_clip_id: clips[0].id,
			persona_id: 'p',
			mv: 'chirp-v4',
			prompt: 'la',
			customMode: true,
			callBackUrl: 'https://hook.example/',
		});
		expect(provider.submits[0].forwarded).toEqual({
			mv: 'chirp-v4',
			prompt: 'la',
			customMode: true,
			callBackUrl: 'https://hook.example/',
		});
		const task = await finished(answer.json.data);
		expect(task.data).toHaveLength(2);
		expect(task.data[0].metadata).not.toHaveProperty('task');
		expect(task.data[0].metadata).not.toHaveProperty('cover_clip_id');
	});

	it('an unknown cover clip is no longer checked: the field never arrives', async () => {
		const answer = await post('/suno/submit/music', {
			task: 'cover',
			cover_clip_id: 'nope',
			prompt: 'x',
		});
		expect(answer.status).toBe(200);
	});

	it.each(['concat', 'infill'])(
		'submit/%s: 503, no channel for suno_<action>, nothing created',
		async (action) => {
			const { clips } = await song();
			const tasks = provider.tasks.size;
			const answer = await post(`/suno/submit/${action}`, { clip_id: clips[0].id });
			expect(answer.status).toBe(503);
			expect(answer.json).toEqual({
				error: {
					message: expect.stringMatching(
						new RegExp(
							`^当前分组 default 下对于模型 suno_${action} 无可用渠道 \\(request id: \\w+\\)$`,
						),
					),
					type: 'new_api_error',
				},
			});
			expect(provider.counters.submitAttempts).toBe(1);
			expect(provider.submits).toEqual([]);
			expect(provider.tasks.size).toBe(tasks);
		},
	);

	it.each([
		['POST', '/suno/uploads/audio-url', { url: 'https://x.example/a.mp3' }],
		['POST', '/suno/persona/create', { root_clip_id: 'x', name: 'y' }],
		['POST', '/suno/persona/create/', { root_clip_id: 'x', name: 'y' }],
		['GET', '/suno/act/timing/x', undefined],
		['GET', '/suno/act/wav/x', undefined],
		['GET', '/suno/act/mp4/x', undefined],
		['GET', '/suno/feed/a,b', undefined],
		['POST', '/suno/generate', { prompt: 'x' }],
		['GET', '/suno/submit/music', undefined],
	])(
		'%s %s: the dashboard page, HTTP 200, without asking for a key',
		async (method, path, body) => {
			const answer = await call(method, path, body, null);
			expect(answer.status).toBe(200);
			expect(answer.type).toBe('text/html; charset=utf-8');
			expect(
				answer.text.startsWith(
					'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>New API</title>',
				),
			).toBe(true);
			expect(provider.log.map((entry) => entry.path)).toEqual([path]);
			expect(provider.submits).toEqual([]);
			expect(provider.personas).toEqual([]);
			expect(provider.acts).toEqual([]);
			expect(provider.counters).toMatchObject({
				submitAttempts: 0,
				personaCreate: 0,
				timing: 0,
				act: 0,
			});
		},
	);

	it('its relay routes still need the key', async () => {
		expect((await call('GET', '/suno/fetch/x', undefined, null)).status).toBe(401);
		expect((await call('POST', '/suno/submit/music', { prompt: 'x' }, null)).status).toBe(401);
	});

	it("the extended gateway answers an unknown /suno path with today's 404 JSON", async () => {
		provider.gateway = 'extended';
		const answer = await get('/suno/feed/a,b');
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({
			error: { message: 'Invalid URL', type: 'invalid_request_error' },
		});
	});
});

describe('options and reset', () => {
	it("gateway defaults to 'extended', actShape to 'url'; reset restores the constructor's", () => {
		expect(provider.gateway).toBe('extended');
		expect(provider.actShape).toBe('url');
		const stock = new LocalSunoProvider({ gateway: 'stock' });
		stock.gateway = 'extended';
		stock.actShape = 'bytes';
		stock.personas.push({ id: 'p', body: {}, at: 0 });
		stock.acts.push({ kind: 'wav', clipId: 'c', at: 0 });
		stock.counters.act = 3;
		stock.reset();
		expect(stock.gateway).toBe('stock');
		expect(stock.actShape).toBe('url');
		expect(stock.personas).toEqual([]);
		expect(stock.acts).toEqual([]);
		expect(stock.counters).toMatchObject({ act: 0, timing: 0, personaCreate: 0 });
	});
});
