/**
 * What Suno Fetch outputs when a request or a task goes wrong — every answer right or loudly
 * wrong: a wrong address is not "not found", a failed request costs only its own ids, the key never
 * follows a redirect, items share no object, statuses end a wait or not, and Max Wait holds. Each
 * through real n8n execution against the local provider. Settings given as text are in
 * settings-from-expressions.test.ts, ids in another case in task-ids.test.ts.
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
