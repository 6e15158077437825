import { isTaskNotFound } from '../../../../nodes/shared/model/errors';
import { normaliseResponse } from '../../../../nodes/shared/model/normalise';
import { toIsoTime, toProgress } from '../../../../nodes/shared/model/values';
import { normaliseStatus, type Task } from '../../../../nodes/shared/model/task';
import { fixture } from '../../../fixtures';

function tasksOf(body: unknown, fallback: string | null = null): Task[] {
	const result = normaliseResponse(body, fallback);
	if (!('tasks' in result))
		throw new Error(`expected tasks, got problem: ${result.problem.message}`);
	return result.tasks;
}

function problemOf(body: unknown) {
	const result = normaliseResponse(body);
	if (!('problem' in result)) throw new Error('expected a problem');
	return result.problem;
}

describe('normaliseResponse on the providers’ pages', () => {
	it.each([
		'seed_cometapi_batch_in_progress',
		'seed_elkapi_batch_in_progress',
		'seed_aggregator_batch_in_progress',
	])('%s: one IN_PROGRESS MUSIC task with two streaming clips', (name) => {
		const [task, ...rest] = tasksOf(fixture(name));
		expect(rest).toHaveLength(0);
		expect(task).toMatchObject({
			taskId: '346c5d10-a4a1-4f49-a851-66a7dae6cfaf',
			action: 'MUSIC',
			taskStatus: 'IN_PROGRESS',
			rawStatus: 'IN_PROGRESS',
			progress: 0,
			failReason: null,
			submittedAt: '2024-05-20T07:55:49.000Z',
			startedAt: '2024-05-20T07:56:26.000Z',
			finishedAt: null,
		});
		expect(task.clips.map((clip) => clip.clipId)).toEqual([
			'e9893d04-6a63-4007-8473-64b706eca4d1',
			'fe69611b-fc72-4f6e-b476-5eef0b88c2e3',
		]);
		expect(task.clips[0]).toMatchObject({
			title: 'Electric Dance Party',
			clipStatus: 'streaming',
			audioUrl: 'https://audiopipe.suno.ai/?item_id=e9893d04-6a63-4007-8473-64b706eca4d1',
			videoUrl: null,
			tags: 'club banger high-energy edm',
			description: 'miku dance',
			duration: null,
			model: 'chirp-v3',
			modelVersion: 'v3',
		});
		expect(task.clips[0].lyrics).toMatch(/^\[Verse\]\nEverybody in the place/);
		// notify_hook is kept in the raw task, not lost.
		expect(task.raw).toHaveProperty('notify_hook', '');
		expect(task.raw).toHaveProperty('data');
	});

	it('gpt.ge: a SUCCESS task with a complete clip, duration and created_at', () => {
		const [task] = tasksOf(fixture('seed_gptge_batch_success'));
		expect(task).toMatchObject({
			taskStatus: 'SUCCESS',
			progress: 100,
			finishedAt: '2024-09-21T09:44:57.000Z',
		});
		expect(task.clips[0]).toMatchObject({
			clipId: '3435e194-50e7-4edc-9442-bffe072fccfc',
			title: 'Happy Weekend',
			clipStatus: 'complete',
			duration: 128.92,
			audioUrl: 'https://cdn1.suno.ai/3435e194-50e7-4edc-9442-bffe072fccfc.mp3',
			videoUrl: 'https://cdn1.suno.ai/3435e194-50e7-4edc-9442-bffe072fccfc.mp4',
			imageLargeUrl: 'https://cdn2.suno.ai/image_large_3435e194-50e7-4edc-9442-bffe072fccfc.jpeg',
			createdAt: '2024-09-21T09:43:21.637Z',
			modelVersion: 'v3.5',
			lyrics: null,
		});
		expect(task.clips[0].raw).toHaveProperty('handle', 'yellowrobots6855');
	});

	it('the clips-map dialect (code 200, data.clips keyed by id, status "completed")', () => {
		const [task] = tasksOf(fixture('seed_clips_map_single'));
		expect(task).toMatchObject({
			taskId: '56ea8da3-8507-4118-9f1e-111111111111',
			action: 'MUSIC',
			taskStatus: 'SUCCESS',
			rawStatus: 'completed',
		});
		expect(task.clips).toHaveLength(2);
		expect(task.clips.map((clip) => clip.duration)).toEqual([108.8, 103.2]);
		expect(task.raw.input).toContain('blowing in the wind');
		expect(task.raw).toHaveProperty('clips');
	});

	it('PiAPI legacy clips map from the notes', () => {
		const [task] = tasksOf(fixture('06_clips_map_piapi_legacy'));
		expect(task.taskStatus).toBe('SUCCESS');
		expect(task.clips[0]).toMatchObject({
			title: 'Shadows of Fury',
			duration: 138.6,
			tags: 'Rock Metal',
		});
	});
});

describe('normaliseResponse on the gateways’ variants', () => {
	it('batch with a SUCCESS task and a NOT_START task whose data is null', () => {
		const tasks = tasksOf(fixture('02_batch_music_success'));
		expect(tasks.map((task) => [task.taskStatus, task.clips.length])).toEqual([
			['SUCCESS', 2],
			['NOT_START', 0],
		]);
		expect(tasks[1]).toMatchObject({ startedAt: null, finishedAt: null, progress: 0 });
	});

	it('LYRICS: data is one {id, text, title, status} object', () => {
		const [task] = tasksOf(fixture('03_single_lyrics_success'));
		expect(task).toMatchObject({ action: 'LYRICS', taskStatus: 'SUCCESS', clips: [] });
		expect(task.lyrics).toMatchObject({ title: 'Electric Fantasy', status: 'complete' });
		expect(task.lyrics?.text).toMatch(/^\[Verse\]\nDancing in the neon light/);
	});

	it('FAILURE keeps fail_reason and the clip error', () => {
		const [task] = tasksOf(fixture('04_single_music_failure'));
		expect(task).toMatchObject({
			taskStatus: 'FAILURE',
			failReason: 'Unable to generate lyrics from the given prompt.',
			startedAt: null,
		});
		expect(task.clips[0]).toMatchObject({
			clipStatus: 'error',
			errorMessage: 'Unable to generate lyrics from the given prompt.',
		});
	});

	it('the 2026 task object: task_… ids, numeric id and extra fields kept raw', () => {
		const [task] = tasksOf(fixture('05_single_music_timeout_newapi_2026'));
		expect(task).toMatchObject({
			taskId: 'task_7f11c4b772f44710ac0fae0d5b3dc4c1',
			taskStatus: 'FAILURE',
			failReason: '任务超时（1440分钟）',
			clips: [],
		});
		expect(task.raw).toMatchObject({ id: 48213, platform: 'suno', quota: 50000 });
	});

	it('empty action on older tasks is inferred from the data', () => {
		const body = fixture('01_batch_music_in_progress');
		body.data[0].action = '';
		expect(tasksOf(body)[0].action).toBe('MUSIC');
	});

	it('data null (no id exists) and data [] give no tasks', () => {
		expect(tasksOf({ code: 'success', message: '', data: null })).toEqual([]);
		expect(tasksOf({ code: 'success', message: '', data: [] })).toEqual([]);
	});

	it('flattened clips with state/clip_id and top-level tags/prompt/duration', () => {
		const [task] = tasksOf({
			code: 'success',
			data: [
				{
					task_id: 't1',
					status: 'SUCCESS',
					data: [
						{
							clip_id: 'c1',
							state: 'succeeded',
							tags: ['pop', 'happy'],
							prompt: 'la la',
							duration: '61.5',
						},
					],
				},
			],
		});
		expect(task.clips[0]).toMatchObject({
			clipId: 'c1',
			clipStatus: 'succeeded',
			tags: 'pop, happy',
			lyrics: 'la la',
			duration: 61.5,
		});
	});

	it('numbers as strings: times and progress', () => {
		const [task] = tasksOf({
			code: 'success',
			data: { task_id: 't', status: 'SUCCESS', submit_time: '1716191749', progress: '100%' },
		});
		expect(task).toMatchObject({ submittedAt: '2024-05-20T07:55:49.000Z', progress: 100 });
	});

	it('a field spelled twice is read from the first spelling that holds a value, not the first present', () => {
		const [task] = tasksOf({
			code: 'success',
			data: {
				task_id: '',
				id: 'from-id',
				status: 'SUCCESS',
				submit_time: 0,
				metadata: { created_at: 1716191749 },
				data: [
					{
						id: 'c1',
						audio_url: ' ',
						audioUrl: 'https://cdn.example/c1.mp3',
						created_at: '',
						createTime: 1716191749000,
						tags: [],
						metadata: { tags: ['pop', '', '80s'] },
					},
				],
			},
		});
		expect(task).toMatchObject({ taskId: 'from-id', submittedAt: '2024-05-20T07:55:49.000Z' });
		expect(task.clips[0]).toMatchObject({
			audioUrl: 'https://cdn.example/c1.mp3',
			createdAt: '2024-05-20T07:55:49.000Z',
			tags: 'pop, 80s',
		});
	});

	it('a lyrics object keeps its own fields and stays raw beside them', () => {
		const [task] = tasksOf(
			{ code: 'success', data: { id: 'l1', text: 'words', title: 7, status: 'complete' } },
			'lyrics-task',
		);
		expect(task.lyrics).toEqual({
			title: '7',
			text: 'words',
			status: 'complete',
			raw: { id: 'l1', text: 'words', title: 7, status: 'complete' },
		});
	});

	it('a bare clip list (Suno-API single fetch) is the task named by the request', () => {
		const clips = fixture('01_batch_music_in_progress').data[0].data;
		const [task] = tasksOf({ code: 'success', message: '', data: clips }, 'asked-id');
		expect(task).toMatchObject({ taskId: 'asked-id', taskStatus: 'IN_PROGRESS', rawStatus: null });
		expect(task.clips).toHaveLength(2);
	});
});

describe('problems are returned, not thrown', () => {
	it('an error envelope with code other than success', () => {
		expect(problemOf({ code: 'get_tasks_failed', message: 'db down', data: null })).toEqual({
			code: 'get_tasks_failed',
			message: 'db down',
		});
	});

	it('an OpenAI-style error object', () => {
		expect(problemOf(fixture('07_errors').newapi_auth_2026__HTTP_401).message).toMatch(
			/^Invalid token/,
		);
	});

	it('an HTML page and malformed JSON name what came back', () => {
		expect(problemOf('<html><body>502 Bad Gateway</body></html>').message).toMatch(
			/not JSON: "<html><body>502 Bad Gateway/,
		);
		expect(problemOf('{"code": "success", "data": [').message).toMatch(/not JSON/);
	});

	it('JSON that holds no tasks', () => {
		expect(problemOf([1, 2]).message).toBeDefined();
		expect(problemOf(42).message).toMatch(/not an object/);
		expect(problemOf({ code: 'success', data: 'hello' }).message).toMatch(/holds no tasks/);
	});
});

describe('status vocabulary', () => {
	it.each([
		['NOT_START', 'NOT_START'],
		['SUBMITTED', 'SUBMITTED'],
		['queued', 'QUEUED'],
		['IN_PROGRESS', 'IN_PROGRESS'],
		['streaming', 'IN_PROGRESS'],
		['processing', 'IN_PROGRESS'],
		['SUCCESS', 'SUCCESS'],
		['complete', 'SUCCESS'],
		['completed', 'SUCCESS'],
		['FAILURE', 'FAILURE'],
		['failed', 'FAILURE'],
		['error', 'FAILURE'],
		['GENERATE_AUDIO_FAILED', 'FAILURE'],
		['UNKNOWN', 'UNKNOWN'],
		['unknown', 'UNKNOWN'],
		['something-new', 'UNRECOGNIZED'],
		['', 'UNRECOGNIZED'],
		[null, 'UNRECOGNIZED'],
	])('%s → %s', (word, expected) => {
		expect(normaliseStatus(word)).toBe(expected);
	});
});

describe('helpers', () => {
	it('times: seconds, milliseconds, ISO, 0 and junk', () => {
		expect(toIsoTime(1716191749)).toBe('2024-05-20T07:55:49.000Z');
		expect(toIsoTime(1716191749000)).toBe('2024-05-20T07:55:49.000Z');
		expect(toIsoTime('2024-09-21T09:43:21.637Z')).toBe('2024-09-21T09:43:21.637Z');
		expect(toIsoTime(0)).toBeNull();
		expect(toIsoTime('soon')).toBeNull();
	});

	it('progress: only ever "0%" or "100%" from gateways, tolerated otherwise', () => {
		expect([
			toProgress('0%'),
			toProgress('100%'),
			toProgress(55),
			toProgress('x'),
			toProgress(250),
		]).toEqual([0, 100, 55, null, 100]);
	});

	it('task_not_exist as new-api 400, one-hub 404 and Suno-API "task not exist"', () => {
		const errors = fixture('07_errors');
		expect(isTaskNotFound(400, errors.newapi_single_unknown_id__HTTP_400)).toBe(true);
		expect(isTaskNotFound(404, errors.onehub_single_unknown_id__HTTP_404)).toBe(true);
		expect(isTaskNotFound(400, errors.sunoapi_go_upstream_single_unknown__HTTP_400)).toBe(true);
		expect(isTaskNotFound(400, errors.newapi_batch_bad_json__HTTP_400)).toBe(false);
		expect(isTaskNotFound(401, errors.newapi_auth_2026__HTTP_401)).toBe(false);
	});
});
