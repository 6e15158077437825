/**
 * Settings read from expressions: text where a number, a boolean or an option is expected, values
 * a field cannot take (refused naming the field, before anything is sent), and odd numbers.
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

describe('settings given by expressions as text', () => {
	it('Retries "0" makes one request', async () => {
		ctx.provider.injectFault({ status: 503, times: 5 });
		await ctx.run({ operation: 'getMany', taskIds: 'a', options: { retries: '={{ "0" }}' } });
		expect(fetchRequests()).toHaveLength(1);
	});

	it('Batch Size "2" sends two ids per request', async () => {
		await ctx.run({
			operation: 'getMany',
			taskIds: 'a,b,c,d',
			options: { batchSize: '={{ "2" }}' },
		});
		expect(fetchRequests().map((entry) => JSON.parse(entry.body).ids)).toEqual([
			['a', 'b'],
			['c', 'd'],
		]);
	});

	it('Wait for Completion "false" does not wait', async () => {
		const id = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			waitForCompletion: '={{ "false" }}',
			pollInterval: 1,
		});
		expect(result.status).toBe('success');
		expect(fetchRequests()).toHaveLength(1);
	});

	it('Simplify "false" gives the raw clips', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const result = await ctx.run({ operation: 'get', taskId: id, simplify: '={{ "false" }}' });
		expect(jsonOf(result)[0]).toHaveProperty('task');
	});

	it('Download Files "audio" downloads the audio', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const result = await ctx.run(
			{ operation: 'get', taskId: id, downloadFiles: '={{ "audio" }}' },
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(Object.keys(result.items[0].binary ?? {})).toEqual(['audio']);
	});

	it('Download Files as a list from an expression works too', async () => {
		const id = ctx.provider.createTask({ finishAfter: 0, clips: 1 });
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			downloadFiles: '={{ ["audio", "image"] }}',
		});
		expect(Object.keys(result.items[0].binary ?? {}).sort()).toEqual(['audio', 'image']);
	});

	it.each([
		[{ options: { retries: '={{ "three" }}' } }, 'Retries must be a number, not "three".'],
		[{ options: { batchSize: '={{ 0 }}' } }, 'Batch Size must be from 1 to 100 (it is 0).'],
		[
			{ options: { concurrency: '={{ "2.5" }}' } },
			'Concurrency must be a whole number (it is 2.5).',
		],
		[
			{ waitForCompletion: '={{ "yes" }}' },
			'Wait for Completion must be true or false, not "yes".',
		],
		[
			{ downloadFiles: '={{ "mp3" }}' },
			'Download Files must be one of "audio", "image", "imageLarge", "video", not "mp3".',
		],
		[
			{ options: { onMissing: '={{ "skip" }}' } },
			'On Missing Task must be one of "emit", "error", not "skip".',
		],
	])('%j fails before any request with a message naming the field', async (parameters, message) => {
		const result = await ctx.run({ operation: 'getMany', taskIds: 'a', ...parameters });
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(message);
		expect(fetchRequests()).toHaveLength(0);
	});

	it('a bad run-wide setting with On Error → Continue is an error item for every input item', async () => {
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: '={{ $json.id }}', options: { retries: '={{ "x" }}' } },
			{ items: [{ id: 'a' }, { id: 'b' }], continueOnFail: true },
		);
		expect(result.status).toBe('success');
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ error: 'Retries must be a number, not "x".' }),
			expect.objectContaining({ error: 'Retries must be a number, not "x".' }),
		]);
	});
});
