/**
 * Download Files against odd file servers, odd URLs and odd settings.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

/** A throw-away file server on 127.0.0.1 answering every path with `handler`. */
async function fileServer(
	handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; server: Server }> {
	const server = createServer(handler);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const close = async (server: Server) => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
};

const finishedTask = (taskId: string, audioUrl: string, extra: Record<string, unknown> = {}) =>
	ctx.provider.addTask({
		task_id: taskId,
		action: 'MUSIC',
		status: 'SUCCESS',
		data: [{ id: 'clip-0001', title: 'Song', status: 'complete', audio_url: audioUrl, ...extra }],
	});

describe('file servers that answer 200 with something that is not the file', () => {
	it('an HTML page with status 200 (expired signed URL, CDN login page) is not attached as the .mp3', async () => {
		const { url, server } = await fileServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end('<html><body><h1>Access denied</h1>Your link has expired.</body></html>');
		});
		try {
			finishedTask('html-file', `${url}/files/song.mp3?sig=expired`);
			const result = await ctx.run(
				{ operation: 'get', taskId: 'html-file', downloadFiles: ['audio'] },
				{ continueOnFail: true },
			);
			const audio = result.items[0].binary?.audio;
			// Before the fix: binary.audio = "Song-clip-000.mp3", mimeType text/html, 71 bytes of HTML — no error, no downloadSkipped.
			expect(audio).toBeUndefined();
			expect(String(result.items[0].json.error ?? '')).toMatch(/audio file/);
		} finally {
			await close(server);
		}
	});

	it('an empty 200 answer is not attached as an empty audio file', async () => {
		const { url, server } = await fileServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': '0' });
			res.end();
		});
		try {
			finishedTask('empty-file', `${url}/files/song.mp3`);
			const result = await ctx.run(
				{ operation: 'get', taskId: 'empty-file', downloadFiles: ['audio'] },
				{ continueOnFail: true },
			);
			// Before the fix: binary.audio with 0 bytes, no error: a storage node uploads an empty "song".
			expect(result.items[0].binary?.audio).toBeUndefined();
			expect(String(result.items[0].json.error ?? '')).toMatch(/audio file/);
		} finally {
			await close(server);
		}
	});
});

describe('odd URLs', () => {
	it('a file URL without an extension served as audio/wav gets a .wav name, not .mp3 beside mimeType audio/wav', async () => {
		const { url, server } = await fileServer((_req, res) => {
			res.writeHead(200, { 'content-type': 'audio/wav' });
			res.end(Buffer.alloc(100, 1));
		});
		try {
			finishedTask('wav-file', `${url}/file/7f3a`);
			const result = await ctx.run({
				operation: 'get',
				taskId: 'wav-file',
				downloadFiles: ['audio'],
			});
			const audio = result.items[0].binary!.audio;
			// Before the fix: fileName "Song-clip-000.mp3", fileExtension "mp3", mimeType "audio/wav": saved to disk as a .mp3 that is a WAV.
			expect(audio.mimeType).toBe('audio/wav');
			expect(audio.fileName).toMatch(/\.wav$/);
		} finally {
			await close(server);
		}
	});

	it('a blank audio_url (" ") is not resolved to the gateway’s own base URL and downloaded as the song', async () => {
		finishedTask('blank-url', ' ');
		const result = await ctx.run(
			{ operation: 'get', taskId: 'blank-url', downloadFiles: ['audio'], options: { retries: 0 } },
			{ continueOnFail: true },
		);
		// Before the fix: the node requests GET {base}/ (the gateway's root: new-api serves its web UI there with 200).
		expect(ctx.provider.log.filter((entry) => entry.path === '/')).toHaveLength(0);
		expect(result.items[0].json.downloadSkipped ?? result.items[0].json.error).toBeTruthy();
	});
});

describe('settings', () => {
	it('two kinds put in the same binary property do not silently overwrite each other', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: ['audio', 'image'],
			options: { audioProperty: 'data', imageProperty: 'data' },
		});
		// Before the fix: status "success", one binary "data" holding only one of the two files; the other is dropped without a word.
		const binaries = Object.values(result.items[0]?.binary ?? {});
		const bothKept = binaries.length === 2;
		const refused = result.status === 'error' && /in Field/.test(result.error?.message ?? '');
		expect(bothKept || refused).toBe(true);
	});
});

describe('which clip failed', () => {
	it('a failed download (404) names the task and clip, as a bad URL does', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		ctx.provider.mediaFaults = [{ status: 404, body: 'Not Found' }];
		const result = await ctx.run(
			{ operation: 'get', taskId: id, downloadFiles: ['audio'], options: { retries: 0 } },
			{ continueOnFail: true },
		);
		const [item] = jsonOf(result);
		// Before the fix: {error: "Could not download the audio file: the file server answered HTTP 404.", errorDescription: "URL: …"}
		// — the clip's item is replaced and nothing says which task or clip it was (only a CDN URL).
		expect(`${item.error} ${item.errorDescription}`).toContain(id);
	});
});
