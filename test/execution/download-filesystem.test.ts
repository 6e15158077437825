/** Downloads in n8n's filesystem binary mode (its default): the file is streamed to disk, not into the item. */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';

import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';

import { useFilesystemBinaryMode } from '../harness/workflow-runner';
import { mediaBytes } from '../provider/provider';
import { useProvider } from './setup';

const ctx = useProvider({ mediaBytes: 5 * 1024 * 1024 });
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let storage = '';

beforeAll(async () => {
	storage = await useFilesystemBinaryMode();
});

it('a 5 MB audio file lands in binary storage intact, and the item only references it', async () => {
	const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
	const result = await ctx.run({ operation: 'get', taskId: id, downloadFiles: ['audio'] });
	expect(result.status).toBe('success');
	const audio = result.items[0].binary!.audio;
	expect(audio.id).toMatch(/^filesystem(-v2)?:/);
	expect(audio.data).not.toHaveLength(0);
	expect(audio.data.length).toBeLessThan(100);
	expect(audio.bytes).toBe(5 * 1024 * 1024);
	const stored = await Container.get(BinaryDataService).getAsBuffer(audio);
	expect(sha256(stored)).toBe(
		sha256(mediaBytes(`${result.items[0].json.clipId}.mp3`, 5 * 1024 * 1024)),
	);
});

it('Max File Size aborts a file whose size was not announced, once too many bytes arrived', async () => {
	const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
	ctx.provider.mediaChunked = true;
	const result = await ctx.run({
		operation: 'get',
		taskId: id,
		downloadFiles: ['audio'],
		options: { maxFileSize: 1 },
	});
	ctx.provider.mediaChunked = false;
	expect(result.status).toBe('error');
	expect(result.error?.message).toBe('The audio file is larger than Max File Size (1 MB).');
});

it('a download that breaks off after 1 MB is fetched again and stored intact, leaving no partial file', async () => {
	const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
	ctx.provider.mediaFaults = [{ breakAfterBytes: 1024 * 1024 }];
	const result = await ctx.run({
		operation: 'get',
		taskId: id,
		downloadFiles: ['audio'],
		options: { retries: 1 },
	});
	expect(result.status).toBe('success');
	const audio = result.items[0].binary!.audio;
	expect(audio.bytes).toBe(5 * 1024 * 1024);
	const stored = await Container.get(BinaryDataService).getAsBuffer(audio);
	expect(sha256(stored)).toBe(
		sha256(mediaBytes(`${result.items[0].json.clipId}.mp3`, 5 * 1024 * 1024)),
	);
	expect(ctx.provider.log.filter((entry) => entry.path.startsWith('/media/'))).toHaveLength(2);
	const files = readdirSync(storage, { recursive: true }).map(String);
	expect(files.filter((file) => file.includes('.tmp.'))).toEqual([]);
});
