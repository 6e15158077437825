/** Fields both operations share (with the one home of their defaults) and their readers. */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { ParameterError, readField } from '../helpers/parameters';
import type { RequestPolicy } from '../transport/retry';
import type { FileKind } from '../model/files';


export const downloadFields: INodeProperties[] = [
	{
		displayName: 'Download Files',
		name: 'downloadFiles',
		type: 'multiOptions',
		options: [
			{ name: 'Audio', value: 'audio' },
			{ name: 'Cover Image', value: 'image' },
			{ name: 'Large Cover Image', value: 'imageLarge' },
			{ name: 'Video', value: 'video' },
		],
		default: [],
		description:
			'Files of finished clips to attach as binary data, ready for S3, Google Drive, disk, Telegram or e-mail nodes. Unfinished clips are not downloaded; their item says why in downloadSkipped.',
	},
];

export const downloadOptions: INodeProperties[] = [
	{
		displayName: 'Binary Property: Audio',
		name: 'audioProperty',
		type: 'string',
		default: 'audio',
		description: 'The binary property that holds the audio file',
	},
	{
		displayName: 'Binary Property: Cover Image',
		name: 'imageProperty',
		type: 'string',
		default: 'image',
		description: 'The binary property that holds the cover image',
	},
	{
		displayName: 'Binary Property: Large Cover Image',
		name: 'imageLargeProperty',
		type: 'string',
		default: 'imageLarge',
		description: 'The binary property that holds the large cover image',
	},
	{
		displayName: 'Binary Property: Video',
		name: 'videoProperty',
		type: 'string',
		default: 'video',
		description: 'The binary property that holds the video',
	},
	{
		displayName: 'Max File Size (MB)',
		name: 'maxFileSize',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 500,
		description: 'A larger file is not downloaded; its item gets an error instead',
	},
];

export const sharedFields: INodeProperties[] = [
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return one flat item per clip with the task on it (taskId, taskStatus, audioUrl, title, lyrics …) instead of the clip as the provider sent it plus a task object',
	},
	...downloadFields,
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to poll until every task is finished (SUCCESS, FAILURE or NOT_FOUND) before returning. Each round asks only for the unfinished tasks.',
	},
	{
		displayName: 'Poll Interval (Seconds)',
		name: 'pollInterval',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 15,
		displayOptions: { show: { waitForCompletion: [true] } },
		description:
			'Seconds between rounds. Gateways refresh their tasks from Suno every 15 seconds, so polling faster only costs requests.',
	},
	{
		displayName: 'Max Wait (Minutes)',
		name: 'maxWait',
		type: 'number',
		typeOptions: { minValue: 0.1, numberPrecision: 1 },
		default: 5,
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
		default: 'emit',
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
				typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
				default: 100,
				description:
					'Task IDs per request (Get Many), at most 100: one-hub gateways answer at most 100 tasks per request and would leave the rest out',
			},
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20, numberPrecision: 0 },
				default: 5,
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
				default: 'emit',
				description: 'What to do with an ID the provider does not know (a typo, or a task of another account)',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 3600 },
				default: 60,
				description: 'How long one request may take before it counts as failed (and is retried)',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
				default: 3,
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

export interface DownloadSettings {
	kinds: FileKind[];
	properties: Record<FileKind, string>;
	maxBytes: number;
}

const optionsCollection = sharedFields.find((field) => field.name === 'options')!;
const inOptions = new Set((optionsCollection.options as INodeProperties[]).map((field) => field.name));
/** Every field by name: its definition above is the one home of its default, range and label. */
const fields = new Map(
	[...sharedFields, ...(optionsCollection.options as INodeProperties[])].map((field) => [field.name, field]),
);

/**
 * Reads fields of one item, each checked against its definition (`readField`); a value its field
 * cannot take fails the item with a message naming the field.
 */
function fieldReader(context: IExecuteFunctions, itemIndex: number) {
	let options: IDataObject | undefined;
	const optionsOf = () => {
		const value = context.getNodeParameter('options', itemIndex, {}) as unknown;
		if (value !== null && value !== undefined && (typeof value !== 'object' || Array.isArray(value))) {
			throw new ParameterError(`Options must be an object, not ${JSON.stringify(value)}.`);
		}
		return (value ?? {}) as IDataObject;
	};
	return <T>(name: string): T => {
		try {
			const value = inOptions.has(name) ? (options ??= optionsOf())[name] : context.getNodeParameter(name, itemIndex, null);
			return readField(fields.get(name)!, value) as T;
		} catch (error) {
			if (error instanceof ParameterError) {
				throw new NodeOperationError(context.getNode(), error.message, {
					itemIndex,
					description: 'Fix the value in the node, or the expression that gives it.',
				});
			}
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
	};
}

export function readOutputOptions(this: IExecuteFunctions, itemIndex: number): OutputOptions {
	const read = fieldReader(this, itemIndex);
	return { simplify: read('simplify'), onMissing: read('onMissing') };
}

export function readFetchSettings(this: IExecuteFunctions): FetchSettings {
	const read = fieldReader(this, 0);
	return {
		batchSize: read('batchSize'),
		concurrency: read('concurrency'),
		policy: { retries: read('retries'), timeoutMs: read<number>('timeout') * 1000 },
		wait: read('waitForCompletion')
			? {
					intervalMs: read<number>('pollInterval') * 1000,
					maxWaitMs: read<number>('maxWait') * 60_000,
					onTimeout: read('onTimeout'),
				}
			: null,
	};
}

export function readDownloadSettings(this: IExecuteFunctions): DownloadSettings {
	const read = fieldReader(this, 0);
	const kinds = read<FileKind[]>('downloadFiles');
	const properties = Object.fromEntries(
		(['audio', 'image', 'imageLarge', 'video'] as const).map((kind) => [kind, read<string>(`${kind}Property`)]),
	) as Record<FileKind, string>;
	// Two files in one binary property: the second would silently replace the first.
	const taken = new Map<string, FileKind>();
	for (const kind of kinds) {
		const other = taken.get(properties[kind]);
		if (other) {
			const label = (name: FileKind) => fields.get(`${name}Property`)!.displayName;
			throw new NodeOperationError(this.getNode(), `${label(other)} and ${label(kind)} are both "${properties[kind]}".`, {
				itemIndex: 0,
				description: 'Each file needs a binary property of its own, or one would replace the other: give them different names.',
			});
		}
		taken.set(properties[kind], kind);
	}
	return { kinds, properties, maxBytes: read<number>('maxFileSize') * 1e6 };
}
