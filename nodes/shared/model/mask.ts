/**
 * The API key masked as `***` in what the nodes pass on: items, errors, file names. Pure; nothing
 * here knows about n8n.
 */
import { CUT } from './values';

/** Keys shorter than this are not real keys, and masking them would garble ordinary words. */
const MIN_SECRET_LENGTH = 6;
/** The most of a key a cut may leave shown: its first characters (`sk`) say nothing. */
const SHOWN_OF_CUT_KEY = 2;

/**
 * `text` with every copy of `secret` (the API key) masked as `***`: as it is, as a URL carries it
 * (percent-encoded), as JSON text spells it (a `"` or `\` escaped), and cut short by a message
 * that quotes a part (`sk-ab12…`).
 */
export function redact(text: string, secret: string | undefined): string {
	return maskOf(secret)(text);
}

/**
 * A function that masks `secret` in a text (`redact`): what passes provider text on (`masked`,
 * errors). Its spellings are worked out once, as it runs on every text of every item.
 */
export function maskOf(secret: string | undefined): (text: string) => string {
	if (!secret || secret.length < MIN_SECRET_LENGTH) return (text) => text;
	const spellings = [
		...new Set([secret, uriSpelling(secret), JSON.stringify(secret).slice(1, -1)]),
	];
	return (text) => {
		let shown = text;
		for (const copy of spellings) {
			if (shown.includes(copy)) shown = shown.split(copy).join('***');
			if (shown.includes(CUT)) shown = maskedBeforeCuts(shown, copy);
		}
		return shown;
	};
}

/** The key as a URL carries it; itself when it cannot be encoded (a lone surrogate). */
function uriSpelling(secret: string): string {
	try {
		return encodeURIComponent(secret);
	} catch {
		return secret;
	}
}

/**
 * `text` with the start of `copy` that a cut left just before its mark (`sk-ab12…`) masked. Only
 * the text before each mark is compared: lyrics hold "…" too, and are masked on every item.
 */
function maskedBeforeCuts(text: string, copy: string): string {
	let shown = text;
	for (let at = shown.indexOf(CUT); at !== -1; at = shown.indexOf(CUT, at + 1)) {
		for (let length = Math.min(copy.length - 1, at); length > SHOWN_OF_CUT_KEY; length--) {
			if (holdsStartAt(shown, at - length, copy, length)) {
				shown = `${shown.slice(0, at - length)}***${shown.slice(at)}`;
				at += 3 - length;
				break;
			}
		}
	}
	return shown;
}

/** Whether `text` holds the first `length` characters of `copy` at `from` (compared in place). */
function holdsStartAt(text: string, from: number, copy: string, length: number): boolean {
	for (let index = 0; index < length; index++) {
		if (text.charCodeAt(from + index) !== copy.charCodeAt(index)) return false;
	}
	return true;
}

/**
 * A JSON value (an item) as it may be passed on: `mask` applied to every text in it, keys too, for
 * a gateway that puts the key in a clip's URL (signing its files with it) or anywhere else. The
 * value itself when no text changes, which is nearly always: checked without copying anything.
 */
export function masked<T>(value: T, mask: (text: string) => string): T {
	return holdsText(value, (text) => mask(text) !== text) ? maskedCopy(value, mask) : value;
}

function holdsText(value: unknown, test: (text: string) => boolean): boolean {
	if (typeof value === 'string') return test(value);
	if (value === null || typeof value !== 'object') return false;
	for (const key in value) {
		if (test(key) || holdsText((value as Record<string, unknown>)[key], test)) return true;
	}
	return false;
}

function maskedCopy<T>(value: T, mask: (text: string) => string): T {
	if (typeof value === 'string') return mask(value) as T;
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map((inner: unknown) => maskedCopy(inner, mask)) as T;
	const entries = Object.entries(value).map(([key, inner]) => [mask(key), maskedCopy(inner, mask)]);
	return Object.fromEntries(entries) as T;
}
