/**
 * Reading gateways' answers where they deviate from the mainstream (#19), as fast rules beside
 * the execution tests in test/execution/gateway-edges.test.ts: integers past 2^53, a clip list
 * beside an empty one, and what counts as a web page.
 */
import { isWebPage } from '../../../../nodes/shared/model/errors';
import { normaliseResponse } from '../../../../nodes/shared/model/normalise';
import { NOT_JSON, parseJson } from '../../../../nodes/shared/model/values';

describe('parseJson keeps integers past 2^53 digit for digit', () => {
	it.each([
		['a bare id', '{"task_id": 12345678901234567891}', { task_id: '12345678901234567891' }],
		['a negative one', '[-12345678901234567891]', ['-12345678901234567891']],
		[
			'one just past 2^53, deep in a task',
			'{"data": {"clips": [{"n": 9007199254740993}]}}',
			{ data: { clips: [{ n: '9007199254740993' }] } },
		],
		[
			'in a list, twice',
			'[98765432109876543210,98765432109876543211]',
			['98765432109876543210', '98765432109876543211'],
		],
	])('%s becomes text', (_name, text, expected) => {
		expect(parseJson(text)).toEqual(expected);
	});

	it.each([
		['a safe 16-digit integer', '[9007199254740991]', [9007199254740991]],
		['a long fraction', '[1.12345678901234567]', [1.1234567890123457]],
		['an exponent', '[1.2345678901234567e+25]', [Number('1.2345678901234567e+25')]],
		['digits in a string', '{"a": "12345678901234567891"}', { a: '12345678901234567891' }],
		[
			'digits in a string after an escaped quote and a backslash',
			String.raw`{"a": "x\"\\ 12345678901234567891", "b": 12345678901234567891}`,
			{ a: 'x"\\ 12345678901234567891', b: '12345678901234567891' },
		],
	])('%s is left as JSON reads it', (_name, text, expected) => {
		expect(parseJson(text)).toEqual(expected);
	});

	it('JSON nested deeper than the call stack is still JSON, its long integers kept', () => {
		const nested = (inner: string) => `${'['.repeat(20_000)}${inner}${']'.repeat(20_000)}`;
		const depthOf = (value: unknown) => {
			let depth = 0;
			for (let at = value; Array.isArray(at); at = at[0]) depth++;
			return depth;
		};
		const plain = parseJson(`{"task_id": "t-1", "x": ${nested('1')}}`);
		expect(plain).toMatchObject({ task_id: 't-1' });
		expect(depthOf((plain as { x: unknown }).x)).toBe(20_000);
		const long = parseJson(`{"task_id": 12345678901234567891, "x": ${nested('2')}}`);
		expect(long).toMatchObject({ task_id: '12345678901234567891' });
	});

	it('text that is not JSON stays NOT_JSON, long digits or not', () => {
		expect(parseJson('{"a": 12345678901234567891')).toBe(NOT_JSON);
		expect(parseJson('"unterminated 12345678901234567891')).toBe(NOT_JSON);
	});
});

describe('a task’s clips in `clips` or `data`', () => {
	const clip = { id: 'c-1', status: 'complete' };
	const clipsOf = (task: Record<string, unknown>) => {
		const read = normaliseResponse({ code: 'success', data: [{ task_id: 't', ...task }] });
		if (!('tasks' in read)) throw new Error(read.problem.message);
		return read.tasks[0];
	};

	it.each([[[]], [{}], [''], [null], ['[]']])('"clips": %j never hides "data"’s clips', (empty) => {
		expect(clipsOf({ clips: empty, data: [clip] }).clips.map((c) => c.clipId)).toEqual(['c-1']);
	});

	it('"clips" wins when both hold clips', () => {
		const task = clipsOf({ clips: [clip], data: [{ id: 'c-2' }] });
		expect(task.clips.map((c) => c.clipId)).toEqual(['c-1']);
	});

	it('an empty "clips" beside a lyrics object in "data" is a lyrics task', () => {
		const task = clipsOf({
			clips: [],
			data: { id: 'l', text: 'la la', title: 'T', status: 'complete' },
		});
		expect(task.clips).toEqual([]);
		expect(task.lyrics?.text).toBe('la la');
	});
});

describe('isWebPage', () => {
	const html = { 'content-type': 'text/html; charset=utf-8' };
	it.each([
		['HTML by its content', '<!doctype html><html></html>', {}, true],
		['a page typed text/html', 'Welcome to nginx', html, true],
		['JSON typed text/html', '{"code":"success","data":"task_1"}', html, false],
		['a JSON string typed text/html', '"ok"', html, false],
		['an empty body typed text/html', '', html, false],
		['JSON', '{"a":1}', {}, false],
	])('%s: %s', (_name, body, headers, expected) => {
		expect(isWebPage({ body, headers })).toBe(expected);
	});
});
