/**
 * Every answer right or loudly wrong: the cases a hostile review found answered wrongly without
 * any error (a wrong host read as "not found", tasks lost beside a failed request, settings from
 * expressions ignored, ids in another case dropped, the key following a redirect, waits that
 * overran Max Wait), each through real n8n execution against the local provider.
 */
import type { IDataObject } from 'n8n-workflow';

import { LocalSunoProvider } from '../provider/provider';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const fetchRequests = () =>
	ctx.provider.log.filter((entry) => entry.path.startsWith('/suno/fetch'));
const itemsOf = (
	result: { items: Array<{ json: IDataObject; pairedItem?: unknown }> },
	index: number,
) =>
	result.items
		.filter((item) => (item.pairedItem as { item: number }).item === index)
		.map((item) => item.json);

describe('a 404 that is not the gateway saying "no such task" is a wrong address', () => {
	it.each([
		['an nginx HTML page', '<html><body><h1>404 Not Found</h1><hr>nginx</body></html>'],
		['a proxy’s JSON', { message: 'no Route matched with those values' }],
		['an empty body', ''],
	])('Get: %s fails loudly, naming the address, and does not end a wait', async (_name, body) => {
		ctx.provider.setRoute('GET', '/suno/fetch/abc', { status: 404, body });
		const result = await ctx.run({
			operation: 'get',
			taskId: 'abc',
			waitForCompletion: true,
			pollInterval: 1,
		});
		expect(result.status).toBe('error');
		expect(result.error?.message).toBe(
			`The provider answered HTTP 404 for ${ctx.provider.url}/suno/fetch/abc: the Base URL or the route looks wrong.`,
		);
		expect(result.error?.description).toContain('Check the Base URL in the Suno API credential');
		expect(result.hints).toEqual([]);
	});

	it('Get Many: the same 404 gives the same message', async () => {
		ctx.provider.setRoute('POST', '/suno/fetch', { status: 404, body: '<html>404</html>' });
		const result = await ctx.run({ operation: 'getMany', taskIds: 'abc' });
		expect(result.error?.message).toBe(
			`The provider answered HTTP 404 for ${ctx.provider.url}/suno/fetch: the Base URL or the route looks wrong.`,
		);
	});

	it('a gateway behind a path prefix, called without it, is a wrong address, not a missing task', async () => {
		ctx.provider.pathPrefix = '/gw';
		const result = await ctx.run({ operation: 'get', taskId: 'abc' });
		expect(result.error?.message).toMatch(/the Base URL or the route looks wrong/);
	});

	it('one-hub’s own 404 task_not_exist is still a NOT_FOUND item', async () => {
		ctx.provider.setRoute('GET', '/suno/fetch/abc', {
			status: 404,
			body: { code: 'task_not_exist', message: '' },
		});
		const result = await ctx.run({ operation: 'get', taskId: 'abc' });
		expect(jsonOf(result).map((item) => item.taskStatus)).toEqual(['NOT_FOUND']);
	});
});

describe('one failed request costs only its own ids', () => {
	it('an item whose ids span two batches keeps the tasks of the batch that arrived, and names the others', async () => {
		const ids = [1, 2, 3, 4].map(() => ctx.provider.createTask({ finishAfter: 0, clips: 1 }));
		ctx.provider.injectFault({ status: 500, times: 1 }); // the first batch fails
		const result = await ctx.run(
			{
				operation: 'getMany',
				taskIds: ids.join(','),
				options: { batchSize: 2, concurrency: 1, retries: 0 },
			},
			{ continueOnFail: true },
		);
		expect(result.status).toBe('success');
		const out = itemsOf(result, 0);
		expect(out.filter((item) => !('error' in item)).map((item) => item.taskId)).toEqual([
			ids[2],
			ids[3],
		]);
		const errors = out.filter((item) => 'error' in item);
		expect(errors).toHaveLength(1);
		expect(errors[0].errorDescription).toContain(`Not fetched: ${ids[0]}, ${ids[1]}.`);
		expect(errors[0].errorDescription).toContain(`Fetched: ${ids[2]}, ${ids[3]}.`);
	});

	it('without On Error → Continue the error still names both the lost and the fetched ids', async () => {
		const ids = [1, 2].map(() => ctx.provider.createTask({ finishAfter: 0, clips: 1 }));
		ctx.provider.injectFault({ status: 500, times: 1 });
		const result = await ctx.run({
			operation: 'getMany',
			taskIds: ids.join(','),
			options: { batchSize: 1, concurrency: 1, retries: 0 },
		});
		expect(result.status).toBe('error');
		expect(result.error?.description).toContain(`Not fetched: ${ids[0]}.`);
		expect(result.error?.description).toContain(`Fetched: ${ids[1]}.`);
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

describe('ids in another case', () => {
	it('a MySQL-backed gateway’s answer in its own spelling is matched to the id asked for', async () => {
		ctx.provider.caseInsensitiveIds = true;
		const id = ctx.provider.createTask({ id: 'task_AbCdEf0123', finishAfter: 0, clips: 1 });
		for (const operation of ['get', 'getMany']) {
			const result = await ctx.run({
				operation,
				taskId: 'TASK_abcdef0123',
				taskIds: 'TASK_abcdef0123',
			});
			expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
				[id, 'SUCCESS'],
			]);
			expect(result.hints).toEqual([]);
		}
	});

	it('the exact spelling wins when both come back', async () => {
		ctx.provider.addTask({ task_id: 'ab', status: 'SUCCESS', data: [] });
		ctx.provider.addTask({ task_id: 'AB', status: 'FAILURE', data: [] });
		const result = await ctx.run({ operation: 'getMany', taskIds: 'AB, ab' });
		expect(jsonOf(result).map((item) => [item.taskId, item.taskStatus])).toEqual([
			['AB', 'FAILURE'],
			['ab', 'SUCCESS'],
		]);
	});
});

describe('the key never follows a redirect', () => {
	const elsewhere = new LocalSunoProvider();
	beforeAll(async () => elsewhere.start());
	afterAll(async () => elsewhere.stop());

	it.each([
		['Get', 'GET', '/suno/fetch/abc', { operation: 'get', taskId: 'abc' }],
		['Get Many', 'POST', '/suno/fetch', { operation: 'getMany', taskIds: 'abc' }],
	])(
		'%s: a 302 to another site is an error naming it, and nothing reaches that site',
		async (_name, method, path, parameters) => {
			elsewhere.reset();
			ctx.provider.setRoute(method, path, {
				status: 302,
				body: '',
				headers: { location: `${elsewhere.url}${path}` },
			});
			const result = await ctx.run(parameters);
			expect(result.status).toBe('error');
			expect(result.error?.message).toBe(
				`The provider answered with a redirect (HTTP 302) to ${elsewhere.url}${path}; it was not followed.`,
			);
			expect(elsewhere.log).toHaveLength(0);
		},
	);
});

describe('Task IDs as a JSON list in a string', () => {
	it('\'["a","b"]\' is the ids a and b', async () => {
		await ctx.run({ operation: 'getMany', taskIds: '={{ \'["a", "b"]\' }}' });
		expect(JSON.parse(fetchRequests()[0].body).ids).toEqual(['a', 'b']);
	});

	it('a broken list is an error naming the field', async () => {
		const result = await ctx.run({ operation: 'getMany', taskIds: '["a", b]' });
		expect(result.error?.message).toMatch(
			/^Task IDs looks like a list \("\["a", b\]"\) but is not valid JSON/,
		);
		expect(fetchRequests()).toHaveLength(0);
	});
});

describe('Simplify off shares no object between items', () => {
	it('editing one item’s nested objects changes no other item', async () => {
		ctx.provider.addTask({
			task_id: 'shared',
			status: 'SUCCESS',
			data: [
				{ id: 'c1', status: 'complete', metadata: { tags: 'pop' } },
				{ id: 'c2', status: 'complete', metadata: { tags: 'pop' } },
			],
			properties: { model: 'chirp' },
		});
		const result = await ctx.run(
			{ operation: 'getMany', taskIds: '={{ $json.ids }}', simplify: false },
			{ items: [{ ids: 'shared' }, { ids: 'shared' }] },
		);
		const [first, ...others] = jsonOf(result);
		expect(others).toHaveLength(3);
		(first.metadata as IDataObject).tags = 'edited';
		((first.task as IDataObject).properties as IDataObject).model = 'edited';
		for (const other of others) {
			expect((other.metadata as IDataObject).tags).toBe('pop');
			expect(((other.task as IDataObject).properties as IDataObject).model).toBe('chirp');
		}
	});
});

describe('statuses', () => {
	it('the provider’s literal UNKNOWN is final: a wait stops at once', async () => {
		ctx.provider.addTask({ task_id: 'u', status: 'UNKNOWN', data: [] });
		const result = await ctx.run({
			operation: 'get',
			taskId: 'u',
			waitForCompletion: true,
			pollInterval: 1,
			maxWait: 1,
		});
		expect(jsonOf(result).map((item) => [item.taskStatus, item.rawStatus])).toEqual([
			['UNKNOWN', 'UNKNOWN'],
		]);
		expect(fetchRequests()).toHaveLength(1);
	});

	it('a word the node does not recognise is UNRECOGNIZED and keeps a wait polling', async () => {
		ctx.provider.addTask({ task_id: 'w', status: 'MUTATING', data: [] });
		const result = await ctx.run({
			operation: 'get',
			taskId: 'w',
			waitForCompletion: true,
			pollInterval: 1,
			maxWait: 0.1,
		});
		expect(jsonOf(result).map((item) => [item.taskStatus, item.rawStatus])).toEqual([
			['UNRECOGNIZED', 'MUTATING'],
		]);
		expect(fetchRequests().length).toBeGreaterThan(1);
	});
});

describe('Max Wait is what happens', () => {
	it('a Poll Interval longer than Max Wait still waits Max Wait, polls at its end, and says how long it waited', async () => {
		const id = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		const started = Date.now();
		const result = await ctx.run({
			operation: 'get',
			taskId: id,
			waitForCompletion: true,
			pollInterval: 60,
			maxWait: 0.1,
		});
		const took = Date.now() - started;
		expect(took).toBeGreaterThanOrEqual(5900);
		expect(took).toBeLessThan(9000);
		const [first, last] = fetchRequests().map((entry) => entry.at);
		expect(fetchRequests()).toHaveLength(2);
		expect(last - first).toBeGreaterThanOrEqual(5900);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			`1 task was still unfinished after 6 s: ${id}. It may still finish: fetch it again later.`,
		]);
	});

	it('a Retry-After longer than the time left does not keep the run past Max Wait', async () => {
		const id = ctx.provider.createTask({ holdAt: 'IN_PROGRESS' });
		ctx.provider.injectFault({ status: 429, headers: { 'retry-after': '30' }, times: 5 });
		const started = Date.now();
		const result = await ctx.run(
			{ operation: 'get', taskId: id, waitForCompletion: true, pollInterval: 1, maxWait: 0.1 },
			{ continueOnFail: true },
		);
		expect(Date.now() - started).toBeLessThan(9000);
		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ error: 'The provider is rate limiting requests (HTTP 429).' }),
		]);
	});
});
