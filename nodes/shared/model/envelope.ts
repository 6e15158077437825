/**
 * An answer's body and envelope: parsed when it came as text, and the provider's error when the
 * envelope reports one. Never throws to its callers except `parseBody`, whose message a user reads.
 */
import { providerErrorOf } from './errors';
import type { ProviderObject } from './task';
import { isObject, NOT_JSON, parseJson } from './values';

/** Why a response holds no tasks: the provider's error envelope, or a body we cannot read. */
export interface ResponseProblem {
	message: string;
	code: string | null;
}

/** A body that cannot be read, with the message a user reads and the provider's code if any. */
export class Unreadable extends Error {
	constructor(
		message: string,
		readonly code: string | null = null,
	) {
		super(message);
	}
}

function isSuccessCode(code: unknown): boolean {
	if (code === undefined || code === null) return true;
	if (typeof code === 'number') return code === 200 || code === 0;
	if (typeof code === 'string')
		return ['success', 'ok', '200', '0', ''].includes(code.trim().toLowerCase());
	return false;
}

/**
 * The provider's error in an answer's envelope, or null when it reports success. Error shapes:
 * new-api's `{error: {…}}`, an envelope code other than success, one-api's `{success: false,
 * message}`, a bare `{error: "text"}`.
 */
export function envelopeProblem(parsed: ProviderObject): ResponseProblem | null {
	if (
		isObject(parsed.error) ||
		(typeof parsed.error === 'string' && parsed.error.trim() !== '') ||
		parsed.success === false ||
		!isSuccessCode(parsed.code)
	) {
		const { code, message } = providerErrorOf(parsed);
		return {
			message: message ?? `The provider answered with code "${code ?? String(parsed.code)}".`,
			code,
		};
	}
	return null;
}

/**
 * Bodies come as text from the transport (parsed here, off the request path), or already parsed.
 * An empty or non-JSON body throws, with the message a user reads.
 */
export function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	const trimmed = body.trim();
	if (trimmed === '') throw new Unreadable('The provider answered with an empty body.');
	const parsed = parseJson(trimmed);
	if (parsed === NOT_JSON) {
		const preview = trimmed.slice(0, 120).replace(/\s+/g, ' ');
		throw new Unreadable(`The provider answered with something that is not JSON: "${preview}"`);
	}
	return parsed;
}

/** The body as JSON, or the problem that it is not (quoted for the user); it never throws. */
export function readJson(body: unknown): { json: unknown } | { problem: ResponseProblem } {
	try {
		return { json: parseBody(body) };
	} catch (error) {
		return { problem: { message: (error as Error).message, code: null } };
	}
}

/** The body as a JSON object, or the problem that it is not one. */
export function parseObject(
	body: unknown,
): { object: ProviderObject } | { problem: ResponseProblem } {
	const read = readJson(body);
	if ('problem' in read) return read;
	const parsed = read.json;
	return isObject(parsed)
		? { object: parsed }
		: {
				problem: { message: 'The provider answered with JSON that is not an object.', code: null },
			};
}
