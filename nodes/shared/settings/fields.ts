/**
 * The fields both operations share. Each field's default, range and choices are written here once:
 * the editor shows them, and the readers (read.ts) check values against them.
 */
import type { INodeProperties } from 'n8n-workflow';

const downloadFields: INodeProperties[] = [
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

/** Shown only once a file is chosen in Download Files. */
const whenDownloading = { show: { '/downloadFiles': ['audio', 'image', 'imageLarge', 'video'] } };

const maxFileSizeField: INodeProperties = {
	displayName: 'Max File Size (MB)',
	name: 'maxFileSize',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 500,
	displayOptions: whenDownloading,
	description: 'A larger file is not downloaded; its item gets an error instead',
};

/** Where each file goes: `Put Audio in Field` → `binary.audio`. */
const fileFields: INodeProperties[] = (
	[
		['Audio', 'audioProperty', 'audio', 'audio file'],
		['Cover', 'imageProperty', 'image', 'cover image'],
		['Large Cover', 'imageLargeProperty', 'imageLarge', 'large cover image'],
		['Video', 'videoProperty', 'video', 'video'],
	] as const
).map(([label, name, binaryName, file]) => ({
	displayName: `Put ${label} in Field`,
	name,
	type: 'string',
	default: binaryName,
	// Each only when its own file is chosen (the value is also that file's kind).
	displayOptions: { show: { '/downloadFiles': [binaryName] } },
	description: `The binary field of the output item that holds the ${file}`,
}));

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
			'Whether to poll until every task is finished (SUCCESS, FAILURE, UNKNOWN or NOT_FOUND) before returning. Each round asks only for the unfinished tasks.',
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
				description:
					'Return the unfinished tasks with their current status, and a hint naming them',
			},
			{
				name: 'Fail',
				value: 'error',
				description: 'Stop with an error that names the unfinished tasks',
			},
		],
		default: 'emit',
		description:
			'What to do when tasks are still unfinished after Max Wait. Tasks are never resubmitted.',
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
			maxFileSizeField,
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
				description:
					'What to do with an ID the provider does not know (a typo, or a task of another account)',
			},
			...fileFields,
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
