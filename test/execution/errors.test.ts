import { fixture } from '../fixtures';
import { runSunoFetch } from '../harness/workflow-runner';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

describe('errors a user sees', () => {
	it('a wrong key gives an authentication error that says what to check, without the key', async () => {
		const result = await runSunoFetch({
			parameters: { operation: 'getMany', taskIds: 'a' },
			credentials: { apiKey: 'sk-wrong-secret-123', provider: 'custom', baseUrl: ctx.provider.url },
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			'The provider rejected the API key (HTTP 401): check the API key and the base URL in the Suno API credential.',
		);
		expect(result.error?.description).toMatch(/^Invalid token \(request id: /);
		expect(result.error?.httpCode).toBe('401');
		expect(JSON.stringify(result.run)).not.toContain('sk-wrong-secret-123');
	});

	// Hostile review: n8n put "The connection timed out, consider setting the 'Retry on Fail' option"
	// in place of any message naming a network code, here the id the user asked for.
	it('a task id that reads like a network code is named in the message, not replaced', async () => {
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: 'ETIMEDOUT',
			options: { onMissing: 'error' },
		});
		expect(result.error?.message).toBe('1 task id was not found: ETIMEDOUT');
	});

	it('a provider error status carries the provider’s own message and the HTTP code', async () => {
		ctx.provider.injectFault({
			status: 500,
			body: fixture('07_errors').newapi_batch_db_error__HTTP_500,
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a', options: { retries: 0 } });
		expect(result.error?.message).toBe('The provider answered HTTP 500: <db error text>');
		expect(result.error?.description).toBe(
			'The provider had a problem; try again later. Not fetched: a.',
		);
		expect(result.error?.httpCode).toBe('500');
	});

	it('an HTML page with status 200 is a clear error, not an empty result', async () => {
		ctx.provider.injectFault({
			status: 200,
			body: '<html><body>Gateway maintenance</body></html>',
			headers: { 'content-type': 'text/html' },
		});
		const result = await ctx.run({ operation: 'get', taskId: 'a' });
		expect(result.error?.message).toMatch(
			/^The provider answered with an error: The provider answered with something that is not JSON: "<html><body>Gateway maintenance/,
		);
	});

	it('an envelope whose code is not success is an error naming the code', async () => {
		ctx.provider.injectFault({
			status: 200,
			body: { code: 'get_tasks_failed', message: 'database is locked', data: null },
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a' });
		expect(result.error?.message).toBe(
			'The provider answered with an error (get_tasks_failed): database is locked',
		);
	});

	it('an unreachable provider names the host and the network error', async () => {
		const result = await runSunoFetch({
			parameters: { operation: 'get', taskId: 'a' },
			credentials: { apiKey: 'k', provider: 'custom', baseUrl: 'http://127.0.0.1:9' },
		});
		expect(result.error?.message).toBe('Could not reach the provider at 127.0.0.1:9.');
		expect(result.error?.description).toMatch(/^ECONNREFUSED: .*Check the base URL/);
	});

	it('a trailing slash on the base URL is tolerated', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		const result = await runSunoFetch({
			parameters: { operation: 'get', taskId: id },
			credentials: {
				apiKey: ctx.provider.apiKey,
				provider: 'custom',
				baseUrl: `${ctx.provider.url}//`,
			},
		});
		expect(result.status).toBe('success');
		expect(ctx.provider.log[0].path).toBe(`/suno/fetch/${id}`);
	});

	it('continueOnFail: a failing item becomes an error item paired to it, the others go on', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		const result = await ctx.run(
			{ operation: 'get', taskId: '={{ $json.id }}' },
			{ items: [{ id }, { id: '' }, { id }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(
			result.items.map((item) => [
				item.json.taskId ?? null,
				item.json.error ?? null,
				item.pairedItem,
			]),
		).toEqual([
			[id, null, { item: 0 }],
			[id, null, { item: 0 }],
			[null, expect.stringMatching(/^Task ID holds no task id/), { item: 1 }],
			[id, null, { item: 2 }],
			[id, null, { item: 2 }],
		]);
	});

	it('continueOnFail keeps the provider’s explanation with the error item', async () => {
		const result = await runSunoFetch({
			parameters: { operation: 'get', taskId: 'a' },
			credentials: { apiKey: 'bad', provider: 'custom', baseUrl: ctx.provider.url },
			continueOnFail: true,
		});
		expect(jsonOf(result)).toEqual([
			{
				error: expect.stringMatching(/rejected the API key/),
				errorDescription: expect.stringMatching(/^Invalid token/),
				code: 'KEY_REJECTED',
				httpCode: '401',
				taskId: 'a',
			},
		]);
	});
});

describe('the key never leaks', () => {
	it('a provider that echoes the key in its error gets it masked', async () => {
		const key = ctx.provider.apiKey;
		ctx.provider.injectFault({
			status: 403,
			body: { error: { message: `token ${key} is disabled`, type: 'new_api_error' } },
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a' });
		expect(result.error?.message).toMatch(/rejected the API key \(HTTP 403\)/);
		expect(result.error?.description).toBe('token *** is disabled. Not fetched: a.');
		expect(JSON.stringify(result.run)).not.toContain(key);
	});
});

describe('On Error → Continue (using error output)', () => {
	it('an id the provider does not know (On Missing Task = Fail) goes to the error output', async () => {
		const known = ctx.provider.createTask({ finishAfter: 0 });
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: '={{ $json.ids }}', options: { onMissing: 'error' } },
			{ items: [{ ids: known }, { ids: 'ghost-1' }], errorOutput: true },
		);
		expect(result.items.map((item) => [item.pairedItem, item.json.taskId])).toEqual([
			[{ item: 0 }, known],
			[{ item: 0 }, known],
		]);
		expect(result.errorItems.map((item) => [item.pairedItem, item.json.error])).toEqual([
			[{ item: 1 }, '1 task id was not found: ghost-1'],
		]);
	});
});
