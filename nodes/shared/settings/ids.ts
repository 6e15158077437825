/**
 * Task and clip ids from what a user typed or an expression produced, checked with messages that
 * name the field. Pure: a bad value is a `ParameterError` (a SunoFailure), which only
 * engine/n8nErrors.ts turns into n8n's error.
 */
import { cut } from '../model/values';

import { ParameterError } from './parameters';

/** Commas and semicolons, also as a Chinese or Japanese keyboard types them, and white space. */
const SEPARATORS = /[\s,;\uFF0C\u3001\uFF1B]+/;
/** Quotes, also typographic ones, and the invisible characters a copy from a chat app brings. */
const WRAPPING =
	/^["'`\u2018\u2019\u201C\u201D\u201E\u00AB\u00BB\u300C\u300D\u200B-\u200D\u2060\uFEFF]+|["'`\u2018\u2019\u201C\u201D\u201E\u00AB\u00BB\u300C\u300D\u200B-\u200D\u2060\uFEFF]+$/g;

function cleanId(value: string): string {
	return value.trim().replace(WRAPPING, '').trim();
}

/**
 * An id an expression gave as a number. An integer past 2^53 (a snowflake id read as a JSON number
 * upstream) was rounded before it got here: fetched, it would name another task or none.
 */
function numericId(value: number, field: string): string {
	if (!Number.isInteger(value) || Number.isSafeInteger(value)) return String(value);
	throw new ParameterError(
		`${field} holds the number ${String(value)}, past 2^53: it was rounded before it reached the node, so it is not the task's ID. Keep the ID as text from where it comes (a quoted JSON string, or the provider's answer read as text).`,
	);
}

function splitText(value: string): string[] {
	return value
		.split(SEPARATORS)
		.map(cleanId)
		.filter((id) => id !== '');
}

/**
 * A JSON list handed over as text (`'["a","b"]'`, as a Set node or a webhook body often gives it),
 * as that list; null when the text is not one.
 */
function jsonList(value: string, field: string): unknown[] | null {
	const text = value.trim();
	if (!text.startsWith('[') || !text.endsWith(']')) return null;
	try {
		// Bare numbers become text first: JSON.parse would round an id like 12345678901234567890.
		const parsed: unknown = JSON.parse(
			text.replace(/([[,]\s*)(-?\d[\d.eE+-]*)(?=\s*[,\]])/g, '$1"$2"'),
		);
		if (Array.isArray(parsed)) return parsed;
	} catch {
		// Task ids never hold brackets: text in brackets that is not JSON is a broken list.
	}
	throw new ParameterError(
		`${field} looks like a list ("${cut(text, 60)}") but is not valid JSON. Give it as ["id1", "id2"], as ids separated by commas, or as an expression that gives a list.`,
	);
}

/**
 * Ids separated by commas, spaces or new lines, a JSON list as text, a number, or an array of
 * these, to a de-duplicated list in the order given; none, or anything else, is a ParameterError
 * that names the field.
 */
export function parseTaskIds(value: unknown, field: string): string[] {
	let ids: string[];
	const list = typeof value === 'string' ? jsonList(value, field) : null;
	if (list) {
		ids = parseTaskIds(list, field);
	} else if (typeof value === 'string') {
		ids = splitText(value);
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		ids = [numericId(value, field)];
	} else if (Array.isArray(value)) {
		ids = value.flatMap((entry, position) => {
			if (typeof entry === 'string') return splitText(entry);
			if (typeof entry === 'number' && Number.isFinite(entry)) return [numericId(entry, field)];
			const kind = Array.isArray(entry) ? 'a nested array' : entry === null ? 'null' : typeof entry;
			throw new ParameterError(
				`${field}: entry ${position + 1} of the list is ${kind}, not a task id. Give a list of id strings, e.g. {{ $json.ids }} or {{ $json.tasks.map(t => t.id) }}.`,
			);
		});
	} else {
		const kind = value === null || value === undefined ? 'empty' : typeof value;
		throw new ParameterError(
			`${field} is ${kind}. Enter task ids separated by commas or new lines, or an expression that gives a list of ids.`,
		);
	}
	if (ids.length === 0) {
		throw new ParameterError(
			`${field} holds no task id. Enter at least one id, e.g. 346c5d10-a4a1-4f49-a851-66a7dae6cfaf.`,
		);
	}
	// Gateways' ids are UUIDs or `task_…`: a much longer "id" is text pasted into the wrong field.
	const long = ids.find((id) => id.length > MAX_ID_LENGTH);
	if (long !== undefined) {
		throw new ParameterError(
			`${field} holds a value ${long.length} characters long ("${cut(long, 40)}"), not an ID: IDs are at most ${MAX_ID_LENGTH}.`,
		);
	}
	return [...new Set(ids)];
}

const MAX_ID_LENGTH = 200;

/** Ids that each go into a URL path: none may be a path step of its own. */
export function parsePathIds(value: unknown, field: string): string[] {
	const ids = parseTaskIds(value, field);
	const step = ids.find((id) => id === '.' || id === '..');
	if (step !== undefined) throw new ParameterError(`${field} "${step}" is not an ID.`);
	return ids;
}

/** One id for the single-task GET: it goes into the URL path, so it must stay one path segment. */
export function parseSingleTaskId(
	value: unknown,
	field: string,
	forSeveral = 'Use the Get Many Tasks operation for several tasks.',
): string {
	const ids = parsePathIds(value, field);
	if (ids.length > 1) {
		throw new ParameterError(
			`${field} holds ${ids.length} ids (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}). ${forSeveral}`,
		);
	}
	return ids[0];
}
