/**
 * Fault injection through real n8n execution. Whatever the provider does, every requested id
 * ends as exactly one outcome — its items, a NOT_FOUND item, or an error that names it — and the
 * node never hangs past its limits.
 */
import type { IDataObject } from 'n8n-workflow';

import { fixture } from '../fixtures';
import type { RunResult } from '../harness/workflow-runner';
import { useProvider } from './setup';

const ctx = useProvider();

type Outcome = 'items' | 'not_found' | 'error';

/** One input item per id, so every outcome can be traced to its id. */
async function runIds(ids: string[], parameters: IDataObject = {}) {
	const started = Date.now();
	const result = await ctx.run(
		{ operation: 'getMany', taskIds: '={{ $json.id }}', ...parameters },
		{ items: ids.map((id) => ({ id })), continueOnFail: true },
	);
	return { result, ms: Date.now() - started };
}

/** The invariant: each id has exactly one kind of outcome, and an error names the id. */
function outcomesOf(result: RunResult, ids: string[]): Outcome[] {
	expect(result.status).toBe('success');
	return ids.map((id, index) => {
		const items = result.items
			.filter((item) => (item.pairedItem as { item: number }).item === index)
			.map((item) => item.json);
		expect(items.length).toBeGreaterThan(0);
		if (items.some((item) => 'error' in item)) {
			expect(items).toHaveLength(1);
			expect(`${items[0].error} ${items[0].errorDescription}`).toContain(id);
			return 'error';
		}
		for (const item of items) expect(item.taskId).toBe(id);
		if (items[0].taskStatus === 'NOT_FOUND') {
			expect(items).toHaveLength(1);
			return 'not_found';
		}
		return 'items';
	});
}

let known: string[];
beforeEach(() => {
	known = [
		ctx.provider.createTask({ finishAfter: 0 }),
		ctx.provider.createTask({ finishAfter: 0 }),
	];
});

describe('transport faults', () => {
	it.each([
		['a 429 storm with Retry-After: 0', { status: 429, headers: { 'retry-after': '0' }, times: 2 }],
		['a 429 storm without Retry-After', { status: 429, times: 2 }],
		['HTTP 500', { status: 500 }],
		['HTTP 502', { status: 502 }],
		['HTTP 503', { status: 503 }],
		['a dropped connection', { drop: true }],
		['a connection dropped mid-body', { dropMidBody: true }],
	])('%s, then recovery: every id is answered', async (_name, fault) => {
		ctx.provider.injectFault(fault);
		const ids = [...known, 'ghost'];
		const { result } = await runIds(ids);
		expect(outcomesOf(result, ids)).toEqual(['items', 'items', 'not_found']);
	});

	it.each([
		[
			'a 429 storm that outlasts the retries',
			{ status: 429, headers: { 'retry-after': '0' }, times: 10 },
			/HTTP 429/,
		],
		['5xx that outlasts the retries', { status: 503, times: 10 }, /HTTP 503/],
		[
			'an HTML error page with status 200',
			{
				status: 200,
				body: '<html>Bad gateway</html>',
				headers: { 'content-type': 'text/html' },
				times: 10,
			},
			/not JSON/,
		],
		[
			'malformed JSON',
			{ status: 200, body: '{"code":"success","data":[{"task_id":', times: 10 },
			/not JSON/,
		],
		[
			'an envelope with code other than success',
			{
				status: 200,
				body: { code: 'get_tasks_failed', message: 'db locked', data: null },
				times: 10,
			},
			/get_tasks_failed/,
		],
		[
			'an OpenAI-style error with status 200',
			{
				status: 200,
				body: { error: { message: 'channel error', type: 'new_api_error' } },
				times: 10,
			},
			/channel error/,
		],
	])('%s: an error naming every id', async (_name, fault, message) => {
		ctx.provider.injectFault(fault);
		const ids = [...known, 'ghost'];
		const { result } = await runIds(ids, { options: { retries: 2 } });
		expect(outcomesOf(result, ids)).toEqual(['error', 'error', 'error']);
		expect(result.items[0].json.error).toMatch(message);
	});

	it('a response that never ends: errors after Request Timeout and the retries, no hang', async () => {
		ctx.provider.injectFault({ hang: true, times: 2 });
		const ids = [...known];
		const { result, ms } = await runIds(ids, { options: { timeout: 1, retries: 1 } });
		expect(outcomesOf(result, ids)).toEqual(['error', 'error']);
		expect(result.items[0].json.error).toMatch(/did not answer within 1 s/);
		expect(ms).toBeLessThan(5000);
	});

	it('a body that trickles in for ever: stopped at Request Timeout, no hang', async () => {
		ctx.provider.injectFault({
			slowBodyMs: 300,
			status: 200,
			body: { code: 'success', message: '', data: [], padding: 'x'.repeat(40) },
		});
		const { result, ms } = await runIds(['ghost'], { options: { timeout: 1, retries: 0 } });
		expect(outcomesOf(result, ['ghost'])).toEqual(['error']);
		expect(result.items[0].json.error).toMatch(/did not answer within 1 s/);
		expect(ms).toBeLessThan(4000);
	});

	it('a body that trickles in slowly still arrives', async () => {
		ctx.provider.injectFault({
			slowBodyMs: 1,
			status: 200,
			body: { code: 'success', message: '', data: [] },
		});
		const { result } = await runIds(['ghost']);
		expect(outcomesOf(result, ['ghost'])).toEqual(['not_found']);
	});
});

describe('odd but valid answers', () => {
	const answer = (body: unknown) => ctx.provider.setRoute('POST', '/suno/fetch', { body });

	it('data: null makes every id NOT_FOUND', async () => {
		answer({ code: 'success', message: '', data: null });
		const { result } = await runIds(known);
		expect(outcomesOf(result, known)).toEqual(['not_found', 'not_found']);
	});

	it('a task sent twice and a task nobody asked for: each asked id once, the stranger dropped', async () => {
		const task = fixture('seed_gptge_batch_success').data[0];
		answer({ code: 'success', data: [task, task, { ...task, task_id: 'stranger' }] });
		const ids = [task.task_id, 'ghost'];
		const { result } = await runIds(ids);
		expect(outcomesOf(result, ids)).toEqual(['items', 'not_found']);
		expect(result.items.filter((item) => item.json.taskId === task.task_id)).toHaveLength(1);
		expect(result.items.some((item) => item.json.taskId === 'stranger')).toBe(false);
	});

	it('clips as an empty array, as a map, and numbers as strings', async () => {
		answer({
			code: 200,
			data: [
				{ task_id: 'empty', status: 'SUCCESS', data: [] },
				{
					task_id: 'map',
					status: 'complete',
					clips: { a: { id: 'a', duration: '12.5' }, b: { id: 'b' } },
				},
				{
					task_id: 'strings',
					status: 'SUCCESS',
					submit_time: '1716191749',
					progress: '100%',
					data: [{ id: 'c', duration: '61.5' }],
				},
			],
		});
		const ids = ['empty', 'map', 'strings'];
		const { result } = await runIds(ids);
		expect(outcomesOf(result, ids)).toEqual(['items', 'items', 'items']);
		expect(
			result.items.map((item) => [item.json.taskId, item.json.clipId, item.json.duration]),
		).toEqual([
			['empty', null, null],
			['map', 'a', 12.5],
			['map', 'b', null],
			['strings', 'c', 61.5],
		]);
		expect(result.items[3].json.submittedAt).toBe('2024-05-20T07:55:49.000Z');
	});

	it('missing fields: a bare task id is an UNRECOGNIZED task, a status-less task takes its clips’ status', async () => {
		answer({
			code: 'success',
			data: [
				{ task_id: 'bare' },
				{ task_id: 'clips-only', data: [{ id: 'x', status: 'streaming' }] },
			],
		});
		const ids = ['bare', 'clips-only'];
		const { result } = await runIds(ids);
		expect(outcomesOf(result, ids)).toEqual(['items', 'items']);
		expect(result.items.map((item) => item.json.taskStatus)).toEqual([
			'UNRECOGNIZED',
			'IN_PROGRESS',
		]);
	});

	it('a task list with entries that are not tasks is an error naming the ids', async () => {
		answer({ code: 'success', data: [1, 'two'] });
		const { result } = await runIds(['a']);
		expect(outcomesOf(result, ['a'])).toEqual(['error']);
	});
});
