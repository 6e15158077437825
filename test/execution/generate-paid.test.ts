/**
 * A submit costs money: it is sent again only when the provider surely created nothing, and every
 * other failure says whether a task may exist and how to find it. The provider's request log is
 * the witness: it counts every POST that reached it.
 */
import { createServer } from 'node:net';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { LocalSunoProvider } from '../provider/provider';
import { runSunoFetch } from '../harness/workflow-runner';
import { fixture } from '../fixtures';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

const submitPosts = () => ctx.submitPosts();
const song = { operation: 'generateMusic', songDescription: 'a song', waitForCompletion: false };
const MAY_EXIST = /A task may have been created \(and charged\).*not submitted again.*task log/;

describe('never sent twice after the request went out', () => {
	it.each([
		['a 500', { status: 500, body: { code: 'get_channel_failed', message: 'boom', data: null } }],
		['a 502 web page', { status: 502, body: '<html>Bad Gateway</html>' }],
		['a connection closed before the answer', { drop: true }],
		['an answer broken off mid-body', { dropMidBody: true }],
	])('%s: one POST, and the error says a task may exist', async (_name, fault) => {
		ctx.provider.injectFault({ ...fault, times: 5 });
		const result = await ctx.generate({ ...song, options: { retries: 5 } });
		expect(result.status).toBe('error');
		expect(submitPosts()).toHaveLength(1);
		expect(`${result.error?.message} ${result.error?.description}`).toMatch(MAY_EXIST);
	});

	it('a timeout: one POST, and the error names the time of the submit', async () => {
		ctx.provider.injectFault({ hang: true, times: 3 });
		const before = new Date().toISOString().slice(0, 16);
		const result = await ctx.generate({ ...song, options: { retries: 3, timeout: 1 } });
		expect(result.error?.message).toMatch(/did not answer within 1 s/);
		expect(result.error?.description).toMatch(MAY_EXIST);
		expect(result.error?.description).toContain(before);
		expect(submitPosts()).toHaveLength(1);
	});

	it('an upstream failure is passed on with its code', async () => {
		ctx.provider.injectFault({
			status: 500,
			body: { code: 'upstream_error', message: 'Suno said no', data: null },
		});
		const result = await ctx.generate(song);
		expect(result.error?.message).toBe(
			'The provider failed to submit the task (HTTP 500, upstream_error: Suno said no).',
		);
		expect(result.error?.httpCode).toBe('500');
	});

	// Hostile review: n8n swapped a message naming a network code for "The connection to the server
	// was closed unexpectedly … You can retry the request immediately", which would pay again.
	it('an upstream failure whose words name a network code keeps its message', async () => {
		ctx.provider.injectFault({
			status: 502,
			body: { code: 'upstream_error', message: 'read ECONNRESET', data: null },
		});
		const result = await ctx.generate(song);
		expect(result.error?.message).toBe(
			'The provider failed to submit the task (HTTP 502, upstream_error: read ECONNRESET).',
		);
		expect(result.error?.description).toContain('A task may have been created (and charged)');
	});

	it('a 200 that holds no task id (a web page) is not taken for success', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			body: '<!doctype html><title>new-api</title>',
			headers: { 'content-type': 'text/html' },
		});
		const result = await ctx.generate(song);
		expect(result.error?.message).toMatch(/^The provider did not confirm the submit: .*not JSON/);
		expect(result.error?.description).toMatch(MAY_EXIST);
		expect(submitPosts()).toHaveLength(1);
	});
});

describe('sent again only when nothing was created', () => {
	it('a 429 then success: submitted once, after the Retry-After', async () => {
		ctx.provider.injectFault({
			status: 429,
			body: fixture('07_errors').newapi_submit_upstream_429__HTTP_429,
			headers: { 'retry-after': '1' },
		});
		const result = await ctx.generate(song);
		expect(result.status).toBe('success');
		const posts = submitPosts();
		expect(posts).toHaveLength(2);
		expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(950);
		expect(ctx.provider.submits).toHaveLength(1);
		expect(jsonOf(result)).toHaveLength(1);
	});

	it('429 every time: Retries + 1 POSTs, then an error that says nothing was created', async () => {
		ctx.provider.injectFault({ status: 429, headers: { 'retry-after': '0' }, times: 9 });
		const result = await ctx.generate({ ...song, options: { retries: 2 } });
		expect(submitPosts()).toHaveLength(3);
		expect(result.error?.message).toMatch(/^The provider refused the submit with HTTP 429/);
		expect(result.error?.description).toContain('Nothing was created, so nothing was charged.');
		expect(result.error?.description).not.toMatch(MAY_EXIST);
	});

	it('connection refused, then the gateway comes up: the submit is sent once it can be', async () => {
		const port = await new Promise<number>((resolve) => {
			const probe = createServer().listen(0, '127.0.0.1', () => {
				const { port: free } = probe.address() as { port: number };
				probe.close(() => resolve(free));
			});
		});
		const late = new LocalSunoProvider();
		const starting = new Promise((resolve) => setTimeout(resolve, 300)).then(
			async () => await late.start(port),
		);
		try {
			const result = await runSunoFetch({
				node: 'generate',
				parameters: { ...song, options: { retries: 5 } },
				credentials: {
					apiKey: late.apiKey,
					provider: 'custom',
					baseUrl: `http://127.0.0.1:${port}`,
				},
			});
			expect(result.status).toBe('success');
			expect(late.submits).toHaveLength(1);
			expect(jsonOf(result)[0].taskId).toBe(late.submits[0].taskId);
		} finally {
			await starting;
			await late.stop();
		}
	});
});

describe('what the gateway refuses, each saying what to do', () => {
	it.each(['pre2026', '2026'] as const)('too little quota (%s gateway)', async (era) => {
		ctx.provider.era = era;
		ctx.provider.quota = 0;
		const result = await ctx.generate(song);
		const code = era === '2026' ? 'insufficient_user_quota' : 'quota_not_enough';
		expect(result.error?.message).toBe(
			`Your balance at the provider is too low for this submit (${code}).`,
		);
		expect(result.error?.description).toContain('Top up your account');
		expect(result.error?.description).not.toMatch(MAY_EXIST);
		expect(submitPosts()).toHaveLength(1);
	});

	it('an origin task the gateway does not know', async () => {
		const result = await ctx.generate({
			operation: 'extendMusic',
			clipId: 'clip-1',
			originTaskId: 'not-a-task-of-mine',
			continueAt: 10,
			waitForCompletion: false,
		});
		expect(result.error?.message).toBe(
			'The provider does not know the origin task for this API key (task_origin_not_exist).',
		);
		expect(result.error?.description).toContain('Origin Task ID must be the ID of the task');
	});

	it.each([
		['prompt_empty', 'The provider refused the submit: the prompt is empty (prompt_empty).'],
		[
			'task id is empty',
			'The provider refused the extension: it needs the ID of the task that made the clip (task id is empty).',
		],
	])('%s, as the gateway says it', async (said, message) => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 400,
			body: { code: 'invalid_request', message: said, data: null },
		});
		const result = await ctx.generate(song);
		expect(result.error?.message).toBe(message);
		expect(result.error?.description).toContain('Nothing was created');
	});

	it('another 400 names the code and message, and that nothing was created', async () => {
		ctx.provider.setRoute('POST', '/suno/submit/music', {
			status: 400,
			body: { code: 'invalid_request', message: 'tags too long', data: null },
		});
		const result = await ctx.generate(song);
		expect(result.error?.message).toBe(
			'The provider refused the submit (HTTP 400): invalid_request: tags too long',
		);
	});

	it('a wrong key: the key error, nothing created', async () => {
		const result = await ctx.generate(song, {
			credentials: { apiKey: 'sk-wrong-key-123456', provider: 'custom', baseUrl: ctx.provider.url },
		});
		expect(result.error?.message).toMatch(/^The provider rejected the API key \(HTTP 401\)/);
		expect(result.error?.description).toContain('Nothing was created');
	});
});

describe('many items, one failure', () => {
	const three = {
		items: [{ about: 'one' }, { about: 'two' }, { about: 'three' }],
	};
	const songs = {
		operation: 'generateMusic',
		songDescription: '={{ $json.about }}',
		waitForCompletion: false,
		options: { concurrency: 1, retries: 0 },
	};

	it('stops the submits not yet sent, and names the tasks already created', async () => {
		// One at a time: the second request is the second item's submit.
		ctx.provider.injectFault({ pass: true });
		ctx.provider.injectFault({ status: 502, body: 'Bad Gateway' });
		const result = await ctx.generate(songs, three);
		expect(result.status).toBe('error');
		expect(result.error?.context?.itemIndex).toBe(1);
		const [created] = ctx.provider.submits;
		expect(created.body.gpt_description_prompt).toBe('one');
		expect(submitPosts()).toHaveLength(2);
		expect(result.error?.description).toMatch(MAY_EXIST);
		expect(result.error?.description).toContain(
			`Made in this run (fetch tasks with Suno Fetch; do not submit them again): input item 0: ${created.taskId}.`,
		);
		expect(result.error?.description).toContain('Not submitted: input item 2.');
	});

	it('with On Error → Continue: an error item for the failed one, the others submitted and waited for', async () => {
		ctx.provider.injectFault({ pass: true });
		ctx.provider.injectFault({
			status: 403,
			body: { code: 'quota_not_enough', message: 'user quota is not enough', data: null },
		});
		const result = await ctx.generate(
			{ ...songs, waitForCompletion: true, pollInterval: 1 },
			{ ...three, continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(
			result.items.map((item) => [
				(item.pairedItem as { item: number }).item,
				item.json.error ?? item.json.description,
			]),
		).toEqual([
			[0, 'one'],
			[0, 'one'],
			[1, 'Your balance at the provider is too low for this submit (quota_not_enough).'],
			[2, 'three'],
			[2, 'three'],
		]);
		expect(submitPosts()).toHaveLength(3);
	});

	it('stopped while waiting: n8n discards the node’s output, its log keeps the submitted task ids', async () => {
		ctx.provider.advance = 60_000;
		// n8n's own logger, which writes the instance's log.
		const logged = jest.spyOn(Container.get(Logger), 'info');
		try {
			const result = await ctx.generate(
				{ ...songs, waitForCompletion: true, pollInterval: 1 },
				{ ...three, cancelAfterMs: 1500 },
			);
			expect(result.status).toBe('canceled');
			const ids = ctx.provider.submits.map((submit) => submit.taskId);
			expect(ids).toHaveLength(3);
			const log = logged.mock.calls.map(([message]) => message).join('\n');
			ids.forEach((id, itemIndex) =>
				expect(log).toContain(`Suno Generate submitted task ${id} for input item ${itemIndex}`),
			);
		} finally {
			logged.mockRestore();
			ctx.provider.advance = 'poll';
		}
	});

	it('with On Error → Continue (using error output): the failed items go to the error output', async () => {
		ctx.provider.quota = 1;
		const result = await ctx.generate(
			{ ...songs, options: { concurrency: 1 } },
			{ ...three, errorOutput: true },
		);
		expect(result.status).toBe('success');
		expect(result.items.map((item) => [item.pairedItem, item.json.taskId])).toEqual([
			[{ item: 0 }, ctx.provider.submits[0].taskId],
		]);
		// n8n adds the input item's fields (`about`); the description stays, under details.
		expect(
			result.errorItems.map((item) => [item.pairedItem, item.json.about, item.json.error]),
		).toEqual([
			[
				{ item: 1 },
				'two',
				'Your balance at the provider is too low for this submit (quota_not_enough).',
			],
			[
				{ item: 2 },
				'three',
				'Your balance at the provider is too low for this submit (quota_not_enough).',
			],
		]);
		// Beside the words, fields an IF node can branch on: nothing was created, so nothing to find.
		expect(result.errorItems[0].json.details).toEqual({
			errorDescription: expect.stringContaining('Nothing was created'),
			code: 'QUOTA_EXHAUSTED',
			httpCode: '403',
			taskMayExist: false,
		});
	});
});
