/**
 * Task ids from what a user typed or an expression gave (settings/ids.ts): separators, wrapping,
 * JSON lists as text, numbers, and the refusals that name the field. Through n8n in
 * test/execution/task-ids.test.ts and bad-input.test.ts.
 */
import { ParameterError } from '../../../../nodes/shared/settings/parameters';
import {
	parsePathIds,
	parseSingleTaskId,
	parseTaskIds,
} from '../../../../nodes/shared/settings/ids';

const refusal = (read: () => unknown): string => {
	try {
		read();
	} catch (error) {
		expect(error).toBeInstanceOf(ParameterError);
		return (error as Error).message;
	}
	throw new Error('expected a refusal');
};

describe('parseTaskIds: text', () => {
	it.each([
		['commas', 'a,b,c'],
		['commas and spaces', ' a , b ,c '],
		['new lines', 'a\nb\r\nc'],
		['semicolons and tabs', 'a;b\tc'],
		['a full-width comma and an ideographic comma (Chinese input)', 'a，b、c'],
		['a full-width semicolon', 'a；b；c'],
	])('ids separated by %s', (_name, text) => {
		expect(parseTaskIds(text, 'Task IDs')).toEqual(['a', 'b', 'c']);
	});

	it.each([
		['ASCII quotes', `"a", 'b', \`c\``],
		['typographic quotes', '“a”, ‘b’, «c»'],
		['corner brackets', '「a」,b,c'],
		['zero-width spaces and a BOM copied from a chat app', '\u200Ba\u200B,\uFEFFb,c\u2060'],
	])('%s around ids are taken off', (_name, text) => {
		expect(parseTaskIds(text, 'Task IDs')).toEqual(['a', 'b', 'c']);
	});

	it('the same id twice is asked once, in the order first given', () => {
		expect(parseTaskIds('b, a, b, a', 'Task IDs')).toEqual(['b', 'a']);
	});

	it('ids in another case are different ids (a case-sensitive gateway)', () => {
		expect(parseTaskIds('ab, AB', 'Task IDs')).toEqual(['ab', 'AB']);
	});
});

describe('parseTaskIds: lists', () => {
	it('an array of ids, and ids separated inside its entries', () => {
		expect(parseTaskIds(['a', 'b, c', ' d '], 'Task IDs')).toEqual(['a', 'b', 'c', 'd']);
	});

	it('a JSON list handed over as text is that list', () => {
		expect(parseTaskIds('["a", "b"]', 'Task IDs')).toEqual(['a', 'b']);
	});

	it('long numbers in a JSON list given as text keep every digit', () => {
		expect(parseTaskIds('[12345678901234567890, "b", -98765432109876543210]', 'Task IDs')).toEqual([
			'12345678901234567890',
			'b',
			'-98765432109876543210',
		]);
	});

	it('text in brackets that is not JSON is a broken list, named as one', () => {
		expect(refusal(() => parseTaskIds('["a", b]', 'Task IDs'))).toBe(
			'Task IDs looks like a list ("["a", b]") but is not valid JSON. Give it as ["id1", "id2"], as ids separated by commas, or as an expression that gives a list.',
		);
	});

	it.each([
		[['a', null], 'null'],
		[['a', ['b']], 'a nested array'],
		[['a', { id: 'b' }], 'object'],
		[['a', true], 'boolean'],
	])('%j: the entry that is not an id is named by its place and kind', (list, kind) => {
		expect(refusal(() => parseTaskIds(list, 'Task IDs'))).toMatch(
			new RegExp(`^Task IDs: entry 2 of the list is ${kind}, not a task id\\.`),
		);
	});
});

describe('parseTaskIds: numbers', () => {
	it('a safe integer is its digits', () => {
		expect(parseTaskIds(1716191749, 'Task ID')).toEqual(['1716191749']);
		expect(parseTaskIds([7, 'b'], 'Task IDs')).toEqual(['7', 'b']);
	});

	it('an integer past 2^53 was rounded upstream: refused, not fetched as another task', () => {
		const message = refusal(() => parseTaskIds(Number('12345678901234567890'), 'Task ID'));
		expect(message).toMatch(/^Task ID holds the number 12345678901234567000, past 2\^53/);
		expect(message).toContain('Keep the ID as text');
		expect(() => parseTaskIds(['a', 2 ** 60], 'Task IDs')).toThrow(/past 2\^53/);
	});

	it('NaN and Infinity are no id', () => {
		expect(refusal(() => parseTaskIds(Number.NaN, 'Task ID'))).toMatch(/^Task ID is number\./);
	});
});

describe('parseTaskIds: refusals name the field', () => {
	it.each([
		[undefined, 'Task IDs is empty.'],
		[null, 'Task IDs is empty.'],
		[{ id: 'a' }, 'Task IDs is object.'],
		[true, 'Task IDs is boolean.'],
	])('%j', (value, start) => {
		expect(refusal(() => parseTaskIds(value, 'Task IDs'))).toMatch(
			new RegExp(`^${start.replace('.', '\\.')} Enter task ids`),
		);
	});

	it.each([[''], ['  ,  ; '], ['“”'], [[]], [['', ' ']]])('%j holds no id', (value) => {
		expect(refusal(() => parseTaskIds(value, 'Task IDs'))).toMatch(
			/^Task IDs holds no task id\. Enter at least one id/,
		);
	});

	it('a value longer than 200 characters is text pasted into the wrong field', () => {
		expect(parseTaskIds('x'.repeat(200), 'Clip ID')).toEqual(['x'.repeat(200)]);
		expect(refusal(() => parseTaskIds('x'.repeat(201), 'Clip ID'))).toBe(
			`Clip ID holds a value 201 characters long ("${'x'.repeat(40)}…"), not an ID: IDs are at most 200.`,
		);
	});
});

describe('ids that go into a URL path', () => {
	it.each(['.', '..'])('"%s" is refused: it would be a path step, not an id', (step) => {
		expect(refusal(() => parsePathIds(`a, ${step}`, 'Clip IDs'))).toBe(
			`Clip IDs "${step}" is not an ID.`,
		);
	});

	it('ids holding "/", "?" or unicode are kept as they are (the URL encodes them)', () => {
		expect(parsePathIds('a/b, c?d=1, 歌', 'Clip IDs')).toEqual(['a/b', 'c?d=1', '歌']);
		expect(parsePathIds('...', 'Clip IDs')).toEqual(['...']);
	});

	it('a single id is one id', () => {
		expect(parseSingleTaskId(' “abc” ', 'Task ID')).toBe('abc');
	});

	it('several ids for a single GET are refused, naming how many and pointing to Get Many Tasks', () => {
		expect(refusal(() => parseSingleTaskId('a, b, c, d', 'Task ID'))).toBe(
			'Task ID holds 4 ids (a, b, c, …). Use the Get Many Tasks operation for several tasks.',
		);
		expect(refusal(() => parseSingleTaskId('a b', 'Clip ID', 'Give one clip.'))).toBe(
			'Clip ID holds 2 ids (a, b). Give one clip.',
		);
	});

	it('".." as the single id is refused too', () => {
		expect(refusal(() => parseSingleTaskId('..', 'Task ID'))).toBe('Task ID ".." is not an ID.');
	});
});
