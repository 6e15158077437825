/**
 * Hostile review: waits with odd timing, settings from expressions, credentials with odd keys.
 */
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const fetchRequests = () =>
	ctx.provider.log.filter((entry) => entry.path.startsWith('/suno/fetch'));

describe('Wait for Completion', () => {
	it('a single 503 on the last poll is retried (Retries 3) instead of turning a known IN_PROGRESS task into an error', async () => {
		const id = ctx.provider.createTask({ holdAt: 'IN_PROGRESS', clips: 1 });
		// The first poll (t = 0) is fine; the last one (at Max Wait, t = 6 s) meets one 503.
		const inject = setTimeout(() => ctx.provider.injectFault({ status: 503, times: 1 }), 3000);
		try {
			const result = await ctx.run(
				{ operation: 'get', taskId: id, waitForCompletion: true, pollInterval: 60, maxWait: 0.1 },
				{ continueOnFail: true },
			);
			// Before the fix: 2 requests, no retry at all, and the item is {error: "The provider answered HTTP 503: injected 503"}.
			expect(jsonOf(result).map((item) => item.taskStatus ?? item.error)).toEqual(['IN_PROGRESS']);
		} finally {
			clearTimeout(inject);
		}
	}, 30_000);
});

describe('every setting is checked against its field', () => {
	it('Action from an expression that is not one of its values is an error naming the field, not sent as is', async () => {
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: 'a',
			action: '={{ "Lyrics " }}',
		});
		// Before the fix: {"ids":["a"],"action":"Lyrics "} is sent without a word (README: "a value its field cannot take is an error naming the field").
		expect(result.status).toBe('error');
		expect(result.error?.message).toMatch(/^Task Type must be one of/);
		expect(fetchRequests()).toHaveLength(0);
	});
});

describe('odd numbers', () => {
	it('a very large Request Timeout ("never time out": 99999999 s) does not make every request time out at once', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			options: { timeout: 99999999, retries: 0 },
		});
		// Before the fix: Node truncates the timer to 1 ms and the run fails at once with
		// "The provider at 127.0.0.1:… did not answer within 99999999 s." (the field has no maximum).
		const works = result.status === 'success' && jsonOf(result)[0]?.taskStatus === 'SUCCESS';
		const refused =
			result.status === 'error' && /^Request Timeout/.test(result.error?.message ?? '');
		expect(works || refused).toBe(true);
		expect(fetchRequests().length).toBeLessThanOrEqual(1);
	});
});
