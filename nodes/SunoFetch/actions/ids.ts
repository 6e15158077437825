/**
 * Task ids from what a user typed or an expression produced, checked with messages that name the
 * field. Pure: the caller turns a `TaskIdError` into a NodeOperationError.
 */
export class TaskIdError extends Error {}

const SEPARATORS = /[\s,;]+/;
const QUOTES = /^["'`]+|["'`]+$/g;

function cleanId(value: string): string {
	return value.trim().replace(QUOTES, '').trim();
}

function splitText(value: string): string[] {
	return value
		.split(SEPARATORS)
		.map(cleanId)
		.filter((id) => id !== '');
}

/**
 * A string of ids separated by commas, spaces or new lines, or an array of ids, to a de-duplicated
 * list in the order given.
 */
/**
 * A JSON list handed over as text (`'["a","b"]'`, as a Set node or a webhook body often gives it),
 * as that list; null when the text is not one.
 */
function jsonList(value: string, field: string): unknown[] | null {
	const text = value.trim();
	if (!text.startsWith('[') || !text.endsWith(']')) return null;
	try {
		const parsed: unknown = JSON.parse(text);
		if (Array.isArray(parsed)) return parsed;
	} catch {
		// Task ids never hold brackets: text in brackets that is not JSON is a broken list.
	}
	throw new TaskIdError(
		`${field} looks like a list ("${text.slice(0, 60)}") but is not valid JSON. Give it as ["id1", "id2"], as ids separated by commas, or as an expression that gives a list.`,
	);
}

export function parseTaskIds(value: unknown, field: string): string[] {
	let ids: string[];
	const list = typeof value === 'string' ? jsonList(value, field) : null;
	if (list) {
		ids = parseTaskIds(list, field);
	} else if (typeof value === 'string') {
		ids = splitText(value);
	} else if (typeof value === 'number' && Number.isFinite(value)) {
		ids = [String(value)];
	} else if (Array.isArray(value)) {
		ids = value.flatMap((entry, position) => {
			if (typeof entry === 'string') return splitText(entry);
			if (typeof entry === 'number' && Number.isFinite(entry)) return [String(entry)];
			const kind = Array.isArray(entry) ? 'a nested array' : entry === null ? 'null' : typeof entry;
			throw new TaskIdError(
				`${field}: entry ${position + 1} of the list is ${kind}, not a task id. Give a list of id strings, e.g. {{ $json.ids }} or {{ $json.tasks.map(t => t.id) }}.`,
			);
		});
	} else {
		const kind = value === null || value === undefined ? 'empty' : typeof value;
		throw new TaskIdError(
			`${field} is ${kind}. Enter task ids separated by commas or new lines, or an expression that gives a list of ids.`,
		);
	}
	if (ids.length === 0) {
		throw new TaskIdError(`${field} holds no task id. Enter at least one id, e.g. 346c5d10-a4a1-4f49-a851-66a7dae6cfaf.`);
	}
	return [...new Set(ids)];
}

/** One id for the single-task GET: it goes into the URL path, so it must stay one path segment. */
export function parseSingleTaskId(value: unknown, field: string): string {
	const ids = parseTaskIds(value, field);
	if (ids.length > 1) {
		throw new TaskIdError(
			`${field} holds ${ids.length} ids (${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', …' : ''}). Use the Get Many operation for several tasks.`,
		);
	}
	const [id] = ids;
	if (id === '.' || id === '..') {
		throw new TaskIdError(`${field} "${id}" is not a task id.`);
	}
	return id;
}
