/**
 * Reading values the way providers send them: numbers as text, times as Unix seconds, milliseconds
 * or ISO strings, progress as "55%". Pure; nothing here knows about n8n.
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

/** Unix seconds (or milliseconds, or an ISO string) to ISO 8601; 0 means "not yet" and is null. */
export function toIsoTime(value: unknown): string | null {
	if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value; // already what Date would give
	if (value === 0 || value === null || value === undefined || value === '') return null;
	const seconds = numberOrNull(value);
	if (seconds !== null) {
		if (seconds <= 0) return null;
		const ms = seconds < 1e11 ? seconds * 1000 : seconds;
		const date = new Date(ms);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	if (typeof value === 'string' && value.trim() !== '') {
		const date = new Date(value);
		return Number.isNaN(date.getTime()) ? null : date.toISOString();
	}
	return null;
}

/** "0%", "100%", 100 or "55" to a number 0–100; anything else is null. */
export function toProgress(value: unknown): number | null {
	const parsed = numberOrNull(typeof value === 'string' ? value.replace('%', '') : value);
	if (parsed === null) return null;
	return Math.min(100, Math.max(0, parsed));
}

export const NOT_JSON = Symbol('not JSON');

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

/**
 * An id as text, with every digit when the provider sent a number too long for JavaScript
 * (`"data": 12345678901234567890`): read from the answer's text under `key`.
 */
export function exactId(body: unknown, key: string, value: unknown): string | null {
	if (typeof value === 'number' && !Number.isSafeInteger(value) && typeof body === 'string') {
		const digits = new RegExp(`"${key}"\\s*:\\s*(-?\\d+)\\s*[,}]`).exec(body)?.[1];
		if (digits !== undefined) return digits;
	}
	return text(value);
}
