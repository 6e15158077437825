import { createHash } from 'node:crypto';

import { mediaBytes } from '../provider/provider';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const mediaRequests = () => ctx.provider.log.filter((entry) => entry.path.startsWith('/media/'));

describe('Download Files', () => {
	it('attaches audio, covers and video of finished clips, byte for byte, with MIME types and safe names', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, title: 'Electric / Dance: Party?' });
		const result = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio', 'image', 'imageLarge', 'video'] });
		expect(result.status).toBe('success');
		expect(result.items).toHaveLength(2);
		for (const item of result.items) {
			const clipId = item.json.clipId as string;
			expect(item.json.downloadSkipped).toBeNull();
			expect(Object.keys(item.binary ?? {}).sort()).toEqual(['audio', 'image', 'imageLarge', 'video']);
			const expectations = [
				['audio', `${clipId}.mp3`, 'audio/mpeg', 'mp3'],
				['image', `image_${clipId}.jpeg`, 'image/jpeg', 'jpeg'],
				['imageLarge', `image_large_${clipId}.jpeg`, 'image/jpeg', 'jpeg'],
				['video', `${clipId}.mp4`, 'video/mp4', 'mp4'],
			] as const;
			for (const [property, served, mimeType, extension] of expectations) {
				const binary = item.binary![property];
				expect(binary.mimeType).toBe(mimeType);
				expect(binary.fileName).toBe(`Electric Dance Party-${clipId.slice(0, 8)}.${extension}`);
				expect(sha256(Buffer.from(binary.data, 'base64'))).toBe(sha256(mediaBytes(served, 64 * 1024)));
			}
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
		const result = await ctx.run({ operation: 'getMany', taskIds: `${streaming}, ghost`, downloadFiles: ['audio'] });
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
			data: [{ id: 'c1', title: 'T', status: 'complete', audio_url: ctx.provider.addMedia('c1.mp3'), video_url: '' }],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'no-video', downloadFiles: ['audio', 'video'] });
		expect(result.items[0].json.downloadSkipped).toBe('The provider has no video for this clip yet.');
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['audio']);
	});

	it('a 404 makes that clip’s item an error; with continueOnFail the other clips keep their files', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		ctx.provider.addTask({
			task_id: 'broken-media',
			action: 'MUSIC',
			status: 'SUCCESS',
			data: [{ id: 'gone', title: 'Gone', status: 'complete', audio_url: `${ctx.provider.url}/media/deleted-file.mp3` }],
		});
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: `${id}, broken-media`, downloadFiles: ['audio'], options: { retries: 0 } },
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const [first, second, third] = result.items;
		expect(first.binary?.audio).toBeDefined();
		expect(second.binary?.audio).toBeDefined();
		expect(third.json).toEqual({
			error: 'Could not download the audio file: the file server answered HTTP 404.',
			errorDescription: `URL: ${ctx.provider.url}/media/deleted-file.mp3`,
		});
		expect(third.pairedItem).toEqual({ item: 0 });
	});

	it('without continueOnFail a failed download stops the run with that error', async () => {
		ctx.provider.addTask({
			task_id: 'broken',
			status: 'SUCCESS',
			data: [{ id: 'x', title: 'X', status: 'complete', audio_url: `${ctx.provider.url}/media/missing.mp3` }],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'broken', downloadFiles: ['audio'], options: { retries: 0 } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('Could not download the audio file: the file server answered HTTP 404.');
	});

	it('a connection dropped mid-file is retried, and a clear error when retries run out', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaFaults = [{ drop: true }];
		const ok = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio'] });
		expect(ok.items[0].binary?.audio).toBeDefined();

		ctx.provider.mediaFaults = [{ dropMidBody: true }];
		const broken = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { retries: 0 } }, { continueOnFail: true });
		expect(broken.items[0].json.error).toMatch(/^The download of the audio file broke off: /);
	});

	it('Max File Size stops a larger download with a clear error', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaSize = 3 * 1024 * 1024;
		const result = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { maxFileSize: 1 } });
		ctx.provider.mediaSize = 64 * 1024;
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The audio file is larger than Max File Size (3.1 MB > 1 MB).');
	});

	it('Max File Size also stops a file whose size was not announced (memory mode)', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		Object.assign(ctx.provider, { mediaSize: 3 * 1024 * 1024, mediaChunked: true });
		const result = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { maxFileSize: 1 } });
		Object.assign(ctx.provider, { mediaSize: 64 * 1024, mediaChunked: false });
		expect(result.error?.message).toBe('The audio file is larger than Max File Size (1 MB).');
	});
});
