/**
 * The key order of the items, which is the order of n8n's table columns (taken from the first
 * item's keys): what the user came for first, the task's bookkeeping last. Most tests compare items
 * with toEqual / toMatchObject, which ignore key order; these compare Object.keys.
 */
import { fixture } from '../fixtures';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const SONG_KEYS = [
	'title',
	'clipId',
	'audioUrl',
	'duration',
	'lyrics',
	'imageUrl',
	'imageLargeUrl',
	'videoUrl',
	'tags',
	'description',
	'model',
	'modelVersion',
	'clipStatus',
	'errorMessage',
	'clipIndex',
	'clipCount',
	'createdAt',
	'taskId',
	'taskStatus',
	'failReason',
	'action',
	'rawStatus',
	'progress',
	'submittedAt',
	'startedAt',
	'finishedAt',
];

const TASK_KEYS = SONG_KEYS.slice(SONG_KEYS.indexOf('taskId'));

/** The clip fields a lyrics task cannot have: it makes no clip. */
const NOT_ON_LYRICS = [
	'clipId',
	'clipIndex',
	'clipCount',
	'audioUrl',
	'videoUrl',
	'imageUrl',
	'imageLargeUrl',
	'description',
	'tags',
	'duration',
	'model',
	'modelVersion',
	'createdAt',
	'errorMessage',
];

const LYRICS_KEYS = ['title', 'lyrics', 'clipStatus', ...TASK_KEYS];

describe('item key order (the table view’s columns)', () => {
	it('a song item: title, clip, audio URL, duration, lyrics first; the task last; every field kept', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		const items = jsonOf(await ctx.run({ operation: 'get', taskId: id }));
		expect(items).toHaveLength(2);
		for (const item of items) expect(Object.keys(item)).toEqual(SONG_KEYS);
	});

	it('a task without clips yet keeps the song item’s fields, null, in the same order', async () => {
		const id = ctx.provider.createTask();
		const [item] = jsonOf(await ctx.run({ operation: 'get', taskId: id }));
		expect(Object.keys(item)).toEqual(SONG_KEYS);
		expect(item).toMatchObject({ taskStatus: 'NOT_START', clipId: null, clipCount: 0 });
	});

	it('a LYRICS task: title, lyrics and status, then the task; no clip field', async () => {
		ctx.provider.addTask(fixture('03_single_lyrics_success').data);
		const taskId = 'f4a94d75-087b-4bb1-bd45-53ba293faf96';
		const [item] = jsonOf(await ctx.run({ operation: 'get', taskId }));
		expect(Object.keys(item)).toEqual(LYRICS_KEYS);
		for (const key of NOT_ON_LYRICS) expect(item).not.toHaveProperty(key);
		expect(item).toMatchObject({
			title: 'Electric Fantasy',
			clipStatus: 'complete',
			taskId,
			action: 'LYRICS',
			taskStatus: 'SUCCESS',
		});
		expect(item.lyrics).toMatch(/^\[Verse\]\nDancing in the neon light/);
	});

	it('an unfinished LYRICS task is a lyrics item too, its title and text null', async () => {
		const id = ctx.provider.createTask({ action: 'LYRICS', holdAt: 'IN_PROGRESS' });
		const [item] = jsonOf(await ctx.run({ operation: 'get', taskId: id }));
		expect(Object.keys(item)).toEqual(LYRICS_KEYS);
		expect(item).toMatchObject({ action: 'LYRICS', title: null, lyrics: null });
		expect(item.taskStatus).not.toBe('SUCCESS');
	});

	it('Generate Lyrics (waiting) gives the lyrics item', async () => {
		const result = await ctx.generate({
			operation: 'generateLyrics',
			prompt: 'a lighthouse keeper in love',
			pollInterval: 1,
		});
		const [item] = jsonOf(result);
		expect(Object.keys(item)).toEqual(LYRICS_KEYS);
		expect(item.lyrics).toContain('lighthouse keeper');
	});

	it('Generate Music (waiting): the model asked for beside the clip’s model, notAsAsked after them', async () => {
		const result = await ctx.generate({
			operation: 'generateMusic',
			songDescription: 'cats',
			pollInterval: 1,
		});
		const [item] = jsonOf(result);
		const keys = Object.keys(item);
		expect(keys.slice(0, 5)).toEqual(['title', 'clipId', 'audioUrl', 'duration', 'lyrics']);
		expect(keys.slice(keys.indexOf('model'), keys.indexOf('model') + 4)).toEqual([
			'model',
			'requestedModel',
			'modelVersion',
			'notAsAsked',
		]);
		expect(keys.slice(-TASK_KEYS.length)).toEqual(TASK_KEYS);
	});

	it('Separate Stems: the stem’s name right after what the user came for', async () => {
		const { taskId, clipIds } = ctx.finishedSong();
		const result = await ctx.generate(
			{ operation: 'separateStems', clipId: clipIds[0], originTaskId: taskId, pollInterval: 1 },
			ctx.offering(),
		);
		const items = jsonOf(result);
		expect(items.map((item) => item.stem)).toEqual(['Vocals', 'Instrumental']);
		for (const item of items)
			expect(Object.keys(item).slice(0, 6)).toEqual([
				'title',
				'clipId',
				'audioUrl',
				'duration',
				'lyrics',
				'stem',
			]);
	});

	it('Download Files: downloadSkipped after the file URLs it speaks of, on finished and unfinished clips', async () => {
		const done = ctx.provider.createTask({ finishAfter: 0 });
		const running = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: `${done}\n${running}`,
			downloadFiles: ['audio'],
		});
		const items = jsonOf(result);
		expect(items.map((item) => typeof item.downloadSkipped)).toEqual([
			'object',
			'object',
			'string',
			'string',
		]);
		const withSkipped = [...SONG_KEYS];
		withSkipped.splice(SONG_KEYS.indexOf('videoUrl') + 1, 0, 'downloadSkipped');
		for (const item of items) expect(Object.keys(item)).toEqual(withSkipped);
	});

	it('Simplify off keeps the provider’s order, the task and downloadSkipped after it', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		const plain = jsonOf(await ctx.run({ operation: 'get', taskId: id, simplify: false }));
		const downloaded = jsonOf(
			await ctx.run({ operation: 'get', taskId: id, simplify: false, downloadFiles: ['audio'] }),
		);
		const answer = await fetch(`${ctx.provider.url}/suno/fetch/${id}`, {
			headers: { authorization: `Bearer ${ctx.provider.apiKey}` },
		});
		const sent = (await answer.json()) as { data: { data: Record<string, unknown>[] } };
		const providerKeys = Object.keys(sent.data.data[0]);
		expect(Object.keys(plain[0])).toEqual([...providerKeys, 'task']);
		expect(Object.keys(downloaded[0])).toEqual([...providerKeys, 'task', 'downloadSkipped']);
	});
});
