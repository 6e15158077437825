import { createHash } from 'node:crypto';

import { mediaBytes } from '../provider/provider';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const mediaRequests = () => ctx.provider.log.filter((entry) => entry.path.startsWith('/media/'));

describe('Download Files', () => {
	it('attaches audio, covers and video of finished clips, byte for byte, with MIME types and safe names', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, title: 'Electric / Dance: Party?' });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio', 'image', 'imageLarge', 'video'],
		});
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			const clipId = item.json.clipId as string;
			expect(item.json.downloadSkipped).toBeNull();
			expect(Object.keys(item.binary ?? {}).sort()).toEqual([
				'audio',
				'image',
				'imageLarge',
				'video',
			]);
			// The large cover is tagged: both covers are JPEGs and must not overwrite each other on disk.
			const expectations = [
				['audio', `${clipId}.mp3`, 'audio/mpeg', '.mp3'],
				['image', `image_${clipId}.jpeg`, 'image/jpeg', '.jpeg'],
				['imageLarge', `image_large_${clipId}.jpeg`, 'image/jpeg', '-large.jpeg'],
				['video', `${clipId}.mp4`, 'video/mp4', '.mp4'],
			] as const;
			for (const [property, served, mimeType, ending] of expectations) {
				const binary = item.binary![property];
				expect(binary.mimeType).toBe(mimeType);
				expect(binary.fileName).toBe(`Electric Dance Party-${clipId.slice(0, 8)}${ending}`);
				expect(sha256(Buffer.from(binary.data, 'base64'))).toBe(
					sha256(mediaBytes(served, 64 * 1024)),
				);
			}
		}
	});

	it('two clips with the same title never get the same file name, with or without clip ids', async () => {
		const clip = (id: string | undefined, media: string) => ({
			id,
			title: 'Twin',
			status: 'complete',
			audio_url: ctx.provider.addMedia(media),
		});
		ctx.provider.addTask({
			task_id: 'no-ids',
			status: 'SUCCESS',
			data: [clip(undefined, 'twin-a.mp3'), clip(undefined, 'twin-b.mp3')],
		});
		// 2026-style ids share their first 8 characters.
		ctx.provider.addTask({
			task_id: 'alike-ids',
			status: 'SUCCESS',
			data: [clip('task_01HZ-a', 'twin-c.mp3'), clip('task_01HZ-b', 'twin-d.mp3')],
		});
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: 'no-ids, alike-ids',
			downloadFiles: ['audio'],
		});
		const names = result.items.map((item) => item.binary!.audio.fileName!);
		expect(names).toHaveLength(4);
		expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(4);
		expect(names[0]).toMatch(/^Twin-[0-9a-f]{8}\.mp3$/);
		expect(names[1]).toMatch(/^Twin-[0-9a-f]{8}\.mp3$/);
		expect(names.slice(2)).toEqual(['Twin-task_01H.mp3', 'Twin-task_01H-2.mp3']);
	});

	it('the same clip asked for by two input items keeps one file name', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1, title: 'Echo' });
		const result = await ctx.run(
			{ operation: 'get', taskId: '={{ $json.id }}', downloadFiles: ['audio'] },
			{ items: [{ id }, { id }] },
		);
		const names = result.items.map((item) => item.binary!.audio.fileName);
		expect(names).toEqual([
			`Echo-${String(result.items[0].json.clipId).slice(0, 8)}.mp3`,
			names[0],
		]);
	});

	it('long titles in CJK or emoji make names of whole characters within 255 bytes', async () => {
		const titles = ['音'.repeat(100), `${'a'.repeat(99)}🇫🇷 and more`];
		ctx.provider.addTask({
			task_id: 'long-titles',
			status: 'SUCCESS',
			data: titles.map((title, index) => ({
				id: `c${index}`,
				title,
				status: 'complete',
				audio_url: ctx.provider.addMedia(`long-${index}.mp3`),
			})),
		});
		const result = await ctx.run({
			operation: 'get',
			taskId: 'long-titles',
			downloadFiles: ['audio'],
		});
		const names = result.items.map((item) => item.binary!.audio.fileName!);
		expect(names).toEqual([`${'音'.repeat(82)}-c0.mp3`, `${'a'.repeat(99)}🇫🇷-c1.mp3`]);
		for (const name of names) {
			expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
			expect(() => encodeURIComponent(name)).not.toThrow();
		}
	});

	it('never sends the API key to the file host', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio', 'video'] });
		expect(mediaRequests()).toHaveLength(4);
		for (const request of mediaRequests()) expect(request.headers.authorization).toBeUndefined();
		expect(ctx.provider.log[0].headers.authorization).toBe(`Bearer ${ctx.provider.apiKey}`);
	});

	it('puts the files under the binary property names chosen', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio', 'image'],
			options: { audioProperty: 'song', imageProperty: 'cover' },
		});
		expect(Object.keys(result.items[0].binary ?? {}).sort()).toEqual(['cover', 'song']);
	});

	it('skips unfinished clips and says why, downloading nothing for them', async () => {
		const streaming = ctx.provider.createTask({ holdAt: 'IN_PROGRESS', clips: 1 });
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: `${streaming}, ghost`,
			downloadFiles: ['audio'],
		});
		expect(result.status).toBe('success');
		expect(jsonOf(result).map((item) => item.downloadSkipped)).toEqual([
			'The clip is not finished (streaming): its files are not ready yet.',
			'This item has no clip, so there is nothing to download.',
		]);
		expect(result.items.every((item) => item.binary === undefined)).toBe(true);
		expect(mediaRequests()).toHaveLength(0);
	});

	it('a finished clip without a video URL says so and still gets its audio', async () => {
		ctx.provider.addTask({
			task_id: 'no-video',
			action: 'MUSIC',
			status: 'SUCCESS',
			data: [
				{
					id: 'c1',
					title: 'T',
					status: 'complete',
					audio_url: ctx.provider.addMedia('c1.mp3'),
					video_url: '',
				},
			],
		});
		const result = await ctx.run({
			operation: 'get',
			taskId: 'no-video',
			downloadFiles: ['audio', 'video'],
		});
		expect(result.items[0].json.downloadSkipped).toBe(
			'The provider has no video for this clip yet.',
		);
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['audio']);
	});

	it('a 404 makes that clip’s item an error; with continueOnFail the other clips keep their files', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		ctx.provider.addTask({
			task_id: 'broken-media',
			action: 'MUSIC',
			status: 'SUCCESS',
			data: [
				{
					id: 'gone',
					title: 'Gone',
					status: 'complete',
					audio_url: `${ctx.provider.url}/media/deleted-file.mp3`,
				},
			],
		});
		const result = await ctx.run(
			{
				operation: 'getMany',
				taskIds: `${id}, broken-media`,
				downloadFiles: ['audio'],
				options: { retries: 0 },
			},
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const [first, second, third] = result.items;
		expect(first.binary?.audio).toBeDefined();
		expect(second.binary?.audio).toBeDefined();
		expect(third.json).toEqual({
			error: 'Could not download the audio file: the file server answered HTTP 404.',
			errorDescription: `Clip gone of task broken-media. URL: ${ctx.provider.url}/media/deleted-file.mp3`,
			code: 'DOWNLOAD_FAILED',
			httpCode: '404',
			taskId: 'broken-media',
		});
		expect(third.pairedItem).toEqual({ item: 0 });
	});

	it('without continueOnFail a failed download stops the run with that error', async () => {
		ctx.provider.addTask({
			task_id: 'broken',
			status: 'SUCCESS',
			data: [
				{
					id: 'x',
					title: 'X',
					status: 'complete',
					audio_url: `${ctx.provider.url}/media/missing.mp3`,
				},
			],
		});
		const result = await ctx.run({
			operation: 'get',
			taskId: 'broken',
			downloadFiles: ['audio'],
			options: { retries: 0 },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'Could not download the audio file: the file server answered HTTP 404.',
		);
	});

	it('a connection dropped mid-file is retried, and a clear error when retries run out', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaFaults = [{ drop: true }];
		const ok = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio'] });
		expect(ok.items[0].binary?.audio).toBeDefined();

		ctx.provider.mediaFaults = [{ dropMidBody: true, headers: { 'content-type': 'audio/mpeg' } }];
		const broken = await ctx.run(
			{ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { retries: 0 } },
			{ continueOnFail: true },
		);
		expect(broken.items[0].json.error).toMatch(/^The download of the audio file broke off: /);
	});

	it('a download that breaks off after the headers is retried, and the file arrives byte for byte', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaFaults = [{ breakAfterBytes: 20_000 }];
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio'],
			options: { retries: 1 },
		});
		expect(result.status).toBe('success');
		const clipId = result.items[0].json.clipId as string;
		const audio = result.items[0].binary!.audio;
		expect(sha256(Buffer.from(audio.data, 'base64'))).toBe(
			sha256(mediaBytes(`${clipId}.mp3`, 64 * 1024)),
		);
		expect(mediaRequests().map((request) => request.path)).toEqual([
			`/media/${clipId}.mp3`,
			`/media/${clipId}.mp3`,
		]);
	});

	it('with Retries 0 a download that broke off after the headers is that item’s error, naming the file and URL', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaFaults = [{ breakAfterBytes: 20_000 }];
		const result = await ctx.run(
			{ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { retries: 0 } },
			{ continueOnFail: true },
		);
		const url = `${ctx.provider.url}/media/${result.items[0].json.clipId ?? ''}`;
		expect(result.items[0].binary).toBeUndefined();
		expect(result.items[0].json.error).toMatch(/^The download of the audio file broke off: /);
		expect(result.items[0].json.errorDescription).toMatch(
			new RegExp(`^Clip \\S+ of task ${id}\\. URL: ${url.replace(/[.?]/g, '\\$&')}`),
		);
		expect(mediaRequests()).toHaveLength(1);
	});

	it('a download that keeps breaking off stops after the retries, saying how often it was tried', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaFaults = [
			{ breakAfterBytes: 1000 },
			{ breakAfterBytes: 1000 },
			{ breakAfterBytes: 1000 },
		];
		const result = await ctx.run(
			{ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { retries: 2 } },
			{ continueOnFail: true },
		);
		expect(result.items[0].json.error).toMatch(/^The download of the audio file broke off: /);
		expect(result.items[0].json.errorDescription).toMatch(/Tried 3 times\.$/);
		expect(mediaRequests()).toHaveLength(3);
	});

	it('a file over Max File Size is not downloaded again, whatever the retries', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		Object.assign(ctx.provider, { mediaSize: 3 * 1024 * 1024, mediaChunked: true });
		const unannounced = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio'],
			options: { maxFileSize: 1, retries: 3 },
		});
		ctx.provider.mediaChunked = false;
		const announced = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio'],
			options: { maxFileSize: 1, retries: 3 },
		});
		ctx.provider.mediaSize = 64 * 1024;
		expect(unannounced.error?.message).toBe('The audio file is larger than Max File Size (1 MB).');
		expect(announced.error?.message).toBe(
			'The audio file is larger than Max File Size (3.1 MB > 1 MB).',
		);
		expect(mediaRequests()).toHaveLength(2);
	});

	it('Max File Size stops a larger download with a clear error', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaSize = 3 * 1024 * 1024;
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio'],
			options: { maxFileSize: 1 },
		});
		ctx.provider.mediaSize = 64 * 1024;
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The audio file is larger than Max File Size (3.1 MB > 1 MB).',
		);
	});

	it('Max File Size also stops a file whose size was not announced (memory mode)', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		Object.assign(ctx.provider, { mediaSize: 3 * 1024 * 1024, mediaChunked: true });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio'],
			options: { maxFileSize: 1 },
		});
		Object.assign(ctx.provider, { mediaSize: 64 * 1024, mediaChunked: false });
		expect(result.error?.message).toBe('The audio file is larger than Max File Size (1 MB).');
	});

	it('a relative file URL is read against the gateway’s base URL, still without the key', async () => {
		ctx.provider.addMedia('rel.mp3');
		ctx.provider.addTask({
			task_id: 'relative',
			status: 'SUCCESS',
			data: [{ id: 'r1', title: 'Rel', status: 'complete', audio_url: '/media/rel.mp3' }],
		});
		const result = await ctx.run({
			operation: 'get',
			taskId: 'relative',
			downloadFiles: ['audio'],
		});
		expect(result.status).toBe('success');
		expect(sha256(Buffer.from(result.items[0].binary!.audio.data, 'base64'))).toBe(
			sha256(mediaBytes('rel.mp3', 64 * 1024)),
		);
		expect(mediaRequests()[0].headers.authorization).toBeUndefined();
	});

	it.each([['javascript:alert(1)'], ['file:///etc/passwd'], ['http://']])(
		'a file URL that cannot be downloaded (%s) is that clip’s error, naming the file, the clip, the task and the URL',
		async (url) => {
			ctx.provider.addTask({
				task_id: 'bad-url',
				status: 'SUCCESS',
				data: [
					{ id: 'b1', title: 'Bad', status: 'complete', audio_url: url },
					{
						id: 'b2',
						title: 'Good',
						status: 'complete',
						audio_url: ctx.provider.addMedia('b2.mp3'),
					},
				],
			});
			const result = await ctx.run(
				{ operation: 'get', taskId: 'bad-url', downloadFiles: ['audio'] },
				{ continueOnFail: true },
			);
			expect(result.status).toBe('success');
			expect(jsonOf(result)[0].error).toBe(
				`The audio file of clip b1 (task bad-url) has a URL that cannot be downloaded: "${url}".`,
			);
			expect(Object.keys(result.items[1].binary ?? {})).toEqual(['audio']);
		},
	);
});
