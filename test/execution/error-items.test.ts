/**
 * With On Error → Continue, an error item carries fields an IF node can branch on beside the
 * words: a stable `code`, the HTTP status, and for paid requests whether a task may exist and the
 * ID of the task it is about (README "Errors").
 */
import { readFileSync } from 'node:fs';

import { FAILURE_CODES } from '../../nodes/shared/failure';
import { useProvider } from './setup';

const ctx = useProvider();

const song = { operation: 'generateMusic', songDescription: 'a song', waitForCompletion: false };

describe('error items carry what a workflow branches on', () => {
	it('a paid submit that failed after it went out: code, HTTP status, a task may exist, no id', async () => {
		ctx.provider.injectFault({ status: 500, body: { code: 'boom', message: 'boom', data: null } });
		const result = await ctx.generate(song, { continueOnFail: true });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			code: 'PROVIDER_ERROR',
			httpCode: '500',
			taskMayExist: true,
		});
		expect(result.items[0].json).not.toHaveProperty('taskId');
	});

	it('a paid task whose wait failed: the error item names the task it paid for', async () => {
		ctx.provider.injectFault({ pass: true });
		ctx.provider.injectFault({ status: 500, body: { message: 'db down' } });
		const result = await ctx.generate(
			{ ...song, waitForCompletion: true, pollInterval: 1, options: { retries: 0 } },
			{ continueOnFail: true },
		);
		const [submitted] = ctx.provider.submits;
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			error: 'The provider answered HTTP 500: db down',
			code: 'PROVIDER_ERROR',
			httpCode: '500',
			taskId: submitted.taskId,
		});
	});

	it('an unknown id with On Missing Task = Fail: TASK_NOT_FOUND and the id', async () => {
		const result = await ctx.run(
			{ operation: 'get', taskId: 'no-such-task', options: { onMissing: 'error' } },
			{ continueOnFail: true },
		);
		expect(result.items[0].json).toMatchObject({ code: 'TASK_NOT_FOUND', taskId: 'no-such-task' });
	});

	it('a value a field cannot take: INVALID_PARAMETER, and nothing was sent', async () => {
		const result = await ctx.generate(
			{ ...song, options: { retries: 'three' } },
			{ continueOnFail: true },
		);
		expect(result.items[0].json).toMatchObject({ code: 'INVALID_PARAMETER' });
		expect(ctx.submitPosts()).toHaveLength(0);
	});

	it('an operation the gateway does not offer: NOT_OFFERED, and nothing was sent', async () => {
		// CometAPI's documentation does not list Cover: refused before anything is sent.
		const result = await ctx.generate(
			{ operation: 'cover', clipId: 'c1' },
			{
				continueOnFail: true,
				credentials: { apiKey: ctx.provider.apiKey, provider: 'https://api.cometapi.com' },
			},
		);
		expect(result.items[0].json).toMatchObject({ code: 'NOT_OFFERED' });
		expect(ctx.provider.log).toEqual([]);
	});

	it('every code is documented in the README', () => {
		const readme = readFileSync(`${__dirname}/../../README.md`, 'utf8');
		for (const code of Object.keys(FAILURE_CODES)) expect(readme).toContain(`\`${code}\``);
	});
});
