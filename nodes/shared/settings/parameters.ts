/**
 * Parameter values as n8n hands them over: typed when set in the editor, but often text when an
 * expression or an upstream Set node gives them ("0", "false", "audio, video"). Each reader takes
 * both, and anything else is a `ParameterError` that names the field — never a silent default.
 * Pure: a ParameterError is a SunoFailure (failure.ts), code INVALID_PARAMETER.
 */
import type { INodeProperties } from 'n8n-workflow';

import { SunoFailure } from '../failure';
import { holdsUnsafeNumber, NOT_JSON, parseJson, quoted } from '../model/values';

/** A value a field cannot take: the message names the field. */
export class ParameterError extends SunoFailure {
	constructor(message: string) {
		super(message, {
			code: 'INVALID_PARAMETER',
			description: 'Fix the value in the node, or the expression that gives it.',
		});
	}
}

/** A field's value as its error quotes it: as JSON, and cut short (a pasted body can be huge). */
export const shown = (value: unknown) => quoted(JSON.stringify(value));

const isUnset = (value: unknown) => value === undefined || value === null;

function readNumber(
	value: unknown,
	field: string,
	rule: { fallback: number; min: number; max?: number; whole?: boolean },
): number {
	if (isUnset(value)) return rule.fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new ParameterError(`${field} must be a number, not ${shown(value)}.`);
	}
	const range = rule.max === undefined ? `at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
	if (number < rule.min || (rule.max !== undefined && number > rule.max)) {
		throw new ParameterError(`${field} must be ${range} (it is ${number}).`);
	}
	if (rule.whole && !Number.isInteger(number)) {
		throw new ParameterError(`${field} must be a whole number (it is ${number}).`);
	}
	return number;
}

function readBoolean(value: unknown, field: string, fallback: boolean): boolean {
	if (isUnset(value)) return fallback;
	if (typeof value === 'boolean') return value;
	const word = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (word === 'true') return true;
	if (word === 'false') return false;
	throw new ParameterError(`${field} must be true or false, not ${shown(value)}.`);
}

function readOption<T extends string>(
	value: unknown,
	field: string,
	allowed: readonly T[],
	fallback: T,
): T {
	if (isUnset(value)) return fallback;
	const word = typeof value === 'string' ? value.trim() : value;
	const found = allowed.find((option) => option === word);
	if (found !== undefined) return found;
	throw new ParameterError(
		`${field} must be one of ${allowed.map((option) => JSON.stringify(option)).join(', ')}, not ${shown(value)}.`,
	);
}

/** A multi-option as a list, or as text separated by commas (an expression's usual answer). */
function readOptions<T extends string>(value: unknown, field: string, allowed: readonly T[]): T[] {
	if (isUnset(value) || value === '') return [];
	const words =
		typeof value === 'string' ? value.split(',').filter((word) => word.trim() !== '') : value;
	if (!Array.isArray(words) || words.some(isUnset)) {
		throw new ParameterError(
			`${field} must be a list of ${allowed.join(', ')}, not ${shown(value)}.`,
		);
	}
	return [...new Set(words.map((word) => readOption(word, field, allowed, allowed[0])))];
}

/** A name (e.g. a binary property): text, trimmed; empty means the default. */
function readName(value: unknown, field: string, fallback: string): string {
	if (isUnset(value)) return fallback;
	if (typeof value !== 'string')
		throw new ParameterError(`${field} must be text, not ${shown(value)}.`);
	return value.trim() === '' ? fallback : value.trim();
}

/** A JSON object, given as one or as its text (the editor's JSON field gives text). */
function readJsonObject(value: unknown, field: string): Record<string, unknown> {
	if (isUnset(value) || (typeof value === 'string' && value.trim() === '')) return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		parsed = parseJson(value);
		if (parsed === NOT_JSON)
			throw new ParameterError(`${field} is not valid JSON: ${quoted(value)}`);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new ParameterError(
			`${field} must be a JSON object such as {"negative_tags": "metal"}, not ${shown(value)}.`,
		);
	}
	// Its text keeps a long integer's digits (parseJson); an expression's object has rounded it.
	if (typeof value !== 'string' && holdsUnsafeNumber(parsed)) {
		throw new ParameterError(
			`${field} holds a number past 2^53, which the expression rounded before it reached the node: it would be sent as another number. Give it as text ("12345678901234567891"), or write the JSON in the field itself.`,
		);
	}
	return parsed as Record<string, unknown>;
}

/**
 * A value read as its field's definition says: the type, range (`minValue`, `maxValue`, whole
 * numbers for `numberPrecision: 0`), choices and default all come from the field, and messages
 * name it by its display name. So the editor and the node can never disagree.
 */
export function readField(field: INodeProperties, value: unknown): unknown {
	const label = field.displayName;
	const choices = () =>
		(field.options ?? []).map((option) => String((option as { value: unknown }).value));
	switch (field.type) {
		case 'number': {
			const { minValue = -Infinity, maxValue, numberPrecision } = field.typeOptions ?? {};
			return readNumber(value, label, {
				fallback: field.default as number,
				min: minValue,
				max: maxValue,
				whole: numberPrecision === 0,
			});
		}
		case 'boolean':
			return readBoolean(value, label, field.default as boolean);
		case 'options':
			return readOption(value, label, choices(), field.default as string);
		case 'multiOptions':
			return readOptions(value, label, choices());
		case 'json':
			return readJsonObject(value, label);
		default:
			return readName(value, label, field.default as string);
	}
}
