import { runSunoFetch } from '../harness/workflow-runner';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();

describe('retries in the transport', () => {
	it('429 with Retry-After: waits as asked, then succeeds', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		ctx.provider.injectFault({
			status: 429,
			headers: { 'retry-after': '1' },
			body: { error: { message: 'rate limited', type: 'one_hub_error' } },
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: id });
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toHaveLength(2);
		const [first, second] = ctx.provider.log.map((entry) => entry.at);
		expect(second - first).toBeGreaterThanOrEqual(950);
	});

	it('429 with Retry-After as an HTTP date is honoured too', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		ctx.provider.injectFault({
			status: 429,
			headers: { 'retry-after': new Date(Date.now() + 2000).toUTCString() },
		});
		const result = await ctx.run({ operation: 'get', taskId: id });
		expect(result.status).toBe('success');
		const [first, second] = ctx.provider.log.map((entry) => entry.at);
		expect(second - first).toBeGreaterThanOrEqual(900);
	});

	it('5xx twice, then success', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		ctx.provider.injectFault({ status: 502, times: 1 });
		ctx.provider.injectFault({ status: 503, times: 1 });
		const result = await ctx.run({ operation: 'getMany', taskIds: id });
		expect(result.status).toBe('success');
		expect(ctx.provider.log).toHaveLength(3);
	});

	it('a dropped connection is retried', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0 });
		ctx.provider.injectFault({ drop: true });
		const result = await ctx.run({ operation: 'get', taskId: id });
		expect(result.status).toBe('success');
		expect(ctx.provider.log).toHaveLength(2);
	});

	it('retries exhausted: a clear error that says how often it tried', async () => {
		ctx.provider.injectFault({
			status: 503,
			times: 3,
			body: { code: 'upstream_busy', message: 'try later', data: null },
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a', options: { retries: 2 } });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe('The provider answered HTTP 503: try later');
		expect(result.error?.description).toBe(
			'The provider had a problem; try again later. Tried 3 times. Not fetched: a.',
		);
		expect(ctx.provider.log).toHaveLength(3);
	});

	it('other 4xx are never retried', async () => {
		ctx.provider.injectFault({
			status: 400,
			body: { code: 'invalid_request', message: 'bad ids', data: null },
		});
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a' });
		expect(result.error?.message).toBe('The provider answered HTTP 400: bad ids');
		expect(ctx.provider.log).toHaveLength(1);
	});

	it('a request that never answers times out after Request Timeout', async () => {
		ctx.provider.injectFault({ hang: true });
		const started = Date.now();
		const result = await ctx.run({
			operation: 'get',
			taskId: 'a',
			options: { timeout: 1, retries: 0 },
		});
		expect(Date.now() - started).toBeLessThan(3000);
		expect(result.error?.message).toMatch(
			/^The provider at 127\.0\.0\.1:\d+ did not answer within 1 s\.$/,
		);
		// axios's own timeout and the node's deadline for the whole answer race; either may report it.
		expect(result.error?.description).toMatch(
			/^(ECONNABORTED|ETIMEDOUT)\. Raise Request Timeout in the node's options if it is slow\. Not fetched: a\.$/,
		);
	});

	it('an unreachable provider is retried, then named', async () => {
		const result = await runSunoFetch({
			parameters: { operation: 'get', taskId: 'a', options: { retries: 1 } },
			credentials: { apiKey: 'k', provider: 'custom', baseUrl: 'http://127.0.0.1:9' },
		});
		expect(result.error?.description).toMatch(
			/^ECONNREFUSED: .* Tried 2 times\. Not fetched: a\.$/,
		);
	});
});
