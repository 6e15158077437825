/** Fields both operations share, their defaults (one home, used by the fields and the readers), and their readers. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { ParameterError, readBoolean, readName, readNumber, readOption, readOptions } from '../helpers/parameters';
import type { RequestPolicy } from '../transport/retry';
import { downloadFields, downloadOptions, FILE_KINDS, type FileKind } from './download';

export const DEFAULTS = {
	simplify: true,
	waitForCompletion: false,
	pollIntervalSeconds: 15,
	maxWaitMinutes: 5,
	onTimeout: 'emit',
	batchSize: 100,
	concurrency: 5,
	retries: 3,
	timeoutSeconds: 60,
	maxFileSizeMb: 500,
	onMissing: 'emit',
} as const;

export const sharedFields: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: DEFAULTS.simplify,
		description:
			'Whether to return one flat item per clip with the task on it (taskId, taskStatus, audioUrl, title, lyrics …) instead of the clip as the provider sent it plus a task object',
	},
	...downloadFields,
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: DEFAULTS.waitForCompletion,
		description:
			'Whether to poll until every task is finished (SUCCESS, FAILURE or NOT_FOUND) before returning. Each round asks only for the unfinished tasks.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULTS.pollIntervalSeconds,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'Seconds between rounds. Gateways refresh their tasks from Suno every 15 seconds, so polling faster only costs requests.',
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: DEFAULTS.maxWaitMinutes,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'How long to wait at most. The node holds the execution while it waits: for longer waits use a Wait node loop or a schedule.',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		displayOptions: { show: { waitForCompletion: [true] } },
		options: [
			{
				name: 'Output Tasks as They Are',
				value: 'emit',
				description: 'Return the unfinished tasks with their current status, and a hint naming them',
			},
			{
				name: 'Fail',
				value: 'error',
				description: 'Stop with an error that names the unfinished tasks',
			},
		],
		default: DEFAULTS.onTimeout,
		description: 'What to do when tasks are still unfinished after Max Wait. Tasks are never resubmitted.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Batch Size',
				name: 'batchSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 1000 },
				default: DEFAULTS.batchSize,
				description:
					'Task IDs per request (Get Many). One-hub gateways return at most 100 tasks per request.',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: DEFAULTS.concurrency,
				description: 'How many requests may be in flight at once',
			},
			...downloadOptions,
			{
				displayName: 'On Missing Task',
				name: 'onMissing',
				type: 'options',
				options: [
					{
						name: 'Output a NOT_FOUND Item',
						value: 'emit',
						description: 'Each unknown ID becomes an item with taskStatus NOT_FOUND',
					},
					{
						name: 'Fail',
						value: 'error',
						description: 'Stop with an error that names the unknown IDs',
					},
				],
				default: DEFAULTS.onMissing,
				description: 'What to do with an ID the provider does not know (a typo, or a task of another account)',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULTS.timeoutSeconds,
				description: 'How long one request may take before it counts as failed (and is retried)',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: DEFAULTS.retries,
				description:
					'How often to repeat a request that met a rate limit (429, after its Retry-After), a server error (5xx) or a network error. Fetching only reads, so this is always safe.',
			},
		],
	},
];

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
}

const OUTCOME_CHOICES = ['emit', 'error'] as const;

/** The Options collection, checked to be an object (an expression may give anything). */
function optionsOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const options = this.getNodeParameter('options', itemIndex, {}) as unknown;
	if (options === null || options === undefined) return {};
	if (typeof options !== 'object' || Array.isArray(options)) {
		throw new ParameterError(`Options must be an object, not ${JSON.stringify(options)}.`);
	}
	return options as IDataObject;
}

/** Runs `read` and turns a ParameterError into the item's NodeOperationError. */
function checked<T>(context: IExecuteFunctions, itemIndex: number, read: () => T): T {
	try {
		return read();
	} catch (error) {
		if (!(error instanceof ParameterError)) throw error;
		throw new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: 'Fix the value in the node, or the expression that gives it.',
		});
	}
}

export function readOutputOptions(this: IExecuteFunctions, itemIndex: number): OutputOptions {
	return checked(this, itemIndex, () => ({
		simplify: readBoolean(this.getNodeParameter('simplify', itemIndex, DEFAULTS.simplify), 'Simplify', DEFAULTS.simplify),
		onMissing: readOption(optionsOf.call(this, itemIndex).onMissing, 'On Missing Task', OUTCOME_CHOICES, DEFAULTS.onMissing),
	}));
}

export function readFetchSettings(this: IExecuteFunctions): FetchSettings {
	return checked(this, 0, () => {
		const options = optionsOf.call(this, 0);
		const parameter = (name: string, fallback: unknown) => this.getNodeParameter(name, 0, fallback) as unknown;
		const waiting = readBoolean(parameter('waitForCompletion', DEFAULTS.waitForCompletion), 'Wait for Completion', DEFAULTS.waitForCompletion);
		return {
			batchSize: readNumber(options.batchSize, 'Batch Size', { fallback: DEFAULTS.batchSize, min: 1, max: 1000, whole: true }),
			concurrency: readNumber(options.concurrency, 'Concurrency', { fallback: DEFAULTS.concurrency, min: 1, max: 20, whole: true }),
			policy: {
				retries: readNumber(options.retries, 'Retries', { fallback: DEFAULTS.retries, min: 0, max: 10, whole: true }),
				timeoutMs: readNumber(options.timeout, 'Request Timeout (Seconds)', { fallback: DEFAULTS.timeoutSeconds, min: 1 }) * 1000,
			},
			wait: waiting
				? {
						intervalMs:
							readNumber(parameter('pollInterval', DEFAULTS.pollIntervalSeconds), 'Poll Interval (Seconds)', {
								fallback: DEFAULTS.pollIntervalSeconds,
								min: 1,
							}) * 1000,
						maxWaitMs:
							readNumber(parameter('maxWait', DEFAULTS.maxWaitMinutes), 'Max Wait (Minutes)', {
								fallback: DEFAULTS.maxWaitMinutes,
								min: 0.1,
							}) * 60_000,
						onTimeout: readOption(parameter('onTimeout', DEFAULTS.onTimeout), 'On Timeout', OUTCOME_CHOICES, DEFAULTS.onTimeout),
					}
				: null,
		};
	});
}

export interface DownloadSettings {
	kinds: FileKind[];
	properties: Record<FileKind, string>;
	maxBytes: number;
}

export function readDownloadSettings(this: IExecuteFunctions): DownloadSettings {
	return checked(this, 0, () => {
		const options = optionsOf.call(this, 0);
		const kinds = Object.keys(FILE_KINDS) as FileKind[];
		const property = (kind: FileKind) =>
			readName(options[`${kind}Property`], `Binary Property (${FILE_KINDS[kind].label})`, FILE_KINDS[kind].property);
		const maxMb = readNumber(options.maxFileSize, 'Max File Size (MB)', { fallback: DEFAULTS.maxFileSizeMb, min: 1 });
		return {
			kinds: readOptions(this.getNodeParameter('downloadFiles', 0, []), 'Download Files', kinds),
			properties: { audio: property('audio'), image: property('image'), imageLarge: property('imageLarge'), video: property('video') },
			maxBytes: maxMb * 1e6,
		};
	});
}
