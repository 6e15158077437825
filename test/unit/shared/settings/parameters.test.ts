/**
 * Reading a field's value as n8n hands it over (settings/parameters.ts): typed from the editor, or
 * text from an expression ("0", "false", "audio, video"). Each value is taken or refused with a
 * message naming the field, never replaced by a silent default. Through n8n in
 * test/execution/settings-from-expressions.test.ts.
 */
import type { INodeProperties } from 'n8n-workflow';

import { ParameterError, readField } from '../../../../nodes/shared/settings/parameters';

const field = (definition: Partial<INodeProperties>): INodeProperties =>
	({ name: 'x', displayName: 'Field', default: '', ...definition }) as INodeProperties;

const retries = field({
	displayName: 'Retries',
	type: 'number',
	default: 3,
	typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
});
const maxWait = field({
	displayName: 'Max Wait (Minutes)',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 0.1, numberPrecision: 1 },
});
const waitForCompletion = field({
	displayName: 'Wait for Completion',
	type: 'boolean',
	default: false,
});
const onTimeout = field({
	displayName: 'On Timeout',
	type: 'options',
	default: 'emit',
	options: [
		{ name: 'Output', value: 'emit' },
		{ name: 'Fail', value: 'error' },
	],
});
const downloadFiles = field({
	displayName: 'Download Files',
	type: 'multiOptions',
	default: [],
	options: ['audio', 'image', 'video'].map((value) => ({ name: value, value })),
});
const property = field({ displayName: 'Put Audio in Field', type: 'string', default: 'audio' });
const bodyFields = field({
	displayName: 'Extra Body Fields',
	type: 'json',
	default: '{}',
});

const refusal = (definition: INodeProperties, value: unknown): string => {
	try {
		readField(definition, value);
	} catch (error) {
		expect(error).toBeInstanceOf(ParameterError);
		return (error as Error).message;
	}
	throw new Error(`expected ${JSON.stringify(value)} to be refused`);
};

describe('numbers', () => {
	it.each([
		[0, 0],
		['0', 0],
		[' 7 ', 7],
		['10', 10],
	])('Retries %j is %j', (value, expected) => {
		expect(readField(retries, value)).toBe(expected);
	});

	it('unset (null or undefined) is the field’s default', () => {
		expect(readField(retries, undefined)).toBe(3);
		expect(readField(retries, null)).toBe(3);
	});

	it.each([
		['three', 'Retries must be a number, not "three".'],
		['', 'Retries must be a number, not "".'],
		['  ', 'Retries must be a number, not "  ".'],
		[true, 'Retries must be a number, not true.'],
		[Number.NaN, 'Retries must be a number, not null.'],
		[Infinity, 'Retries must be a number, not null.'],
		['Infinity', 'Retries must be a number, not "Infinity".'],
		[[3], 'Retries must be a number, not [3].'],
	])('%j is not a number', (value, message) => {
		expect(refusal(retries, value)).toBe(message);
	});

	it.each([
		[-1, 'Retries must be from 0 to 10 (it is -1).'],
		['11', 'Retries must be from 0 to 10 (it is 11).'],
		['2.5', 'Retries must be a whole number (it is 2.5).'],
	])('%j is out of the field’s range', (value, message) => {
		expect(refusal(retries, value)).toBe(message);
	});

	it('a field without a maximum names only its minimum; fractions are fine where it allows them', () => {
		expect(refusal(maxWait, '0.05')).toBe('Max Wait (Minutes) must be at least 0.1 (it is 0.05).');
		expect(readField(maxWait, '0.5')).toBe(0.5);
		expect(readField(maxWait, 99999999)).toBe(99999999);
	});
});

describe('booleans', () => {
	it.each([
		[true, true],
		[false, false],
		['true', true],
		['false', false],
		[' FALSE ', false],
		['True', true],
	])('%j is %j', (value, expected) => {
		expect(readField(waitForCompletion, value)).toBe(expected);
	});

	it('unset is the default', () => {
		expect(readField(waitForCompletion, undefined)).toBe(false);
	});

	it.each([
		['yes', '"yes"'],
		['1', '"1"'],
		[1, '1'],
		['', '""'],
	])('%j is refused, not read as true or false', (value, shown) => {
		expect(refusal(waitForCompletion, value)).toBe(
			`Wait for Completion must be true or false, not ${shown}.`,
		);
	});
});

describe('options', () => {
	it('a value the field offers, trimmed', () => {
		expect(readField(onTimeout, 'error')).toBe('error');
		expect(readField(onTimeout, ' error ')).toBe('error');
		expect(readField(onTimeout, undefined)).toBe('emit');
	});

	it.each([['skip'], ['Error'], ['Fail'], [''], [1]])(
		'%j is refused, listing the values it can take',
		(value) => {
			expect(refusal(onTimeout, value)).toBe(
				`On Timeout must be one of "emit", "error", not ${JSON.stringify(value)}.`,
			);
		},
	);
});

describe('multi-options', () => {
	it.each([
		[
			['audio', 'video'],
			['audio', 'video'],
		],
		['audio', ['audio']],
		['audio, video', ['audio', 'video']],
		['audio,,video,', ['audio', 'video']],
		[['audio', 'audio', ' audio'], ['audio']],
		[[], []],
		['', []],
		[undefined, []],
	])('%j is %j', (value, expected) => {
		expect(readField(downloadFiles, value)).toEqual(expected);
	});

	it('one value it does not offer refuses the whole list, naming that value', () => {
		expect(refusal(downloadFiles, 'audio, mp3')).toBe(
			'Download Files must be one of "audio", "image", "video", not " mp3".',
		);
	});

	it.each([[{ audio: true }], [3], [['audio', null]]])('%j is not a list', (value) => {
		expect(refusal(downloadFiles, value)).toBe(
			`Download Files must be a list of audio, image, video, not ${JSON.stringify(value)}.`,
		);
	});
});

describe('names and JSON', () => {
	it('a name is trimmed; blank is the default', () => {
		expect(readField(property, ' song ')).toBe('song');
		expect(readField(property, '  ')).toBe('audio');
		expect(refusal(property, 5)).toBe('Put Audio in Field must be text, not 5.');
	});

	it('a JSON object given as text or as an object', () => {
		expect(readField(bodyFields, '{"negative_tags": "metal"}')).toEqual({ negative_tags: 'metal' });
		expect(readField(bodyFields, { a: 1 })).toEqual({ a: 1 });
		expect(readField(bodyFields, ' ')).toEqual({});
	});

	it('long numbers in its text keep every digit', () => {
		expect(readField(bodyFields, '{"seed": 12345678901234567891}')).toEqual({
			seed: '12345678901234567891',
		});
	});

	it('a number past 2^53 in an expression’s object is refused: it was rounded on the way', () => {
		expect(refusal(bodyFields, { seed: 2 ** 64 })).toMatch(
			/^Extra Body Fields holds a number past 2\^53, which the expression rounded/,
		);
		expect(refusal(bodyFields, { deep: [{ seed: -(Number.MAX_SAFE_INTEGER + 2) }] })).toMatch(
			/past 2\^53/,
		);
		expect(readField(bodyFields, { seed: 9007199254740991 })).toEqual({ seed: 9007199254740991 });
	});

	it.each([
		['{"a": ', 'Extra Body Fields is not valid JSON: {"a": '],
		[
			'[1]',
			'Extra Body Fields must be a JSON object such as {"negative_tags": "metal"}, not "[1]".',
		],
		[
			'"text"',
			'Extra Body Fields must be a JSON object such as {"negative_tags": "metal"}, not "\\"text\\"".',
		],
	])('%j is refused', (value, message) => {
		expect(refusal(bodyFields, value)).toBe(message);
	});
});
