/**
 * A submit's answer (suno-api.md §1.8) read into the task ID it created: before 2026 the gateway
 * passes the upstream's `{code: "success", data: "<upstream id>"}` through; since then it answers
 * `{code, message, data: "task_…"}`. Some relays wrap the id as `{task_id}` or `{id}`. Anything
 * else is a problem, quoted, never a guess. Also what a paid request sends. Pure; nothing here
 * knows about n8n.
 */
import type { IDataObject } from 'n8n-workflow';

import { SunoFailure } from '../failure';
import { envelopeProblem, parseObject, type ResponseProblem } from './normalise';
import type { FileType } from './results';
import { isObject, quoted, text } from './values';

/** Where a paid request goes: a body to a POST route, or a clip's file (`GET /suno/act/…`). */
export type PaidCall =
	| { route: keyof typeof POST_ROUTES; body: IDataObject }
	| { route: FileType; clipId: string };

export const POST_ROUTES = {
	music: '/suno/submit/music',
	lyrics: '/suno/submit/lyrics',
	concat: '/suno/submit/concat',
	upload: '/suno/uploads/audio-url',
	persona: '/suno/persona/create',
};

const UNSENDABLE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A key as Go's JSON decoder matches it: any case, and its fold ſ for s (K, Kelvin, lowers to k). */
const goFolded = (key: string) => key.toLowerCase().replace(/\u017f/g, 's');

/** `call` with Extra Body Fields, which may add fields but not replace one. */
export function withBodyFields(call: PaidCall, extra: IDataObject): PaidCall {
	const refuse = (message: string) =>
		new SunoFailure(message, {
			code: 'INVALID_PARAMETER',
			description: 'Fix the value in the node, or the expression that gives it.',
		});
	if (!('body' in call)) {
		if (Object.keys(extra).length === 0) return call;
		throw refuse(
			'Extra Body Fields cannot be sent: this operation is a GET and has no body. Empty it.',
		);
	}
	// n8n's request copies the body without these keys: the request would not be what was asked.
	const dropped = Object.keys(extra).find((key) => UNSENDABLE_KEYS.has(key));
	if (dropped !== undefined) {
		throw refuse(
			`Extra Body Fields holds the key "${dropped}", which cannot be sent: rename or remove it.`,
		);
	}
	// Gateways decode JSON as Go does, matching keys without regard to case: "MV" would replace mv.
	const sent = new Set(Object.keys(call.body).map(goFolded));
	const clash = Object.keys(extra).find((key) => sent.has(goFolded(key)));
	if (clash !== undefined) {
		throw refuse(
			`Extra Body Fields sets "${clash}", which the node already sends from its own fields: set it there (an expression can give any value).`,
		);
	}
	return { ...call, body: { ...call.body, ...extra } };
}

export type SubmitAnswer =
	| { taskId: string; message: string | null }
	| { problem: ResponseProblem };

/** A file that came with a paid answer: where to download it, or its bytes. */
export type PaidFile = { url: string } | { bytes: Buffer; mimeType: string };

/** A paid request's answer: a task to wait for, the result itself, or a problem quoted from it. */
export type PaidAnswer = SubmitAnswer | { result: { [key: string]: unknown }; file?: PaidFile };

/**
 * The task ID in an answer's `data`: the value itself, or its `task_id`, `taskId` or `id` (a long
 * number arrives as text, every digit kept: values.ts). Null when there is none.
 */
function taskIdIn(data: unknown): string | null {
	// Each spelling in turn: a blank one is no ID, and must not hide the next.
	const spellings = isObject(data) ? [data.task_id, data.taskId, data.id] : [data];
	for (const spelling of spellings) {
		const id = text(spelling)?.trim();
		if (id) return id;
	}
	return null;
}

export function readSubmitAnswer(body: unknown): SubmitAnswer {
	const read = parseObject(body);
	if ('problem' in read) return read;
	const parsed = read.object;
	const problem = envelopeProblem(parsed);
	const taskId = taskIdIn(parsed.data);
	if (problem) {
		// An error that still names an id: say so, the task may be real.
		const named = taskId ? ` The answer names the task ID ${taskId}.` : '';
		return { problem: { ...problem, message: `${problem.message}${named}` } };
	}
	if (taskId === null) {
		return {
			problem: { message: `The provider's answer holds no task ID: ${quoted(parsed)}`, code: null },
		};
	}
	return { taskId, message: text(parsed.message) };
}
