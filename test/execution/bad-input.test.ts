/** Bad input: every case gets a clear message naming the field, and sends nothing it should not. */
import { runSunoFetch } from '../harness/workflow-runner';
import { jsonOf, useProvider } from './setup';

const ctx = useProvider();
const sentIds = () =>
	ctx.provider.log
		.filter((entry) => entry.path === '/suno/fetch')
		.map((entry) => JSON.parse(entry.body).ids);

describe('task ids', () => {
	it.each([
		[
			'getMany',
			{ taskIds: '={{ "" }}' },
			'Task IDs holds no task id. Enter at least one id, e.g. 346c5d10-a4a1-4f49-a851-66a7dae6cfaf.',
		],
		[
			'getMany',
			{ taskIds: ' , ;\n ,' },
			'Task IDs holds no task id. Enter at least one id, e.g. 346c5d10-a4a1-4f49-a851-66a7dae6cfaf.',
		],
		[
			'getMany',
			{ taskIds: '={{ [] }}' },
			'Task IDs holds no task id. Enter at least one id, e.g. 346c5d10-a4a1-4f49-a851-66a7dae6cfaf.',
		],
		[
			'getMany',
			{ taskIds: '={{ ["a", true] }}' },
			/^Task IDs: entry 2 of the list is boolean, not a task id/,
		],
		[
			'getMany',
			{ taskIds: '={{ [["a"], "b"] }}' },
			/^Task IDs: entry 1 of the list is a nested array, not a task id/,
		],
		['getMany', { taskIds: '={{ ["a", null] }}' }, /^Task IDs: entry 2 of the list is null/],
		[
			'getMany',
			{ taskIds: '={{ [{ "id": "a" }] }}' },
			/^Task IDs: entry 1 of the list is object.*\$json\.tasks\.map/,
		],
		['getMany', { taskIds: '={{ {"id": 1} }}' }, /^Task IDs is object\. Enter task ids/],
		['get', { taskId: '={{ "  " }}' }, /^Task ID holds no task id/],
		[
			'get',
			{ taskId: 'a, b' },
			'Task ID holds 2 ids (a, b). Use the Get Many Tasks operation for several tasks.',
		],
		['get', { taskId: '..' }, 'Task ID ".." is not an ID.'],
		['get', { taskId: '.' }, 'Task ID "." is not an ID.'],
	])('%s %j: named, and nothing is sent', async (operation, parameters, message) => {
		const result = await ctx.run({ operation, ...parameters });
		expect(result.status).toBe('error');
		if (typeof message === 'string') expect(result.error?.message).toBe(message);
		else expect(result.error?.message).toMatch(message);
		expect(ctx.provider.log).toHaveLength(0);
	});

	it.each([
		['duplicates', 'a,a, a\na', ['a']],
		['whitespace and quotes', '  "a" ,\t\'b\'  \n `c` ', ['a', 'b', 'c']],
		['numbers from an expression', '={{ [1, 2, 2] }}', ['1', '2']],
		['strings with separators inside a list', '={{ ["a, b", "c"] }}', ['a', 'b', 'c']],
	])('%s are cleaned: %j', async (_name, taskIds, expected) => {
		const result = await ctx.run({ operation: 'getMany', taskIds });
		expect(result.status).toBe('success');
		expect(sentIds()).toEqual([expected]);
	});

	it('10,000 ids: 100 requests, every id accounted for, one hint', async () => {
		const ids = Array.from({ length: 10000 }, (_, index) => `missing-${index}`);
		const result = await ctx.run({ operation: 'getMany', taskIds: ids.join('\n') });
		expect(result.status).toBe('success');
		expect(ctx.provider.counters.fetchBatch).toBe(100);
		expect(jsonOf(result).map((item) => item.taskId)).toEqual(ids);
		expect(result.hints.map((hint) => hint.message)).toEqual([
			`10000 task ids were not found: ${ids.slice(0, 10).join(', ')} and 9990 more`,
		]);
	});

	it.each([
		['a/b', '/suno/fetch/a%2Fb'],
		['a?b=1', '/suno/fetch/a%3Fb%3D1'],
		['a#b', '/suno/fetch/a%23b'],
		['../admin', '/suno/fetch/..%2Fadmin'],
		['a/../../b', '/suno/fetch/a%2F..%2F..%2Fb'],
		['%2e%2e', '/suno/fetch/%252e%252e'],
	])('Get keeps %j one path segment: %s', async (taskId, path) => {
		await ctx.run({ operation: 'get', taskId });
		expect(ctx.provider.log.map((entry) => entry.rawPath)).toEqual([path]);
	});
});

describe('the credential’s base URL', () => {
	it.each([
		['ftp://example.com', 'must start with http:// or https:// (it is "ftp:").'],
		['example.com', '"example.com" is not a valid URL.'],
		['', '"" is not a valid URL.'],
		[
			'http://user:pw@127.0.0.1',
			'must not contain a user name or password; put the key in the API Key field.',
		],
		['http://127.0.0.1?x=1', 'must not contain a query (?…) or fragment (#…).'],
		['http://127.0.0.1#top', 'must not contain a query (?…) or fragment (#…).'],
		[
			'https://api.example.com/v1',
			'ends with /v1: remove it. The node calls /suno/fetch on the gateway itself (https://api.example.com, not https://api.example.com/v1).',
		],
		[
			'https://api.example.com/v1/',
			'ends with /v1: remove it. The node calls /suno/fetch on the gateway itself (https://api.example.com, not https://api.example.com/v1).',
		],
	])('%j is named before any request', async (baseUrl, problem) => {
		const result = await runSunoFetch({
			parameters: { operation: 'get', taskId: 'a' },
			credentials: { apiKey: 'k', provider: 'custom', baseUrl },
		});
		expect(result.error?.message).toBe(`The credential's Base URL ${problem}`);
		expect(result.error?.description).toMatch(/^Open the Suno API credential/);
	});
});
