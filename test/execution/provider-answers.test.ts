/**
 * Odd provider answers to Get and Get Many, and to the credential test: clip lists in odd JSON, a
 * task answered under another id, errors inside an HTTP 200, redirects. Each is read right or
 * reported with what the provider said.
 */
import { runCredentialTest } from '../harness/workflow-runner';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const clip = (id: string) => ({
	id,
	title: `Song ${id}`,
	status: 'complete',
	audio_url: ctx.provider.addMedia(`${id}.mp3`),
});

describe('odd JSON from the provider', () => {
	it('a SUCCESS task whose clip list comes as a JSON string (double-encoded data) is read, not emitted as a clip-less SUCCESS', async () => {
		ctx.provider.addTask({
			task_id: 'dbl',
			action: 'MUSIC',
			status: 'SUCCESS',
			data: JSON.stringify([clip('c1'), clip('c2')]),
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: 'dbl' });
		// Before the fix: status "success", one item, taskStatus SUCCESS, clipCount 0, audioUrl null — the songs vanish silently.
		const ok =
			result.status === 'success' &&
			jsonOf(result).length === 2 &&
			jsonOf(result).every((item) => item.audioUrl);
		const loud = result.status === 'error';
		expect(ok || loud).toBe(true);
	});

	it('a task that sends "clips": null beside its "data" clip list keeps its clips', async () => {
		ctx.provider.addTask({
			task_id: 'nullclips',
			action: 'MUSIC',
			status: 'SUCCESS',
			clips: null,
			data: [clip('c3')],
		});
		const result = await ctx.run({ operation: 'get', taskId: 'nullclips' });
		expect(jsonOf(result).map((item) => [item.taskStatus, item.clipId])).toEqual([
			['SUCCESS', 'c3'],
		]);
	});
});

describe('Get: the provider answered the task, under another id', () => {
	it('GET /suno/fetch/X answered 200 with one task whose task_id is Y is not reported as "X was not found"', async () => {
		// e.g. a gateway that answers with its own id (task_…) or the upstream one.
		ctx.provider.setRoute('GET', '/suno/fetch/abc-123', {
			status: 200,
			body: {
				code: 'success',
				data: { task_id: 'task_Zz9', action: 'MUSIC', status: 'SUCCESS', data: [clip('c4')] },
			},
		});
		const result = await ctx.run({ operation: 'get', taskId: 'abc-123' });
		// Before the fix: one NOT_FOUND item, hint "1 task id was not found: abc-123" — the song the provider sent is thrown away.
		const json = jsonOf(result);
		const outputTheTask = json.length === 1 && json[0].taskStatus === 'SUCCESS';
		const loud =
			result.status === 'error' &&
			/task_Zz9/.test(`${result.error?.message} ${result.error?.description}`);
		expect(outputTheTask || loud).toBe(true);
	});
});

describe('provider messages are not swallowed', () => {
	it.each([
		[
			'one-api style {"success": false, "message"}',
			{ success: false, message: 'quota exhausted for this token' },
			'quota exhausted',
		],
		[
			'{"error": "<text>"}',
			{ error: 'upstream channel unavailable' },
			'upstream channel unavailable',
		],
	])('HTTP 200 %s: the error says what the provider said', async (_name, body, words) => {
		ctx.provider.setRoute('POST', '/suno/fetch', { status: 200, body });
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a' });
		expect(result.status).toBe('error');
		// Before the fix: "The provider answered with an error: The provider answered without a "data" field." — the provider's words are lost.
		expect(`${result.error?.message} ${result.error?.description}`).toContain(words);
	});

	it('a redirect with an unparsable Location is reported as a redirect, not as "Invalid URL"', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', {
			status: 302,
			body: '',
			headers: { location: 'http://[gateway-moved' },
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a' });
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/redirect \(HTTP 302\)/);
	});
});

describe('the credential Test button', () => {
	it('fails when the Base URL answers 200 with an HTML page (a wrong prefix on new-api serves its web UI)', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', {
			status: 200,
			body: '<!doctype html><html><head><title>New API</title></head><body><div id="root"></div></body></html>',
			headers: { 'content-type': 'text/html; charset=utf-8' },
		});
		const result = await runCredentialTest({
			apiKey: ctx.provider.apiKey,
			provider: 'custom',
			baseUrl: ctx.provider.url,
		});
		// Before the fix: "Connection tested successfully", while every node run then fails with "not JSON".
		expect(result.status).toBe('Error');
	});

	it('a redirect is named as a redirect that was not followed', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', {
			status: 302,
			body: '',
			headers: { location: 'https://moved.example/suno/fetch' },
		});
		const result = await runCredentialTest({
			apiKey: ctx.provider.apiKey,
			provider: 'custom',
			baseUrl: ctx.provider.url,
		});
		expect(result.status).toBe('Error');
		// Was: "Request failed with status code 302". n8n's test rules cannot quote the Location; the node's own error does.
		expect(result.message).toMatch(
			/^The Base URL answered with a redirect \(HTTP 302\), which was not followed/,
		);
	});
});
