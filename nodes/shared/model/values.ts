/**
 * Reading values the way providers send them: numbers as text, times as Unix seconds, milliseconds
 * or ISO strings, progress as "55%", word lists, JSON whose long integer ids must keep every
 * digit; a text cut for a message (`cut`, `quoted`); grouping (`addTo`). Pure; nothing here knows
 * about n8n. Masking the key is mask.ts's.
 */
import type { ProviderObject } from './task';

export function isObject(value: unknown): value is ProviderObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function text(value: unknown): string | null {
	if (typeof value === 'string') return value === '' ? null : value;
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return null;
}

/** A file URL; a blank one (`" "`) is no URL, not the gateway's own address. */
export function link(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function numberOrNull(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Number(value);
		return Number.isFinite(parsed) ? parsed : null;
	}
	return null;
}

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/**
 * Below this a Unix time is in seconds, from it in milliseconds: 1e11 s is the year 5138, 1e11 ms
 * is 1973. Gateways send either, even in one task (new-api's official Suno channel sets
 * `finish_time` in milliseconds beside its own `submit_time` in seconds).
 */
const FIRST_MILLISECOND_TIME = 1e11;

/** A Unix time in seconds or milliseconds, told apart by its size, in milliseconds. */
export function epochMs(time: number): number {
	return time < FIRST_MILLISECOND_TIME ? time * 1000 : time;
}

/** Unix seconds (or milliseconds, or an ISO string) to ISO 8601; 0 means "not yet" and is null. */
export function toIsoTime(value: unknown): string | null {
	if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value; // already what Date would give
	if (value === 0 || value === null || value === undefined || value === '') return null;
	const time = numberOrNull(value);
	if (time !== null) {
		if (time <= 0) return null;
		const date = new Date(epochMs(time));
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	if (typeof value === 'string' && value.trim() !== '') {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	return null;
}

/** A list of words (`["pop", "80s"]`) as one text, "pop, 80s"; a text as it is. */
export function wordList(value: unknown): string | null {
	if (!Array.isArray(value)) return text(value);
	const joined = value.filter((word) => typeof word === 'string' && word !== '').join(', ');
	return joined === '' ? null : joined;
}

/** "0%", "100%", 100 or "55" to a number 0–100; anything else is null. */
export function toProgress(value: unknown): number | null {
	const parsed = numberOrNull(typeof value === 'string' ? value.replace('%', '') : value);
	if (parsed === null) return null;
	return Math.min(100, Math.max(0, parsed));
}

/** What `cut` ends a text with: `redact` masks a key cut short before it. */
export const CUT = '…';

/** `text` cut after `max` characters, the cut marked: every message cuts what it quotes so. */
export function cut(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}${CUT}` : text;
}

/**
 * A value as a message quotes it: text as it is, anything else as JSON with each text in it cut
 * after 100 characters (an ID after a long message still shows) and nesting past 8 levels left
 * out (no answer is too deep to quote); the whole cut after 300 characters.
 */
export function quoted(value: unknown): string {
	return cut(typeof value === 'string' ? value : compactJson(value, 8), 300);
}

function compactJson(value: unknown, levels: number): string {
	if (typeof value === 'string') return JSON.stringify(cut(value, 100));
	if (value === null || typeof value !== 'object') return String(JSON.stringify(value));
	if (levels === 0) return CUT;
	if (Array.isArray(value))
		return `[${value.map((inner: unknown) => compactJson(inner, levels - 1)).join(',')}]`;
	const fields = Object.entries(value).map(
		([key, inner]) => `${JSON.stringify(key)}:${compactJson(inner, levels - 1)}`,
	);
	return `{${fields.join(',')}}`;
}

export const NOT_JSON = Symbol('not JSON');

/**
 * A JSON string, or an integer too long for a JavaScript number outside one: the string is kept as
 * it is, and the integer (a snowflake id, `12345678901234567891`) becomes text, digit for digit.
 */
const STRING_OR_LONG_INTEGER = /"[^"\\]*(?:\\[\s\S][^"\\]*)*"|(?<![\w.+-])-?\d{16,}(?![\w.])/g;

/** `text` with every integer beyond 2^53 quoted, so that parsing keeps all its digits. */
function longIntegersAsText(text: string): string {
	return text.replace(STRING_OR_LONG_INTEGER, (token) =>
		token.startsWith('"') || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
	);
}

/**
 * JSON text parsed, or NOT_JSON. An integer JavaScript would round (an id sent as a number,
 * `"task_id": 12345678901234567891`) comes back as text with every digit: ids are compared as
 * text, and a rounded one would name another task.
 */
export function parseJson(text: string): unknown {
	try {
		// Parsed once; again, with long integers as text, only if a number came out rounded (rare,
		// and scanning every answer's text for them first cost as much as parsing it).
		const value: unknown = JSON.parse(text);
		return holdsUnsafeNumber(value) ? JSON.parse(longIntegersAsText(text)) : value;
	} catch {
		return NOT_JSON;
	}
}

/**
 * Whether a number in `value` is beyond 2^53, where JavaScript may have rounded it. Walked with a
 * list, not recursion (as fast: primitives are checked without a push): JSON.parse takes nesting
 * deeper than the call stack, and a paid answer's task ID must not be lost to a RangeError read as
 * "not JSON".
 */
export function holdsUnsafeNumber(value: unknown): boolean {
	const unsafe = (number: number) => Math.abs(number) > Number.MAX_SAFE_INTEGER;
	if (typeof value === 'number') return unsafe(value);
	const pending = [value];
	while (pending.length > 0) {
		const next = pending.pop();
		if (next === null || typeof next !== 'object') continue;
		for (const key in next) {
			const inner = (next as Record<string, unknown>)[key];
			if (typeof inner === 'number' && unsafe(inner)) return true;
			if (typeof inner === 'object') pending.push(inner);
		}
	}
	return false;
}

/** `value` added to `key`'s group, in place: linear, where copying the group would be quadratic. */
export function addTo<K, V>(groups: Map<K, V[]>, key: K, value: V): void {
	const group = groups.get(key);
	if (group) group.push(value);
	else groups.set(key, [value]);
}
