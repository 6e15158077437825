/**
 * The fields the engine reads, for both nodes. Each field's default, range and choices are written
 * here once: the editor shows them, and the readers (read.ts) check values against them. The two
 * nodes differ only where this file says so (`EngineNode`).
 */
import { updateDisplayOptions, type INodeProperties } from 'n8n-workflow';

/** Suno Fetch only reads; Suno Generate submits (paid) and then, by default, waits. */
export type EngineNode = 'fetch' | 'generate';

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

const wording = {
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

/** Sent with every submit of Suno Generate. */
const additionalBodyFields: INodeProperties = {
	displayName: 'Additional Body Fields (JSON)',
	name: 'additionalBodyFields',
	type: 'json',
	default: '{}',
	description:
		'More fields for the submit\'s JSON body, for what your provider documents beyond this node (e.g. {"negative_tags": "heavy metal"}). Stock new-api gateways drop fields they do not know, without an error.',
	// Convert to WAV and Render MP4 are GETs: there is no body to add to.
	displayOptions: { hide: { '/operation': ['convertToWav', 'renderMp4'] } },
};

/**
 * Operations whose results are not tasks (a persona, lyrics timing): nothing to wait for, no task
 * to download files from or to batch. The fields about tasks are hidden for them.
 */
const NOT_TASKS = ['createPersona', 'getLyricsTiming'];

/** Shown only while waiting, on Suno Generate (without a wait it returns task IDs, not clips). */
const whileWaiting = { show: { waitForCompletion: [true] }, hide: { operation: NOT_TASKS } };
const forTasks = { hide: { operation: NOT_TASKS } };

/** The engine's fields for one node, in the order the editor shows them. */
export function engineFields(node: EngineNode): INodeProperties[] {
	const words = wording[node];
	const onlyWhenWaiting = { displayOptions: node === 'generate' ? whileWaiting : forTasks };
	const waitField: INodeProperties = {
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description: words.wait,
		displayOptions: forTasks,
	};
	// Generating is "a prompt in, a song out": waiting is what a user expects there.
	if (node === 'generate') waitField.default = true;
	const output: INodeProperties[] = [
		{
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description:
				'Whether to return one flat item per clip with the task on it (taskId, taskStatus, audioUrl, title, lyrics …) instead of the clip as the provider sent it plus a task object',
			...onlyWhenWaiting,
		},
		// Distinct keys ('/operation' there, 'operation' here): n8n's merge would mix two lists of one key.
		...updateDisplayOptions(
			onlyWhenWaiting.displayOptions,
			updateDisplayOptions(notForLyrics, downloadFields),
		),
	];
	return [
		...(node === 'generate' ? [waitField, ...output] : [...output, waitField]),
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 15,
			displayOptions: whileWaiting,
			description:
				'Seconds between rounds. Gateways refresh their tasks from Suno every 15 seconds, so polling faster only costs requests.',
		},
		{
			displayName: 'Max Wait (Minutes)',
			name: 'maxWait',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 5,
			displayOptions: whileWaiting,
			description:
				'How long to wait at most. The node holds the execution while it waits: for longer waits use a Wait node loop or a schedule.',
		},
		{
			displayName: 'On Timeout',
			name: 'onTimeout',
			type: 'options',
			displayOptions: whileWaiting,
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
		toolTimeLimitField,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			// Alphabetical, as n8n's lint asks.
			options:
				node === 'generate'
					? [additionalBodyFields, ...generateOptions(optionFields(words))]
					: fetchOptions(optionFields(words)),
		},
	];
}

/**
 * Only on the tool variant (n8n's `@tool`), for AI agents and MCP clients, which give a call about
 * 60 s: the answer goes out within this time, whatever Max Wait says, with the tasks as they are.
 */
const toolTimeLimitField: INodeProperties = {
	displayName: 'Tool Time Limit (Seconds)',
	name: 'toolTimeLimit',
	type: 'number',
	typeOptions: { minValue: 5, maxValue: 3600 },
	default: 45,
	displayOptions: { show: { '@tool': [true] } },
	description:
		'The longest a call of this tool may take before it answers. MCP clients give up on a call after 60 s by default. A song not finished by then comes back with its task ID and status, to fetch later with Suno Fetch; it is never submitted again.',
};

/** Lyrics tasks have no files, nor have results that are not tasks. */
const notForLyrics = { hide: { '/operation': ['generateLyrics', ...NOT_TASKS] } };
/** Without a wait Suno Generate returns task IDs only: the options about fetching go with it. */
const WAITING_OPTIONS = ['batchSize', 'onMissing'];
const FILE_OPTIONS = ['maxFileSize', ...fileFields.map((field) => field.name)];
const notForResults = { hide: { '/operation': NOT_TASKS } };

function generateOptions(options: INodeProperties[]): INodeProperties[] {
	return options.map((field) => {
		if (FILE_OPTIONS.includes(field.name))
			return updateDisplayOptions({ show: { '/waitForCompletion': [true] }, ...notForLyrics }, [
				field,
			])[0];
		if (WAITING_OPTIONS.includes(field.name))
			return updateDisplayOptions({ show: { '/waitForCompletion': [true] }, ...notForResults }, [
				field,
			])[0];
		return field;
	});
}

function fetchOptions(options: INodeProperties[]): INodeProperties[] {
	return options.map((field) =>
		FILE_OPTIONS.includes(field.name) || WAITING_OPTIONS.includes(field.name)
			? updateDisplayOptions(notForResults, [field])[0]
			: field,
	);
}

function optionFields(words: (typeof wording)[EngineNode]): INodeProperties[] {
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
