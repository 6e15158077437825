/**
 * The engine's fields that differ by node only in their words, and the Options collection's fields.
 * Each field's default, range and choices are written here once: the editor shows them, and the
 * readers (read.ts) check values against them. When each is shown is fields.ts's business.
 */
import type { INodeProperties } from 'n8n-workflow';

/** Suno Fetch only reads; Suno Generate submits (paid) and then, by default, waits. */
export type EngineNode = 'fetch' | 'generate';

export const WORDING = {
	fetch: {
		wait: 'Whether to poll until every task is finished (SUCCESS, FAILURE or UNKNOWN) before returning. Each round asks only for the unfinished tasks; an ID the provider does not list yet is asked for again until Max Wait.',
		batchSize:
			'Task IDs per request (Get Many), at most 100: one-hub gateways answer at most 100 tasks per request and would leave the rest out',
		concurrency: 'How many requests may be in flight at once',
		timeout: 'How long one request may take before it counts as failed (and is retried)',
		retries:
			'How often to repeat a request that met a rate limit (429, after its Retry-After), a server error (5xx) or a network error. Fetching only reads, so this is always safe.',
	},
	generate: {
		wait: 'Whether to wait for what the task makes (songs, lyrics, stems, a file) and return it as Suno Fetch does, one item per clip. Off: one item per submitted task with its ID, to fetch later. An answer that is the result itself (a file) needs no wait.',
		batchSize:
			'Task IDs per status request while waiting, at most 100: one-hub gateways answer at most 100 tasks per request',
		concurrency: 'How many requests (submits, status polls, downloads) may be in flight at once',
		timeout:
			'How long one request may take before it counts as failed. A poll or download is then retried; a submit is not, as the provider may have created the task.',
		retries:
			'How often to repeat a read (a status poll, a download) that met a rate limit (429), a server error (5xx) or a network error. A paid request is repeated only when the provider surely created nothing (a 429, or a connection refused), never after a 5xx or a timeout.',
	},
};

export type Wording = (typeof WORDING)[EngineNode];

export const downloadFilesField: INodeProperties = {
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
};

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

/** The options about files, and (below) those about fetching tasks. */
export const FILE_OPTIONS = ['maxFileSize', ...fileFields.map((field) => field.name)];
/**
 * Suno Fetch's only (named when Suno Generate showed them while waiting): Suno Generate's editor
 * no longer offers them, and its run reads them at their defaults (fields.ts, the 'reader' view).
 */
export const FETCH_ONLY_OPTIONS = ['batchSize', 'onMissing'];

/** Sent with every submit of Suno Generate. */
export const additionalBodyField: INodeProperties = {
	displayName: 'Extra Body Fields',
	name: 'additionalBodyFields',
	type: 'json',
	default: '{}',
	description:
		'A JSON object of more fields for the submit\'s body, for what your provider documents beyond this node (e.g. {"negative_tags": "heavy metal"}). Stock new-api gateways drop fields they do not know, without an error.',
};

const onMissingField: INodeProperties = {
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
};

/** The Options collection's fields, alphabetical as n8n's lint asks. */
export function optionFields(words: Wording): INodeProperties[] {
	return [
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 100, numberPrecision: 0 },
			default: 100,
			description: words.batchSize,
		},
		{
			displayName: 'Concurrency',
			name: 'concurrency',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 20, numberPrecision: 0 },
			default: 5,
			description: words.concurrency,
		},
		maxFileSizeField,
		onMissingField,
		...fileFields,
		{
			displayName: 'Request Timeout (Seconds)',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: 60,
			description: words.timeout,
		},
		{
			displayName: 'Retries',
			name: 'retries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			default: 3,
			description: words.retries,
		},
	];
}
