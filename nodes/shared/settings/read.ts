/**
 * Reading the shared fields: each value checked against its definition in fields.ts (type, range,
 * choices, default), so a value from an expression is taken as n8n gives it ("0", "false") or
 * refused with a message naming the field.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SunoFailure } from '../failure';
import { FILE_KIND_NAMES, type FileKind } from '../model/files';
import type { RequestPolicy } from '../transport/retry';
import { ParameterError, readField, shown } from './parameters';

/** Per input item: how its tasks become items. */
export interface OutputOptions {
	simplify: boolean;
	onMissing: 'emit' | 'error';
}

/** For the whole run, read from the first item: how tasks are fetched and waited for. */
export interface FetchSettings {
	batchSize: number;
	concurrency: number;
	policy: RequestPolicy;
	wait: { intervalMs: number; maxWaitMs: number; onTimeout: 'emit' | 'error' } | null;
	/** As a tool (an AI agent's or MCP client's call): when the answer must be out, epoch ms. */
	answerBy: number | null;
}

interface DownloadSettings {
	kinds: FileKind[];
	properties: Record<FileKind, string>;
	maxBytes: number;
}

/** A node's engine fields (fields.ts) by name, and which of them sit in its Options collection. */
export interface FieldSet {
	byName: Map<string, INodeProperties>;
	inOptions: Set<string>;
}

export function fieldSet(properties: INodeProperties[]): FieldSet {
	const options = (properties.find((field) => field.name === 'options')?.options ??
		[]) as INodeProperties[];
	return {
		byName: new Map([...properties, ...options].map((field) => [field.name, field])),
		inOptions: new Set(options.map((field) => field.name)),
	};
}

/**
 * Reads fields of one item, each checked against its definition (`readField`); a value its field
 * cannot take fails the item with a message naming the field.
 */
export function fieldReader(context: IExecuteFunctions, fields: FieldSet, itemIndex: number) {
	let options: IDataObject | undefined;
	const optionsOf = () => {
		const value = context.getNodeParameter('options', itemIndex, {}) as unknown;
		if (
			value !== null &&
			value !== undefined &&
			(typeof value !== 'object' || Array.isArray(value))
		) {
			throw new ParameterError(`Options must be an object, not ${shown(value)}.`);
		}
		return (value ?? {}) as IDataObject;
	};
	return <T>(name: string): T => {
		try {
			const value = fields.inOptions.has(name)
				? (options ??= optionsOf())[name]
				: context.getNodeParameter(name, itemIndex, null);
			return readField(fields.byName.get(name)!, value) as T;
		} catch (error) {
			throw parameterFailure(error, itemIndex);
		}
	};
}

/** A value a field cannot take, as the item's failure; anything else (n8n's own) as it is. */
export function parameterFailure(error: unknown, itemIndex: number): unknown {
	return error instanceof SunoFailure && error.itemIndex === undefined
		? error.with({ itemIndex })
		: error;
}

/** Per input item: how its tasks become items. */
export function readOutputOptions(
	this: IExecuteFunctions,
	fields: FieldSet,
	itemIndex: number,
): OutputOptions {
	const read = fieldReader(this, fields, itemIndex);
	return { simplify: read('simplify'), onMissing: read('onMissing') };
}

/** Everything read once per run, from the first item: the items share the requests. */
export interface RunSettings {
	fetch: FetchSettings;
	download: DownloadSettings;
	/** As a tool: Download Files was set, yet nothing is downloaded (binary data never reaches the caller). */
	downloadsSkipped: boolean;
}

/**
 * Whether the node runs as a tool of an AI agent or an MCP client. n8n says so through
 * `isToolExecution()` when the tool is called as a sub-node (MCP Server Trigger); where the AI
 * Agent runs its tools as workflow nodes it says false there, and the node's type is the tool
 * variant n8n made of it, whose name n8n ends in "Tool" (its own test, `isToolType`).
 */
export function runsAsTool(context: IExecuteFunctions): boolean {
	if (context.isToolExecution?.() === true) return true;
	return /Tool$/.test(context.getNode().type.split('.').pop() ?? '');
}

export function readRunSettings(this: IExecuteFunctions, fields: FieldSet): RunSettings {
	const read = fieldReader(this, fields, 0);
	const waiting = read<boolean>('waitForCompletion');
	const kinds = read<FileKind[]>('downloadFiles');
	const properties = Object.fromEntries(
		FILE_KIND_NAMES.map((kind) => [kind, read<string>(`${kind}Property`)]),
	) as Record<FileKind, string>;
	// Two files in one binary field: the second would silently replace the first.
	const taken = new Map<string, FileKind>();
	for (const kind of kinds) {
		const other = taken.get(properties[kind]);
		if (other) {
			const label = (name: FileKind) => fields.byName.get(`${name}Property`)!.displayName;
			throw new SunoFailure(`${label(other)} and ${label(kind)} are both "${properties[kind]}".`, {
				code: 'INVALID_PARAMETER',
				itemIndex: 0,
				description:
					'Each file needs a field of its own, or one would replace the other: give them different names.',
			});
		}
		taken.set(properties[kind], kind);
	}
	// As a tool the clock starts now: the answer is due within Tool Time Limit.
	const toolLimitMs = runsAsTool(this) ? read<number>('toolTimeLimit') * 1000 : null;
	const timeoutMs = read<number>('timeout') * 1000;
	const answerBy = toolLimitMs === null ? null : Date.now() + toolLimitMs;
	return {
		fetch: {
			batchSize: read('batchSize'),
			concurrency: read('concurrency'),
			// No single request may outlast the tool's time, nor any Retry-After (a submit's too) be
			// waited for past it.
			policy: {
				retries: read('retries'),
				timeoutMs: Math.min(timeoutMs, toolLimitMs ?? Infinity),
				...(answerBy === null ? {} : { deadline: answerBy }),
			},
			wait: waiting
				? {
						intervalMs: read<number>('pollInterval') * 1000,
						maxWaitMs: read<number>('maxWait') * 60_000,
						onTimeout: read('onTimeout'),
					}
				: null,
			answerBy,
		},
		// A tool's caller gets no binary data: the files' URLs are in the answer instead.
		download: {
			kinds: toolLimitMs === null ? kinds : [],
			properties,
			maxBytes: read<number>('maxFileSize') * 1e6,
		},
		downloadsSkipped: toolLimitMs !== null && kinds.length > 0,
	};
}
